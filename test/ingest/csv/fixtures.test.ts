/**
 * Every quirk fixture of fixtures/quirks/csv through the real reader: encoding, delimiter, row
 * count, physical lines and chosen cells.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../../src/ingest/csv/read-csv.js';
import type { Issue } from '../../../src/errors/issue.js';
import type { RawRow, ReaderInfo } from '../../../src/ingest/types.js';
import { KpiError } from '../../../src/errors/kpi-error.js';
import { CSV_FIXTURE_DIR, csvFixtures } from '../../../scripts/make-csv-fixtures.js';

async function readFixture(name: string, encoding: string | null = null): Promise<{ info: ReaderInfo; rows: RawRow[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const { info, rows } = await readCsv({ path: join(CSV_FIXTURE_DIR, name) }, { file: name, encoding }, issues);
  const all: RawRow[] = [];
  for await (const r of rows) all.push(r);
  return { info, rows: all, issues };
}

interface Expect {
  file: string;
  declared?: string;
  encoding: string;
  delimiter: string;
  lines: number[];
  /** [line, 0-based cell index, text] */
  cells: [number, number, string][];
  widths?: number[];
  issues?: [string, number | null][];
}

const LEADS_CELLS: [number, number, string][] = [
  [1, 0, 'ID'],
  [1, 8, 'Возможная сумма'],
  [2, 6, 'ООО «Ромашка»'],
  [3, 8, '340 000,00'],
  [4, 1, 'Повторное обращение №2'],
  [4, 6, 'ИП Сидоров Ёжик'],
  [5, 6, 'ООО "Северный ветер"'],
  [5, 7, ''],
];
const FIVE = [1, 2, 3, 4, 5];

const TABLE: Expect[] = [
  { file: 'delim-comma-hubspot.csv', encoding: 'utf-8', delimiter: ',', lines: FIVE, cells: [[2, 3, 'Acme, Inc.'], [3, 2, "O'Neil"], [4, 1, 'Chloé'], [5, 3, '']], widths: [8, 8, 8, 8, 8] },
  { file: 'delim-semicolon-decimal-comma.csv', encoding: 'utf-8', delimiter: ';', lines: FIVE, cells: [[2, 4, '1 234,56'], [3, 4, '12\u00a0500,00'], [5, 2, 'ООО Север']] },
  { file: 'delim-tab.tsv', encoding: 'utf-8', delimiter: '\t', lines: [1, 2, 3, 4], cells: [[2, 0, 'Follow up, pricing'], [2, 2, '15 Apr, 2021 00:03:00'], [4, 5, 'Closed, won']] },
  { file: 'delim-pipe.csv', encoding: 'utf-8', delimiter: '|', lines: [1, 2, 3, 4], cells: [[2, 5, 'callback; priority, high'], [3, 5, '']] },
  { file: 'sep-line.csv', encoding: 'utf-8', delimiter: ';', lines: [2, 3, 4], cells: [[2, 0, 'ID'], [3, 2, 'Сделка успешна'], [4, 3, '85 000,00']] },
  { file: 'utf8-bom.csv', encoding: 'utf-8-bom', delimiter: ';', lines: FIVE, cells: LEADS_CELLS },
  { file: 'utf16le-bom.csv', encoding: 'utf-16le', delimiter: '\t', lines: FIVE, cells: LEADS_CELLS },
  { file: 'utf16le-nobom.csv', encoding: 'utf-16le', delimiter: ';', lines: FIVE, cells: LEADS_CELLS },
  { file: 'utf16be-bom.csv', encoding: 'utf-16be', delimiter: ';', lines: FIVE, cells: LEADS_CELLS },
  { file: 'utf16be-nobom.csv', encoding: 'utf-16be', delimiter: '|', lines: FIVE, cells: LEADS_CELLS },
  { file: 'cp1251-bitrix-leads.csv', encoding: 'windows-1251', delimiter: ';', lines: FIVE, cells: LEADS_CELLS },
  { file: 'koi8r-declared.csv', declared: 'koi8-r', encoding: 'koi8-r', delimiter: ';', lines: FIVE, cells: [[2, 1, 'Заявка с сайта'], [2, 6, 'ООО "Ромашка"'], [4, 6, 'ИП Сидоров Ёжик']] },
  { file: 'cp437-declared.csv', declared: 'cp437', encoding: 'cp437', delimiter: ';', lines: FIVE, cells: [[2, 0, 'Müller & Söhne GmbH'], [2, 3, '1.250,00'], [3, 2, 'Françoise Lefèvre'], [4, 0, 'Ñandú S.A.'], [5, 2, 'Åsa Ström']] },
  { file: 'cp1252-western.csv', encoding: 'windows-1252', delimiter: ';', lines: FIVE, cells: [[2, 2, 'Jürgen Groß'], [3, 3, '€ 980,00']], issues: [['encoding_guessed', null]] },
  { file: 'invalid-utf8-byte.csv', encoding: 'utf-8', delimiter: ';', lines: [1, 2, 3, 4, 5, 6], cells: [[4, 1, 'Заявка \ufffd с выставки'], [4, 6, 'ООО Прогресс'], [6, 1, 'Счёт на предоплату']] },
  { file: 'multiline-quoted.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2, 4, 7, 8], widths: [4, 4, 4, 4, 4],
    cells: [[2, 1, 'Acme, Inc.'], [2, 2, 'Called twice.\nAsked for a quote "ASAP".'], [4, 2, 'Line one\r\nLine two\r\nLine three'], [7, 2, ''], [8, 1, 'Umbrella "Corp"']] },
  { file: 'cr-only-excel-mac.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2, 3, 4], cells: [[2, 0, '05/03/24'], [3, 1, 'Globex, Ltd'], [4, 3, '99.99']] },
  { file: 'mixed-line-endings.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2, 3, 4, 5, 6], cells: [[4, 1, 'gamma'], [5, 0, ''], [6, 1, 'delta']], widths: [3, 3, 3, 3, 1, 3] },
  { file: 'freepbx-embedded-quotes.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2, 3, 4], widths: [26, 26, 26, 26],
    cells: [[1, 1, 'clid'], [2, 1, '"User 9" <113>'], [2, 19, 'User 9'], [3, 1, '"+7 912 345-67-80" <79123456780>'], [3, 16, '74951234567'], [4, 1, '"Отдел продаж" <114>'], [4, 11, 'BUSY']] },
  { file: 'title-rows-and-total.csv', encoding: 'utf-8', delimiter: ';', lines: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], widths: [1, 1, 1, 1, 1, 5, 5, 5, 5, 5],
    cells: [[2, 0, 'Отчет сформирован 02.04.2024, 10:15'], [4, 0, 'Отбор: Организация = ООО "Вектор"'], [5, 0, ''], [6, 0, 'Контрагент'], [7, 0, 'ООО "Ромашка"'], [8, 3, '32 800,50'], [10, 0, 'Итого'], [10, 1, '']] },
  { file: 'ragged.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2, 3, 4, 5, 6], widths: [4, 4, 3, 6, 1, 5], cells: [[4, 5, 'cells'], [5, 0, '4'], [6, 4, '']] },
  { file: 'unclosed-quote.csv', encoding: 'utf-8', delimiter: ';', lines: FIVE, widths: [4, 4, 4, 4, 4],
    cells: [[3, 1, '"ООО Вектор'], [3, 2, '3 400,00'], [4, 1, 'АО Север'], [5, 3, 'Иванова']], issues: [['unclosed_quote', 3]] },
  { file: 'no-trailing-newline.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2, 3], cells: [[3, 0, '2'], [3, 1, '20.00']] },
  { file: 'single-column.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2, 3, 4], widths: [1, 1, 1, 1], cells: [[3, 0, '8 (495) 123-45-67']] },
  { file: 'asterisk-master-stock.csv', encoding: 'utf-8', delimiter: ',', lines: [1, 2], widths: [18, 18],
    cells: [[1, 0, ''], [1, 4, '"User 9" <113>'], [1, 8, 'PJSIP/89123456789@trunk,60'], [1, 12, '45'], [2, 10, ''], [2, 14, 'NO ANSWER']] },
];

describe('readCsv on the quirk fixtures', () => {
  it('covers every fixture the generator writes', () => {
    const covered = new Set([...TABLE.map((t) => t.file), 'delimiter-tie.csv']);
    expect(csvFixtures().map((f) => f.name).filter((n) => !covered.has(n))).toEqual([]);
  });

  it.each(TABLE.map((t) => [t.file, t] as const))('%s', async (_f, t) => {
    const { info, rows, issues } = await readFixture(t.file, t.declared ?? null);
    expect(info).toEqual({ format: 'csv', encoding: t.encoding, encodingGuessed: t.encoding === 'windows-1252' && !t.declared, delimiter: t.delimiter, sheet: null, sheets: [] });
    expect(rows.map((r) => r.line)).toEqual(t.lines);
    const byLine = new Map(rows.map((r) => [r.line, r]));
    for (const [line, idx, text] of t.cells) expect(byLine.get(line)?.cells[idx], `line ${line} cell ${idx}`).toBe(text);
    if (t.widths) expect(rows.map((r) => r.cells.length)).toEqual(t.widths);
    expect(issues.map((i) => [i.code, i.line])).toEqual(t.issues ?? []);
    for (const i of issues) expect(i.file).toBe(t.file);
  });

  it('an undeclared cp437 file is read as windows-1252, flagged as guessed', async () => {
    const { info, rows, issues } = await readFixture('cp437-declared.csv');
    expect(info.encoding).toBe('windows-1252');
    expect(info.encodingGuessed).toBe(true);
    expect(rows[1]!.cells[0]).not.toBe('Müller & Söhne GmbH');
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['encoding_guessed', 'info']]);
  });

  it('keeps the raw record text, multi-line cells included', async () => {
    const { rows } = await readFixture('multiline-quoted.csv');
    expect(rows[1]!.raw).toBe('1,"Acme, Inc.","Called twice.\nAsked for a quote ""ASAP"".",1200.00');
    expect(rows[2]!.raw).toBe('2,Globex,"Line one\r\nLine two\r\nLine three",450.50');
  });

  it('the unclosed quote is a warning naming the file, line and cell', async () => {
    const { issues } = await readFixture('unclosed-quote.csv');
    expect(issues[0]).toMatchObject({ code: 'unclosed_quote', severity: 'warning', file: 'unclosed-quote.csv', line: 3, value: '"ООО Вектор' });
  });

  it('a delimiter tie is exit 3 with issue delimiter_ambiguous and a delimiter: hint', async () => {
    const err = await readFixture('delimiter-tie.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KpiError);
    const k = err as KpiError;
    expect(k.exitCode).toBe(3);
    expect(k.message).toContain('delimiter-tie.csv');
    expect(k.issue?.code).toBe('delimiter_ambiguous');
    expect(k.issue?.file).toBe('delimiter-tie.csv');
    expect(k.hint).toContain('delimiter:');
  });

  it('the committed fixtures are exactly what the generator writes', () => {
    for (const fx of csvFixtures()) {
      expect(readFileSync(join(CSV_FIXTURE_DIR, fx.name)).equals(fx.bytes), fx.name).toBe(true);
    }
  });
});
