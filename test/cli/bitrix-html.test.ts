/**
 * Bitrix24's "Экспорт в Excel" — an HTML table saved as .xls (EXPORT-FORMATS §0.2) — through the
 * whole pipeline: `kpi report` counts its leads, `kpi inspect` names the format; HTML without a
 * table of records, Excel 2003 XML and a real .xls are still refused as before.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import iconv from 'iconv-lite';
import { kpi, tempDir } from '../helpers/cli.js';
import { inspectJsonSchema, reportJsonSchema } from '../../src/report/json-schema.js';

const HEADERS = ['ID', 'Название лида', 'Дата создания', 'Статус', 'Источник', 'Ответственный', 'Телефон'];

// cells as Bitrix writes them into <td>: HTML-escaped text
const LEADS = [
  ['1', 'Заявка с сайта', '02.11.2026 10:15:00', 'Не обработан', 'Веб-сайт', 'Иванов Иван', '+7 (495) 123-45-67'],
  ['2', 'Звонок &amp; письмо', '03.11.2026 11:00:00', 'В работе', 'Звонок', 'Петров Пётр', '+7 916 000-00-01'],
  ['3', 'Выставка &laquo;Связь&raquo;', '05.11.2026 12:30:00', 'Качественный лид', 'Выставка', 'Иванов Иван', '8 916 000-00-02'],
  ['4', 'Сайт, повторно', '10.11.2026 09:00:00', 'Некачественный лид', 'Веб-сайт', 'Сидорова Анна', ''],
  ['5', 'Баннер', '12.11.2026 14:45:10', 'В работе', 'Реклама', 'Петров Пётр', '+7 916 000-00-03, +7 916 000-00-04'],
  ['6', 'ООО &quot;Ромашка&quot;', '20.11.2026 16:00:00', 'Не обработан', 'Веб-сайт', 'Иванов Иван', ''],
  ['7', 'Перезвонить<br>после обеда', '25.11.2026 08:05:00', 'В работе', 'Звонок', 'Сидорова Анна', ''],
  ['8', 'Октябрьский', '15.10.2026 10:00:00', 'В работе', 'Веб-сайт', 'Иванов Иван', ''],
  ['9', 'Плохая дата', '31.02.2026 09:00:00', 'Не обработан', 'Веб-сайт', 'Петров Пётр', ''],
];

/** The file crm.lead.list/templates/.default/excel.php writes, in the portal's charset. */
function bitrixXls(charset: string): Buffer {
  let s = `<meta http-equiv="Content-type" content="text/html;charset=${charset}" />\n\t\t<table border="1">\n\t\t<thead>\n\t\t<tr>`;
  s += HEADERS.map((h) => `<th>${h}</th>`).join('') + '</tr>\n\t\t</thead>\n\t\t<tbody>';
  for (const r of LEADS) s += '<tr>' + r.map((c) => `<td>${c}</td>`).join('') + '</tr>';
  s += '</tbody></table>';
  return charset === 'UTF-8' ? Buffer.from(s, 'utf8') : iconv.encode(s, 'win1251');
}

const BASE = ['--no-config', '--today', '2026-11-28'];

describe.each([
  ['boxed install, windows-1251', 'windows-1251'],
  ['cloud portal, UTF-8', 'UTF-8'],
])('Bitrix24 lead list exported "to Excel" (%s)', (_name, charset) => {
  const dir = tempDir({ 'LEAD_20261128.xls': bitrixXls(charset) });
  const file = path.join(dir, 'LEAD_20261128.xls');

  it('kpi report reads it: every row used or rejected, leads per channel', () => {
    const r = kpi(['report', file, ...BASE, '-p', '2026-11', '-g', 'channel', '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = reportJsonSchema.parse(JSON.parse(r.stdout));
    const input = doc.meta.inputs[0]!;
    expect(input).toMatchObject({ kind: 'leads', sheet: null, rows_read: 9, rows_used: 8, rows_rejected: 1 });
    expect(input.rows_read).toBe(input.rows_used + input.rows_rejected);
    const perChannel = Object.fromEntries(
      doc.rows.filter((x) => x.section === 'leads' && x.metric === 'leads_total' && x.group !== null).map((x) => [x.group, x.value]),
    );
    expect(perChannel).toEqual({ 'Веб-сайт': 3, 'Звонок': 2, 'Выставка': 1, 'Реклама': 1 });
    const total = doc.rows.find((x) => x.section === 'leads' && x.metric === 'leads_total' && x.group === null);
    expect(total?.value).toBe(7);
    // the rejected row is named by its row in the table (the header is row 1)
    const bad = doc.issues.filter((i) => i.code === 'bad_date');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ line: 10, column: 'Дата создания', value: '31.02.2026 09:00:00' });
    expect(r.stderr).toContain(`${file}:10: error[bad_date] column "Дата создания" (3): found "31.02.2026 09:00:00"`);
  });

  it('kpi inspect shows the format, the encoding and the header row', () => {
    const r = kpi(['inspect', file, ...BASE, '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const f = inspectJsonSchema.parse(JSON.parse(r.stdout)).files[0]!;
    expect(f).toMatchObject({ kind: 'leads', format: 'html', encoding: charset.toLowerCase(), delimiter: null, sheet: null, sheets: [], header_row: 1, rows: 9, records: 8, rejected: 1 });
    expect(Object.fromEntries(f.columns.filter((c) => c.field !== null).map((c) => [c.field, c.header]))).toEqual({
      id: 'ID', created_at: 'Дата создания', status: 'Статус', channel: 'Источник', manager: 'Ответственный', phone: 'Телефон',
    });
    // entities and <br> are decoded in the records
    const s = f.samples[0] as Record<string, unknown>;
    expect(s).toMatchObject({ id: '1', createdAt: '2026-11-02 10:15:00', channel: 'Веб-сайт', manager: 'Иванов Иван', phone: '+74951234567' });

    const t = kpi(['inspect', file, ...BASE]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain(`format     html, ${charset.toLowerCase()}`);
    expect(t.stdout).toContain('header     row 1');
  });

  it('reads the same from standard input', () => {
    const r = kpi(['report', '--leads', '-', ...BASE, '-p', '2026-11', '-O', 'json'], { input: bitrixXls(charset) });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).meta.inputs[0]).toMatchObject({ rows_read: 9, rows_used: 8, rows_rejected: 1 });
  });
});

describe('what is still refused (exit 3, format_unsupported, the same messages)', () => {
  const HTML_WHAT = 'unsupported format: this is an HTML document without a table of records (kpi reads an HTML table of two rows or more, as Bitrix24 "Export to Excel" writes)';
  const dir = tempDir({
    'page.html': '<!DOCTYPE html>\n<html><head><title>Каталог</title></head><body><h1>Привет</h1><p>Здесь нет таблицы.</p></body></html>\n',
    'one-row.xls': '<meta http-equiv="Content-type" content="text/html;charset=UTF-8" />\n<table border="1"><tr><th>ID</th><th>Название лида</th></tr></table>',
    'excel2003.xls': '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Лиды"></Worksheet></Workbook>\n',
    'legacy.xls': Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
  });

  it.each([
    ['page.html', HTML_WHAT, 'use the CSV export, or open the file in Excel and save as .xlsx'],
    ['one-row.xls', HTML_WHAT, 'use the CSV export, or open the file in Excel and save as .xlsx'],
    ['excel2003.xls', 'unsupported format: this is an Excel 2003 XML spreadsheet', 'open it in Excel or LibreOffice and save as .xlsx or .csv'],
    ['legacy.xls', 'unsupported format: this is a legacy Excel .xls (OLE) workbook', 'open it in Excel or LibreOffice and save as .xlsx or .csv'],
  ])('%s', (name, what, hint) => {
    const file = path.join(dir, name);
    for (const cmd of ['report', 'inspect']) {
      const r = kpi([cmd, file, ...BASE, '-O', 'json']);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`kpi: ${file}: ${what}\n  hint: ${hint}\n`);
    }
  });
});
