import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { renderXlsx } from '../../src/render/xlsx.js';
import { ISSUES_SHEET_MAX } from '../../src/render/xlsx-tables.js';
import { EXCEL_MAX_TEXT, cellText, ooxmlText, sheetName } from '../../src/render/xlsx-cells.js';
import { reportRows } from '../../src/render/json.js';
import { groupLabel, periodLabel, sectionTitle } from '../../src/render/i18n.js';
import { metricDef, type MetricKind } from '../../src/kpi/registry.js';
import type { Lang } from '../../src/render/numbers.js';
import type { Report } from '../../src/report/model.js';
import { HOSTILE_NAMES, richReport } from './rich-factories.js';

/** Formats the workbook must use, spelled out here rather than imported (Decision #46). */
const FORMAT: Record<MetricKind, string> = { count: '0', money: '#,##0.00', money_per_client: '#,##0.00', ratio: '0.0%', minutes: '0.0' };
const FORMULA_LIKE = /^[=+\-@\t\r]/;

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}; have ${wb.worksheets.map((w) => w.name).join(', ')}`);
  return ws;
}

/** Cell style indexes and quotePrefix flags straight from the package XML (exceljs reads neither). */
function rawPackage(buf: Buffer) {
  const zip = unzipSync(new Uint8Array(buf));
  const styles = strFromU8(zip['xl/styles.xml']!);
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!;
  const quoted = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => m[0].includes('quotePrefix="1"'));
  const sheets = Object.keys(zip).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).map((k) => strFromU8(zip[k]!));
  /** `s` per cell address, per sheet in workbook order. */
  const styleOf = sheets.map((x) => new Map([...x.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?/g)].map((m) => [m[1]!, Number(m[2] ?? 0)])));
  return { quoted, sheets, styleOf, zip };
}

const colLetter = (n: number) => (n <= 26 ? String.fromCharCode(64 + n) : String.fromCharCode(64 + Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

describe('ooxmlText', () => {
  it.each([
    ['plain', 'plain'],
    ['crlf\r\nhere', 'crlf_x000D_\nhere'],
    ['_x0041_', '_x005F_x0041_'],
    ['_x00zz_ and _x12', '_x00zz_ and _x12'],
    ['ctl\u0001', 'ctl_x0001_'],
    ['tab\tand\nnewline', 'tab\tand\nnewline'],
  ])('%j → %j', (s, out) => {
    expect(ooxmlText(s)).toBe(out);
  });
});

describe('sheetName', () => {
  it.each([
    ['Leads', 'Leads'],
    ['a/b\\c?d*e[f]g:h', 'a_b_c_d_e_f_g_h'],
    ["'quoted'", 'quoted'],
    ['History', 'History_'],
    ['', 'Sheet'],
    ['x'.repeat(40), 'x'.repeat(31)],
    ['x'.repeat(30) + '😀', 'x'.repeat(30)],
  ])('%j → %j', (title, out) => {
    expect(sheetName(title, new Set())).toBe(out);
  });
  it('makes names unique case-insensitively within 31 characters', () => {
    const taken = new Set(['data']);
    expect(sheetName('DATA', taken)).toBe('DATA (2)');
    expect(sheetName('y'.repeat(31), taken)).toBe('y'.repeat(31));
    expect(sheetName('Y'.repeat(35), taken)).toBe('Y'.repeat(27) + ' (2)');
    expect([...taken]).toEqual(['data', 'data (2)', 'y'.repeat(31), 'y'.repeat(27) + ' (2)']);
  });
});

describe.each<[Lang]>([['en'], ['ru']])('renderXlsx (%s)', (lang) => {
  const report = richReport({ groupBy: 'manager', compare: 'prev' });
  const bufP = renderXlsx(report, { lang });

  it('has one localized sheet per section, then Data, Issues and Inputs', async () => {
    const wb = await load(await bufP);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual([...report.sections.map((s) => sectionTitle(s.id, lang)), 'Data', 'Issues', 'Inputs']);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
  });

  it('freezes the header row and filters every table', async () => {
    const wb = await load(await bufP);
    for (const ws of wb.worksheets) {
      const v = ws.views[0] as { state?: string; ySplit?: number; xSplit?: number };
      expect(v.state, ws.name).toBe('frozen');
      expect(v.ySplit, ws.name).toBe(1);
      const width = ws.getRow(1).cellCount;
      expect(ws.autoFilter, ws.name).toMatch(new RegExp(`^A1:${colLetter(width)}\\d+$`));
    }
    const data = sheet(wb, 'Data');
    expect(data.autoFilter).toBe(`A1:O${reportRows(report).length + 1}`);
    expect((wb.worksheets[0]!.views[0] as { xSplit?: number }).xSplit).toBe(2);
  });

  it('writes the tidy rows to Data: typed numbers with kind formats, date cells, exact text', async () => {
    const wb = await load(await bufP);
    const ws = sheet(wb, 'Data');
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(['period', 'start', 'end', 'section', 'group_by', 'group', 'metric', 'value', 'compare_period', 'compare_value', 'delta', 'delta_pct', 'target_min', 'target_max', 'target_status']);
    const rows = reportRows(report);
    expect(ws.actualRowCount).toBe(rows.length + 1);
    rows.forEach((x, i) => {
      const line = ws.getRow(i + 2);
      const at = (c: number) => line.getCell(c);
      expect(at(1).value).toBe(x.period);
      expect(at(1).type).toBe(ExcelJS.ValueType.String);
      expect(at(2).type).toBe(ExcelJS.ValueType.Date);
      expect((at(2).value as Date).toISOString().slice(0, 10)).toBe(x.start);
      expect((at(3).value as Date).toISOString().slice(0, 10)).toBe(x.end);
      expect(at(2).numFmt).toBe('yyyy-mm-dd');
      expect(at(4).value).toBe(x.section);
      expect(at(5).value).toBe(x.group_by);
      expect(at(6).value ?? null).toBe(x.group);
      expect(at(7).value).toBe(x.metric);
      if (x.value === null) expect(at(8).type).toBe(ExcelJS.ValueType.Null);
      else {
        expect(at(8).type).toBe(ExcelJS.ValueType.Number);
        expect(at(8).value).toBe(x.value);
        expect(at(8).numFmt).toBe(FORMAT[metricDef(x.metric)!.kind]);
      }
      const c = x.compare as { period: string; delta: number | null } | null;
      expect(at(9).value ?? null).toBe(c?.period ?? null);
      expect(at(11).value ?? null).toBe(c?.delta ?? null);
      const tg = x.target as { min: number | null; max: number | null; status: string } | undefined;
      expect([at(13).value ?? null, at(14).value ?? null, at(15).value ?? null]).toEqual(tg ? [tg.min, tg.max, tg.status] : [null, null, null]);
    });
    const groups = new Set(rows.map((x) => x.group));
    for (const name of HOSTILE_NAMES) expect(groups.has(name), name).toBe(true);
  });

  it('shows each section with period heads as text, values as numbers, Δ for the last period and the plan', async () => {
    const wb = await load(await bufP);
    const last = report.columns.length - 1;
    for (const [si, sec] of report.sections.entries()) {
      const ws = wb.worksheets[si]!;
      const head = (ws.getRow(1).values as unknown[]).slice(1);
      const periods = report.columns.map((c, ci) => periodLabel(c.label, lang) + (c.clipped ? '*' : '') + (sec.id === 'clients' && ci === last ? '~' : ''));
      expect(head.slice(2, 2 + periods.length)).toEqual(periods);
      expect(head.slice(6, 8)).toEqual(lang === 'en' ? ['Δ prev', 'Δ prev %'] : ['Δ к пред.', 'Δ к пред. %']);
      sec.rows.forEach((row, ri) => {
        const line = ws.getRow(ri + 2);
        expect(line.getCell(1).value).toBe(row.def.label[lang]);
        expect(line.getCell(2).value).toBe(row.group === null ? (lang === 'en' ? 'Total' : 'Итого') : groupLabel(row.group, lang));
        row.values.forEach((v, ci) => {
          const cell = line.getCell(3 + ci);
          expect(cell.value ?? null).toBe(v);
          if (v !== null) expect(cell.numFmt).toBe(FORMAT[row.def.kind]);
          expect(cell.font?.italic === true).toBe(sec.id === 'clients' && ci === last);
        });
        expect(line.getCell(7).value ?? null).toBe(row.compare.prev[last]?.delta ?? null);
        expect(line.getCell(8).value ?? null).toBe(row.compare.prev[last]?.delta_pct ?? null);
      });
    }
    const active = wb.worksheets[1]!;
    expect(active.getRow(1).getCell(9).value).toBe(lang === 'en' ? 'plan' : 'план');
    expect(active.getRow(2).getCell(9).value).toBe(600);
    expect((active.getRow(2).getCell(4).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFE3E3');
    expect((active.getRow(2).getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFE3F9E5');
  });

  it('adds note rows under a section explaining * and ~, outside the filter', async () => {
    const wb = await load(await bufP);
    const ws = wb.worksheets[report.sections.findIndex((s) => s.id === 'clients')]!;
    const lastRow = Number(/\d+$/.exec(String(ws.autoFilter))![0]);
    expect(ws.getRow(lastRow + 1).cellCount).toBe(0);
    const notes = [ws.getCell(lastRow + 2, 1).value, ws.getCell(lastRow + 3, 1).value].map(String);
    expect(notes[0]).toMatch(/^\* .*10\.07.*31\.07/);
    expect(notes[1]).toContain(periodLabel('2026-10', lang));
    expect(notes[1]!.startsWith('~')).toBe(true);
  });

  it('lists issues and inputs with numbers as numbers and the footer notes', async () => {
    const wb = await load(await bufP);
    const issues = sheet(wb, 'Issues');
    expect(issues.actualRowCount).toBe(report.issues.length + 1);
    expect(issues.getCell('E2').value).toBe(7);
    expect(issues.getCell('H2').value).toBe('=1+2');
    expect(issues.getCell('E4').type).toBe(ExcelJS.ValueType.Null);
    const inputs = sheet(wb, 'Inputs');
    report.meta.inputs.forEach((x, i) => {
      const row = (inputs.getRow(i + 2).values as unknown[]).slice(1);
      expect(row).toEqual([x.file, x.kind, x.sheet ?? undefined, x.rows_read, x.rows_used, x.rows_rejected, x.rows_blank, x.rows_merged, x.rows_void, x.rows_excluded, x.warnings]);
    });
    const notes: string[] = [];
    inputs.eachRow((row, n) => n > report.meta.inputs.length + 1 && notes.push(String(row.getCell(1).value)));
    expect(notes.join('\n')).toContain('Europe/Moscow');
  });

  it('lists the first issues of a run with very many, then a row counting the rest', async () => {
    const many = { ...report, issues: Array.from({ length: ISSUES_SHEET_MAX + 5 }, (_, k) => ({ ...report.issues[0]!, line: k + 2 })) };
    const issues = sheet(await load(await renderXlsx(many, { lang: 'en' })), 'Issues');
    expect(issues.actualRowCount).toBe(ISSUES_SHEET_MAX + 2);
    expect(issues.getCell(`E${ISSUES_SHEET_MAX + 1}`).value).toBe(ISSUES_SHEET_MAX + 1);
    expect(String(issues.getCell(`K${ISSUES_SHEET_MAX + 2}`).value)).toBe(`… and 5 more issues (${ISSUES_SHEET_MAX + 5} in all): a sheet lists the first ${ISSUES_SHEET_MAX}; -O json and --rejects FILE list every one`);
  });

  it("cuts a text past Excel's 32,767 characters a cell, visibly, and keeps the rest whole", async () => {
    const long = 'x'.repeat(40_000);
    const pair = 'y'.repeat(EXCEL_MAX_TEXT - 2) + '😀' + 'z'.repeat(10); // the cut would split the emoji
    const huge = { ...report, issues: [{ ...report.issues[0]!, value: long }, { ...report.issues[0]!, value: pair }, ...report.issues] };
    const issues = sheet(await load(await renderXlsx(huge, { lang: 'en' })), 'Issues');
    const first = String(issues.getCell('H2').value);
    expect(first).toHaveLength(EXCEL_MAX_TEXT);
    expect(first).toBe('x'.repeat(EXCEL_MAX_TEXT - 1) + '…');
    expect(String(issues.getCell('H3').value)).toBe('y'.repeat(EXCEL_MAX_TEXT - 2) + '…');
    expect(issues.getCell('H4').value).toBe('=1+2');
    expect(cellText('short')).toBe('short');
    expect(cellText('a'.repeat(EXCEL_MAX_TEXT))).toBe('a'.repeat(EXCEL_MAX_TEXT));
  });

  it('never writes a formula, and gives formula-like text (and only that) the quotePrefix style', async () => {
    const buf = await bufP;
    const wb = await load(buf);
    const raw = rawPackage(buf);
    for (const x of raw.sheets) expect(x).not.toMatch(/<f[ >]/);
    let quoted = 0;
    wb.worksheets.forEach((ws, wi) => {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const s = raw.styleOf[wi]!.get(cell.address) ?? 0;
          const isText = typeof cell.value === 'string';
          expect(raw.quoted[s], `${ws.name}!${cell.address} ${JSON.stringify(cell.value)}`).toBe(isText && FORMULA_LIKE.test(cell.value as string));
          if (raw.quoted[s]) quoted++;
        }),
      );
    });
    expect(quoted).toBeGreaterThan(50);
    expect(sheet(wb, 'Inputs').getCell('A3').value).toBe('=cmd|calls.xlsx');
  });
});

describe('renderXlsx details', () => {
  it('gives the same bytes for the same report (no clock in the file)', async () => {
    const r = richReport({ groupBy: 'channel' });
    const a = await renderXlsx(r, { lang: 'en' });
    const b = await renderXlsx(r, { lang: 'en' });
    expect(Buffer.compare(a, b)).toBe(0);
    const core = strFromU8(unzipSync(new Uint8Array(a))['docProps/core.xml']!);
    expect(core).toContain('2026-11-15T12:00:00Z');
  });

  it('adds target columns to Data and leaves empty cells for nulls when ungrouped', async () => {
    const r = richReport();
    const wb = await load(await renderXlsx(r, { lang: 'en' }));
    const ws = sheet(wb, 'Data');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['period', 'start', 'end', 'section', 'group_by', 'group', 'metric', 'value', 'target_min', 'target_max', 'target_status']);
    const rows = reportRows(r);
    const i = rows.findIndex((x) => x.metric === 'missed_unreturned' && x.period === '2026-08');
    expect((ws.getRow(i + 2).values as unknown[]).slice(9)).toEqual([undefined, 0, 'ok']);
    expect(ws.getRow(i + 2).getCell(5).type).toBe(ExcelJS.ValueType.Null);
    expect(wb.worksheets[0]!.getRow(1).getCell(2).value).toBe(r.columns[0]!.label + '*');
  });

  it('writes a workbook for an empty report: headers only', async () => {
    const base = richReport();
    const r: Report = { ...base, columns: [], sections: [], issues: [], meta: { ...base.meta, span: null, columns: [], inputs: [] } };
    const wb = await load(await renderXlsx(r, { lang: 'ru' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', 'Issues', 'Inputs']);
    expect(sheet(wb, 'Data').actualRowCount).toBe(1);
    expect(sheet(wb, 'Data').autoFilter).toBe('A1:H1');
  });
});
