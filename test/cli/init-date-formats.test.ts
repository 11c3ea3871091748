/**
 * Date formats end to end: what `kpi init` writes for a column of several layouts (`A | B`,
 * per field) is read back by `kpi report`.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { kpi, tempDir } from '../helpers/cli.js';

const TODAY = ['--today', '2026-11-28'];
const LEADS = 'ID;Дата создания;Источник\n1;05.03.2024 14:20:11;SEO\n2;06.03.2024 10:00;SEO\n';

describe('init → report with a per-field date_format of alternatives', () => {
  it('uses both rows of a column mixing HH:mm:ss and HH:mm', () => {
    const dir = tempDir({ 'leads.csv': LEADS });
    const init = kpi(['init', 'leads.csv', ...TODAY], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    // what init writes today: the detected `A | B` under the field
    expect(readFileSync(path.join(dir, 'kpi.config.yaml'), 'utf8')).toMatch(/created_at: "?dd\.MM\.yyyy HH:mm:ss \| dd\.MM\.yyyy HH:mm/);
    const r = kpi(['report', '-p', '2024', '-O', 'json', ...TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('bad_date');
    const input = JSON.parse(r.stdout).meta.inputs[0];
    expect([input.rows_used, input.rows_rejected]).toEqual([2, 0]);
  });

  it.each([
    ['a YAML list per field', '{ created_at: [dd.MM.yyyy HH:mm:ss, dd.MM.yyyy HH:mm] }'],
    ['"A | B" for the source', '"dd.MM.yyyy HH:mm:ss | dd.MM.yyyy HH:mm"'],
  ])('reads both rows with %s', (_, df) => {
    const dir = tempDir({ 'leads.csv': LEADS, 'kpi.config.yaml': `sources:\n  - kind: leads\n    files: leads.csv\n    date_format: ${df}\n` });
    const r = kpi(['report', '-p', '2024', '-O', 'json', ...TODAY], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).meta.inputs[0].rows_used).toBe(2);
  });

  it('a bad alternative of a per-field format is a config error naming the key', () => {
    const dir = tempDir({ 'leads.csv': LEADS });
    writeFileSync(path.join(dir, 'kpi.config.yaml'), 'sources:\n  - kind: leads\n    files: leads.csv\n    date_format: { created_at: "dd.MM.yyyy HH:mm:ss | DD.MM.yyyy HH:mm" }\n');
    const r = kpi(['report', '-p', '2024', '-O', 'json', ...TODAY], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sources\[0\]\.date_format\.created_at: found .*did you mean yyyy\/dd\?/);
  });
});
