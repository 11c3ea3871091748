/**
 * `--explain` (SPEC-DECISIONS #10): besides each metric's formula and terms, every section says
 * which records the last column left out — dated outside it, junk by status, hidden callers,
 * void lines, rejected rows — counted by hand on a small company.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { kpi, tempDir } from '../helpers/cli.js';

const crlf = (rows: string[]) => rows.join('\r\n') + '\r\n';

const files = {
  'kpi.config.yaml': 'lead_exclude_statuses: [Спам]\n',
  'leads.csv': crlf([
    'ID;Дата создания;Источник;Стадия',
    '1;05.03.2024 10:00;SEO;Новая', // in March
    '2;06.03.2024 10:00;SEO;Спам', // in March, junk by status
    '3;07.02.2024 10:00;SEO;Новая', // February: outside the column
    '4;вчера;SEO;Новая', // rejected: no date
  ]),
  'invoices.csv': crlf([
    'Дата;Номер;Контрагент;Сумма;Статус',
    '05.03.2024;1;ООО Ромашка;1 200,00;Оплачен',
    '06.03.2024;2;ООО Лютик;300,00;Отменён', // void
    '10.01.2024;3;ООО Лютик;500,00;Оплачен', // January
    '31.02.2024;4;ООО Лютик;500,00;Оплачен', // rejected: no such day
  ]),
};

describe('--explain names what the last column left out', () => {
  it('per kind, under the sections that read it, in English and Russian', () => {
    const dir = tempDir(files);
    const args = ['report', path.join(dir, 'leads.csv'), path.join(dir, 'invoices.csv'), '-c', path.join(dir, 'kpi.config.yaml'), '--today', '2024-04-10', '-p', '2024-03', '--explain'];
    const r = kpi(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('left out, leads: dated outside the column 1, junk or spam by status 1, rejected rows 1');
    expect(r.stdout).toContain('left out, invoice lines: dated outside the column 1, void 1, rejected rows 1');
    // the lead section reads no invoices: its block names leads only
    const leadsBlock = r.stdout.slice(0, r.stdout.indexOf('┌', r.stdout.indexOf('lead_conversion')));
    expect(leadsBlock).toContain('left out, leads:');
    expect(leadsBlock).not.toContain('left out, invoice lines:');
    const ru = kpi([...args, '--lang', 'ru']);
    expect(ru.stdout).toContain('не учтены, лиды: с датой вне столбца 1, мусор или спам по статусу 1, отклонённые строки 1');
  });

  it('JSON explains every shown column, though the report computed more spans (last year, the sparkline)', () => {
    const dir = tempDir(files);
    const r = kpi(['report', path.join(dir, 'leads.csv'), path.join(dir, 'invoices.csv'), '-c', path.join(dir, 'kpi.config.yaml'), '--today', '2024-04-10', '-p', '2024-01..2024-03', '--compare', 'yoy', '--explain', '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: { metric: string; group: string | null; period: string; explain: { terms: Record<string, number> | null } }[] }).rows;
    const conv = rows.filter((x) => x.metric === 'lead_conversion' && x.group === null);
    expect(conv.map((x) => x.period)).toEqual(['2024-01', '2024-02', '2024-03']);
    for (const x of conv) expect(Object.keys(x.explain.terms ?? {}).sort()).toEqual(['leads_total', 'leads_won']);
  });

  it('markdown and HTML carry the same lines; without --explain there are none', () => {
    const dir = tempDir(files);
    const base = ['report', path.join(dir, 'leads.csv'), path.join(dir, 'invoices.csv'), '-c', path.join(dir, 'kpi.config.yaml'), '--today', '2024-04-10', '-p', '2024-03'];
    expect(kpi([...base, '--explain', '-O', 'md']).stdout).toContain('- left out, invoice lines: dated outside the column 1, void 1, rejected rows 1');
    expect(kpi([...base, '--explain', '-O', 'html']).stdout).toContain('<li>left out, leads: dated outside the column 1, junk or spam by status 1, rejected rows 1</li>');
    expect(kpi(base).stdout).not.toContain('left out');
  });
});
