/**
 * Rows without a target share one array of nulls (a grouped report has a row per metric and
 * group); a target must land on the rows it names and on no other.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { kpi, tempDir } from '../helpers/cli.js';

const leads = [
  'ID;Дата создания;Источник;Ответственный',
  '1;05.03.2024 10:00;SEO;Иванов',
  '2;06.03.2024 10:00;SEO;Иванов',
  '3;07.03.2024 10:00;Директ;Петров',
  '4;08.04.2024 10:00;Директ;Петров',
].join('\n') + '\n';

const config = [
  'sources:',
  '  - kind: leads',
  '    files: leads.csv',
  'targets:',
  '  - { metric: leads_total, per: manager, interval: month, min: 2 }',
  '  - { metric: leads_inbound, max: 5 }',
].join('\n') + '\n';

interface Row { metric: string; group: string | null; period: string; target?: { status: string } }

describe('targets on a grouped report', () => {
  it('mark the rows they name, in every column, and no other row', () => {
    const dir = tempDir({ 'leads.csv': leads, 'kpi.config.yaml': config });
    const r = kpi(['report', '-c', path.join(dir, 'kpi.config.yaml'), '--today', '2024-06-01', '-p', '2024-03..2024-04', '-g', 'manager', '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
    const marked = rows.filter((x) => x.target !== undefined).map((x) => `${x.metric}|${x.group ?? '-'}|${x.period}|${x.target!.status}`);
    expect(marked.sort()).toEqual([
      'leads_inbound|-|2024-03|ok',
      'leads_inbound|-|2024-04|ok',
      'leads_total|Иванов|2024-03|ok',
      'leads_total|Иванов|2024-04|missed',
      'leads_total|Петров|2024-03|missed',
      'leads_total|Петров|2024-04|missed',
    ]);
  });
});
