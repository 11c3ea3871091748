/**
 * Reading a CSV file on a worker thread (src/ingest/csv/piped-rows.ts) gives exactly what
 * `readCsv` gives on this thread: the same rows (cells, lines, raw text), the same reader issues
 * at the same points, the same settled encoding, the same error for a file it refuses — and, one
 * level up, the same loaded records, issues and counts. Needs the compiled worker
 * (`npm run build`); skipped with a notice without it, failing in CI.
 */
import { describe, it, expect, vi } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { readCsv, type CsvOptions } from '../../../src/ingest/csv/read-csv.js';
import { PipedRows } from '../../../src/ingest/csv/piped-rows.js';
import type { Balance } from '../../../src/ingest/csv/pipe-balance.js';
import { hasBatches, type RawRow, type RowBatches } from '../../../src/ingest/types.js';
import type { Issue } from '../../../src/errors/issue.js';
import { KpiError } from '../../../src/errors/kpi-error.js';
import { loadInputs, type LoadResult } from '../../../src/app/load.js';
import { compileSettings, pipeRun } from '../../../src/app/context.js';
import { availableParallelism } from 'node:os';
import { defaultConfig } from '../../../src/config/load.js';
import { plainIssue } from '../../../src/records/normalize/context.js';
import { CallNormalizer } from '../../../src/records/normalize/call.js';
import { InvoiceNormalizer } from '../../../src/records/normalize/invoice.js';
import { kpi, ROOT, tempDir } from '../../helpers/cli.js';

const WORKER = new URL(`file://${path.join(ROOT, 'dist/src/ingest/csv/pipe-worker.js')}`);
const built = existsSync(fileURLToPath(WORKER));
if (!built) {
  if (process.env.CI === 'true') throw new Error('dist/src/ingest/csv/pipe-worker.js is missing: run npm run build');
  console.warn('piped-rows.test: dist/ is not built, skipping (run npm run build)');
}

/** Every row, and the issues as they stood when each batch was handed out. */
async function drain(rows: AsyncIterator<RawRow>, issues: Issue[]) {
  const out: RawRow[] = [];
  const seen: number[] = [];
  for (;;) {
    const batch = hasBatches(rows) ? await rows.nextBatch() : null;
    if (batch === null) break;
    seen.push(issues.length);
    out.push(...batch);
  }
  return { rows: out, issues, seen: seen.filter((n, i) => i === 0 || n !== seen[i - 1]) };
}

async function both(name: string, data: string | Buffer, opts: Partial<CsvOptions> = {}) {
  const file = path.join(tempDir({ [name]: data }), name);
  const o = { file: name, ...opts };
  const oneIssues: Issue[] = [];
  const one = await readCsv({ path: file }, o, oneIssues);
  const a = await drain(one.rows, oneIssues);
  // the worker alone; this thread's reader first, for as long as the worker takes to start; and
  // this thread's reader slowed down, so that the worker takes over in the middle of the file
  for (const own of ['none', 'own', 'slow'] as const) {
    const twoIssues: Issue[] = [];
    const opened = await readCsv({ path: file }, o, twoIssues);
    if (own === 'none') await opened.rows.return?.();
    const mine = own === 'none' ? null : own === 'own' ? opened.rows : slowly(opened.rows);
    const piped = new PipedRows({ path: file, ...o, encoding: o.encoding ?? null, delimiter: o.delimiter ?? null }, opened.info, twoIssues, mine, WORKER);
    const b = await drain(piped, twoIssues);
    // the worker's rows carry their duplicate-check hash besides, and a repeat mark: 1 exactly
    // when an earlier record of the file has the same raw text
    if (own === 'none') expect(b.rows.every((r) => r.h2 !== undefined)).toBe(true);
    const raws = new Set<string>();
    const marks = { want: [] as number[], got: [] as number[] };
    for (const r of b.rows) {
      if (r.repeat !== undefined) {
        marks.want.push(raws.has(r.raw!) ? 1 : 0);
        marks.got.push(r.repeat);
      }
      raws.add(r.raw!);
    }
    expect(marks.got).toEqual(marks.want);
    expect(b.rows.map(({ h1: _a, h2: _b, repeat: _e, ids: _c, idAt: _d, ...r }) => r)).toEqual(a.rows);
    expect(b.issues).toEqual(a.issues);
    expect(b.seen).toEqual(a.seen);
    expect(opened.info).toEqual(one.info);
    if (own === 'slow' && a.rows.length > 10_000) {
      // the worker took over in the middle
      expect(piped.ownLine).toBeGreaterThan(0);
      expect(piped.ownLine).toBeLessThan(a.rows.at(-1)!.line);
    }
  }
  return { info: one.info, rows: a.rows, issues: a.issues };
}

/** `rows`, each batch 30 ms late (the worker is then ready after a few batches). */
function slowly(rows: AsyncIterator<RawRow> & RowBatches): AsyncIterator<RawRow> & RowBatches {
  return {
    next: () => rows.next(),
    return: () => rows.return!(),
    nextBatch: async () => {
      await new Promise((r) => setTimeout(r, 30));
      return rows.nextBatch();
    },
  };
}

/** A failure of each way, for comparison. */
async function failure(run: () => Promise<unknown>): Promise<KpiError> {
  try {
    await run();
  } catch (e) {
    if (e instanceof KpiError) return e;
    throw e;
  }
  throw new Error('expected a KpiError');
}

describe.skipIf(!built)('reading a CSV file on a worker thread', () => {
  it('quoted line breaks, `""`, unclosed quotes, every line end, sep= and a BOM across many chunks', async () => {
    const lines = ['sep=;', 'ID;Название;Сумма'];
    for (let i = 0; i < 20_000; i++) {
      if (i % 997 === 5) lines.push(`${i};"ООО ""Рога"" и\nкопыта ${i}";1 234,50`);
      else if (i % 1499 === 7) lines.push(`${i};"не закрыта ${i};5`);
      else lines.push(`${i};Клиент ${i % 331};${i},00`);
    }
    const eols = ['\n', '\r\n', '\r'];
    const text = '\ufeff' + lines.map((l, i) => l + eols[i % 3]).join('');
    const r = await both('mixed.csv', text);
    expect(r.rows.length).toBe(20_001); // sep= dropped; header and rows kept
    expect(r.issues.filter((i) => i.code === 'unclosed_quote').length).toBeGreaterThan(5);
  });

  it('settles windows-1251 after 100 KB of ASCII, as this thread does', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `${i},client ${i},100`).join('\n');
    const cyr = Array.from({ length: 2000 }, (_, i) => `${5000 + i},Клиент ${i},200`).join('\n');
    const r = await both('late.csv', iconv.encode(`id,name,sum\n${ascii}\n${cyr}\n`, 'win1251'));
    expect(r.info.encoding).toBe('windows-1251');
    expect(r.info.asciiSoFar).toBeUndefined();
    expect(r.rows.at(-1)!.cells[1]).toBe('Клиент 1999');
  });

  it('UTF-16 with a BOM, a declared delimiter, and an empty file', async () => {
    const text = 'a\tb\n' + Array.from({ length: 30_000 }, (_, i) => `${i}\tЯ ${i}`).join('\n');
    await both('u16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await both('tab.csv', 'a|b\n1|2\n', { delimiter: '|' });
    const empty = await both('empty.csv', '');
    expect(empty.rows).toEqual([]);
  });

  it('refuses a record past the line limit with the same error, after the same rows', async () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `${i},x`).join('\n') + '\n' + 'y'.repeat(50_000) + '\n1,2\n';
    const file = path.join(tempDir({ 'long.csv': text }), 'long.csv');
    const opts = { file: 'long.csv', maxLineChars: 10_000 };
    let oneRows = 0;
    const one = await failure(async () => {
      const r = (await readCsv({ path: file }, opts, [])).rows;
      for (;;) {
        const b = await r.nextBatch();
        if (b === null) break;
        oneRows += b.length;
      }
    });
    const issues: Issue[] = [];
    const opened = await readCsv({ path: file }, opts, issues);
    await opened.rows.return?.();
    const piped = new PipedRows({ path: file, ...opts, encoding: null, delimiter: null }, opened.info, issues, null, WORKER);
    let rows = 0;
    const two = await failure(async () => {
      for (;;) {
        const b = await piped.nextBatch();
        if (b === null) break;
        rows += b.length;
      }
    });
    expect(oneRows).toBeGreaterThan(40_000);
    expect(rows).toBe(oneRows);
    expect([two.exitCode, two.message, two.hint, two.issue]).toEqual([one.exitCode, one.message, one.hint, one.issue]);
  });

  it('reads the file on this thread alone when the worker cannot start', async () => {
    const text = 'a,b\n' + Array.from({ length: 30_000 }, (_, i) => `${i},"x ${i}"`).join('\n') + '\n';
    const file = path.join(tempDir({ 'w.csv': text }), 'w.csv');
    const want = await drain((await readCsv({ path: file }, { file: 'w.csv' }, [])).rows, []);
    const opened = await readCsv({ path: file }, { file: 'w.csv' }, []);
    const missing = new URL(`file://${path.join(ROOT, 'dist/no-such-worker.js')}`);
    // slowed, so that the worker has failed long before this thread is done
    const piped = new PipedRows({ path: file, file: 'w.csv', encoding: null, delimiter: null }, opened.info, [], slowly(opened.rows), missing);
    const got = await drain(piped, []);
    expect(got.rows).toEqual(want.rows);
    expect(piped.ownLine).toBe(30_001);
  });

  it('row by row through next(), and stopped early by return()', async () => {
    const text = 'a,b\n' + Array.from({ length: 50_000 }, (_, i) => `${i},${i * 2}`).join('\n');
    const file = path.join(tempDir({ 'n.csv': text }), 'n.csv');
    const opened = await readCsv({ path: file }, { file: 'n.csv' }, []);
    await opened.rows.return?.();
    const piped = new PipedRows({ path: file, file: 'n.csv', encoding: null, delimiter: null }, opened.info, [], null, WORKER);
    const first = await piped.next();
    const second = await piped.next();
    expect([first.value, second.value]).toMatchObject([
      { line: 1, cells: ['a', 'b'], raw: 'a,b' },
      { line: 2, cells: ['0', '0'], raw: '0,0' },
    ]);
    await piped.return();
    expect(await piped.nextBatch()).toBeNull();
  });

  it('keeps the codes asked for when the numbered columns change before the worker has opened the file', async () => {
    const text = 'name,phone\n' + Array.from({ length: 50_000 }, (_, i) => `Company ${i % 97},+7916${String(i).padStart(7, '0')}`).join('\n');
    const file = path.join(tempDir({ 'p.csv': text }), 'p.csv');
    const opened = await readCsv({ path: file }, { file: 'p.csv' }, []);
    await opened.rows.return?.();
    const piped = new PipedRows({ path: file, file: 'p.csv', encoding: null, delimiter: null }, opened.info, [], null, WORKER);
    // both at once, as a switch of optional columns (no codes) could follow the first message
    piped.numberColumns([0, 1], { columns: [1], form: 'lead', country: 'RU', nulls: [], internal: [], fromLine: 1 });
    piped.numberColumns([0, -1], null);
    let rows = 0;
    let coded = 0;
    for (;;) {
      const b = await piped.nextBatch();
      if (b === null) break;
      for (const r of b) {
        rows++;
        if (r.ids && (r.ids[r.idAt! + 2] as number) > 0) coded++;
      }
    }
    expect(rows).toBe(50_001);
    expect(coded).toBe(50_000);
    expect(piped.takeCodes()?.count).toBe(50_000);
  });
});

const config = defaultConfig();
const settings = compileSettings(config, 'UTC', 20_000);

async function load(name: string, text: string, kind: 'leads' | 'calls' | 'invoices', pipe: boolean): Promise<LoadResult> {
  const dir = tempDir({ [name]: text });
  return loadInputs([{ path: path.join(dir, name), display: name, kind, source: null }], settings, { keepRaw: true, lenient: false, pipe: pipe ? { worker: WORKER, minBytes: 0 } : null });
}

/** The worker's load is one thread's: records of `kind`, issues (with their messages), counts. */
function expectSameLoad(one: LoadResult, two: LoadResult, kind: 'leads' | 'invoices'): void {
  expect(two[kind]).toEqual(one[kind]);
  expect(two.issues.map(plainIssue)).toEqual(one.issues.map(plainIssue));
  expect(two.files.map((f) => f.stats)).toEqual(one.files.map((f) => f.stats));
}

describe.skipIf(!built)('loading a file read on a worker thread', () => {
  it('gives the leads of one thread, company names numbered by the worker', async () => {
    const out = ['ID;Дата создания;Источник;Название компании;ИНН;Рабочий телефон'];
    // big enough that the worker's rows, not only this thread's first ones, are loaded
    for (let i = 0; i < 150_000; i++) {
      // names repeat, some with `""`, some empty, some only spaces; half the rows have an ИНН
      const quoted = `"ООО ""Кавычки ${i % 7}"""`;
      const name = i % 11 === 0 ? '' : i % 13 === 0 ? quoted : i % 17 === 0 ? '   ' : `ООО «Клиент ${i % 301}»`;
      out.push(`${100_000 + i};0${1 + (i % 9)}.03.2025 10:00;Сайт;${name};${i % 2 === 0 ? `77${String(i % 151).padStart(8, '0')}` : ''};+7 916 ${String(i % 4000).padStart(7, '0')}`);
    }
    const text = out.join('\r\n') + '\r\n';
    const one = await load('leads.csv', text, 'leads', false);
    const two = await load('leads.csv', text, 'leads', true);
    expectSameLoad(one, two, 'leads');
    expect(new Set(one.leads.map((l) => l.client)).size).toBeGreaterThan(300);
    expect(Buffer.byteLength(text)).toBeGreaterThan(8e6);
  }, 30_000);

  it('gives the invoice lines of one thread, client names numbered and invoice numbers coded by the worker', async () => {
    const out = ['number,date,client,amount,manager'];
    for (let i = 0; i < 150_000; i++) {
      // names repeat, some with `""`, some empty or null-like (rejected: no client), some only spaces
      const name = i % 11 === 0 ? '' : i % 13 === 0 ? `"Acme ""${i % 7}"" Ltd"` : i % 17 === 0 ? '   ' : i % 19 === 0 ? 'NULL' : `Client ${i % 401}`;
      out.push(`INV-${i >> 1},2025-0${1 + (i % 9)}-1${i % 10},${name},${100 + (i % 37)}.50,Manager ${i % 6}`);
    }
    const text = out.join('\n') + '\n';
    const one = await load('inv.csv', text, 'invoices', false);
    // the invoice numbers are coded by the worker too
    const coded = vi.spyOn(InvoiceNormalizer.prototype, 'useWorkerCodes');
    try {
      const two = await load('inv.csv', text, 'invoices', true);
      expect(coded).toHaveBeenCalledTimes(1);
      expectSameLoad(one, two, 'invoices');
    } finally {
      coded.mockRestore();
    }
    expect(new Set(one.invoices.map((v) => v.number)).size).toBeGreaterThan(70_000);
    expect(new Set(one.invoices.map((v) => v.client)).size).toBeGreaterThan(400);
    expect(one.issues.some((i) => i.code === 'no_client')).toBe(true);
    expect(Buffer.byteLength(text)).toBeGreaterThan(5e6);
  }, 30_000);

  it('a wide file whose unread columns come without their cells: blank rows, text only in unread columns, repeated headers and total rows as one thread finds them', async () => {
    const header = ['ID', 'Название лида', 'Дата создания', 'Источник', 'Название компании', ...Array.from({ length: 12 }, (_, j) => `Поле ${j + 1}`)];
    const blank = Array(header.length).fill('');
    const only = (at: number, v: string) => blank.map((b, j) => (j === at ? v : b)).join(';');
    const out = [header.join(';')];
    for (let i = 0; i < 120_000; i++) {
      const extra = Array.from({ length: 12 }, (_, j) => ((i + j) % 3 === 0 ? `значение ${j}` : j === 5 && i % 7 === 0 ? '"с ""кавычками"" и ; внутри"' : ''));
      const row = [String(100_000 + i), `Лид ${i}`, `0${1 + (i % 9)}.03.2025 10:00`, 'Сайт', `ООО «Клиент ${i % 301}»`, ...extra];
      const k = i % 997;
      if (k === 5) out.push(blank.join(';'));
      else if (k === 6) out.push(only(9, '   ')); // blank: spaces in an unread column
      else if (k === 7) out.push(only(14, 'только здесь')); // text in an unread column only: rejected, no date
      else if (k === 8) out.push(blank.map((b, j) => (j === 1 ? '"Итого"' : j === 2 ? '31.13.2025' : j === 16 ? '120000' : b)).join(';')); // a total row, its label unread
      else if (k === 9) out.push(header.join(';')); // the header again
      else if (k === 10) out.push(row.slice(0, 6).join(';')); // a short row
      else out.push(row.join(';'));
    }
    const text = out.join('\r\n') + '\r\n';
    const one = await load('wide.csv', text, 'leads', false);
    const want = vi.spyOn(PipedRows.prototype, 'wantColumns');
    try {
      const two = await load('wide.csv', text, 'leads', true);
      expect(want.mock.calls.map(([m]) => (m === null ? null : [...m]))).toEqual([[1, 0, 1, 1, 1, ...Array(12).fill(0)]]);
      expectSameLoad(one, two, 'leads');
      expect(two.rejects).toEqual(one.rejects);
    } finally {
      want.mockRestore();
    }
    const codes = one.issues.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['repeated_header', 'total_row']));
    expect(codes.filter((c) => c === 'total_row').length).toBeGreaterThan(100);
    expect(one.files[0]!.stats.rows_blank).toBeGreaterThan(200);
    expect(one.rejects.some((r) => r.raw.includes('только здесь'))).toBe(true);
  }, 60_000);

  it('gives the records, issues, rejects and counts of one thread', async () => {
    const out = ['Дата;Номер;Контрагент;ИНН;Менеджер;Сумма'];
    for (let i = 0; i < 12_000; i++) {
      if (i === 100) out.push('31.02.2025;X-1;ООО «Ошибка»;7700000000;Менеджер 1;10,00'); // bad date: rejected
      else if (i === 200) out.push(out[1]!); // a repeated row
      else if (i === 300) out.push('01.03.2025;"ТД-9;ООО;7700000001;Менеджер 2;5,00'); // unclosed quote
      else out.push(`${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.2025;ТД-${i >> 1};ООО «Клиент ${i % 97}»;77${String(i % 97).padStart(8, '0')};Менеджер ${i % 5};${1000 + (i % 13)},50`);
    }
    const text = out.join('\r\n') + '\r\n';
    const one = await load('inv.csv', text, 'invoices', false);
    const two = await load('inv.csv', text, 'invoices', true);
    expectSameLoad(one, two, 'invoices');
    expect(two.rejects).toEqual(one.rejects);
    expect(one.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['bad_date', 'duplicate_row', 'unclosed_quote']));
  });
});

describe.skipIf(!built)('a lead list\'s phones coded by the reading worker', () => {
  /** Lead rows: phones in every form, ids repeating near and far (merged, some conflicting). */
  function leadList(n: number): string[] {
    const forms = [
      (k: number) => `+7916${String(k).padStart(7, '0')}`, // its own E.164 form
      (k: number) => `8 (916) ${String(k).padStart(7, '0')}`,
      (k: number) => ` +7 916 ${String(k).padStart(7, '0')} `, // spaces around
      (k: number) => `+8916${String(k).padStart(7, '0')}`, // the +8 slip: +7…
      (k: number) => `"+7916${String(k).padStart(7, '0')}"`, // quoted
      (k: number) => `"+7 ""916"" ${String(k).padStart(7, '0')}"`, // quoted with ""
      (k: number) => `12${k % 1000}`, // too short: an extension
      (k: number) => `0${k}999999`, // no country reads it: invalid, kept as digits
      () => 'не указан', // a null text of this source
      () => '0000000', // a null text of this source made of digits
      () => '',
      () => 'Anonymous',
      (k: number) => `+1 212 555 ${String(k % 10_000).padStart(4, '0')} доб. 12`,
    ];
    const out = ['id,created_at,channel,company,phone'];
    for (let i = 0; i < n; i++) {
      // every 40th row repeats an id 3 rows up; every 1000th one from the first rows (read by
      // this thread before the worker took over); every 500th one with another phone
      const id = i % 1000 === 999 ? 100_000 + (i % 50) : i % 40 === 39 ? 100_000 + i - 3 : 100_000 + i;
      const k = i % 500 === 499 ? i + 7 : id >> 1;
      const phone = forms[(i % 97) % forms.length]!(k);
      out.push(`${id},2025-03-0${1 + (i % 9)} 10:00,site,Company ${i % 301},${phone}`);
      if (i === 77_777) out.push('id,created_at,channel,company,phone'); // the header again
    }
    return out;
  }

  async function loadWith(files: Record<string, string>, pipe: boolean): Promise<LoadResult> {
    const dir = tempDir(files);
    const s = compileSettings({ ...config, null_values: [...config.null_values!, 'не указан', '0000000'] }, 'UTC', 20_000);
    const specs = Object.keys(files).map((name) => ({ path: path.join(dir, name), display: name, kind: 'leads' as const, source: null }));
    return loadInputs(specs, s, { keepRaw: true, lenient: false, pipe: pipe ? { worker: WORKER, minBytes: 0 } : null });
  }

  it('gives the phones, merge conflicts (in their place), warnings and counts of one thread', async () => {
    const text = leadList(150_000).join('\n') + '\n';
    const one = await loadWith({ 'leads.csv': text }, false);
    const two = await loadWith({ 'leads.csv': text }, true);
    expectSameLoad(one, two, 'leads');
    const codes = one.issues.map((i) => i.code);
    expect(codes.filter((c) => c === 'merge_conflict').length).toBeGreaterThan(100);
    expect(codes).toEqual(expect.arrayContaining(['phone_invalid', 'repeated_header']));
    expect(one.issues.filter((i) => i.code === 'merge_conflict' && i.line! > 100_000 && i.column === 'phone').length).toBeGreaterThan(20);
    const phones = new Set(one.leads.map((l) => l.phone));
    expect(phones.has(null)).toBe(true);
    expect([...phones].filter((p) => p?.startsWith('+7916')).length).toBeGreaterThan(40_000);
    expect([...phones].filter((p) => p?.startsWith('+1212')).length).toBeGreaterThan(1000);
  }, 60_000);

  it('in a list without ids: repeated rows found by this thread from the worker\'s hashes, where one thread finds them', async () => {
    const rows = leadList(150_000).map((r) => r.replace(/^[^,]*,/, ''));
    const title = rows[5_000]!;
    // a title line equal to a data row below (a repeat only from its second copy), rows repeated far apart
    const text = [title, ...rows.map((r, i) => (i % 997 === 0 && i > 2 ? rows[i - 900]! : r))].join('\n') + '\n';
    const one = await loadWith({ 'leads.csv': text }, false);
    const own = vi.spyOn(PipedRows.prototype, 'stopRepeats');
    try {
      const two = await loadWith({ 'leads.csv': text }, true);
      expect(own).toHaveBeenCalledWith(true);
      expectSameLoad(one, two, 'leads');
    } finally {
      own.mockRestore();
    }
    // the rows repeat one another's text once their ids are gone: far apart, and read by either thread
    const repeats = one.issues.filter((i) => i.code === 'duplicate_row').map((i) => i.line!);
    expect(repeats.length).toBeGreaterThan(10_000);
    expect(repeats.some((l) => l < 1_000) && repeats.some((l) => l > 140_000)).toBe(true);
  }, 60_000);

  it('adds a second list\'s phones to the first one\'s', async () => {
    const a = leadList(120_000);
    const b = ['id,created_at,channel,company,phone', ...a.slice(60_000).map((r) => r.replace(/^1/, '2'))];
    const files = { 'a.csv': a.join('\n') + '\n', 'b.csv': b.join('\n') + '\n' };
    const one = await loadWith(files, false);
    const two = await loadWith(files, true);
    expectSameLoad(one, two, 'leads');
    expect(one.leads.length).toBeGreaterThan(150_000);
  }, 60_000);
});

describe.skipIf(!built)('a lead list\'s e-mails numbered by the worker while that pays', () => {
  /** E-mails in every form: cases and spaces that normalize alike, `""`, null texts, junk. */
  const forms = [
    (k: number) => `user${k}@example.com`,
    (k: number) => ` User${k}@Example.COM `, // the same address once normalized
    (k: number) => `"user${k}@example.com"`,
    (k: number) => `"""Ann ${k % 7}"" <ann${k % 7}@x.ru>"`, // quoted with ""
    (k: number) => `почта${k % 50}@пример.рф`,
    () => 'не указан', // a null text of this source
    () => '',
    (k: number) => `not an address ${k % 11}`,
  ];

  function leadList(n: number): string {
    const out = ['id,created_at,channel,company,email'];
    for (let i = 0; i < n; i++) {
      // every 40th row repeats an id 3 rows up (merged; every 400th with another address: a conflict)
      const id = i % 40 === 39 ? 100_000 + i - 3 : 100_000 + i;
      const k = i % 400 === 399 ? i : (id >> 2) % 6000;
      out.push(`${id},2025-03-0${1 + (i % 9)} 10:00,site,Company ${i % 301},${forms[(i % 53) % forms.length]!(k)}`);
    }
    return out.join('\n') + '\n';
  }

  /** A balance that moves the e-mails to the worker and back every `every` messages, and counts the moves. */
  function scripted(every: number): { make: () => Balance; moves: () => number } {
    let moves = 0;
    return {
      make: () => {
        let n = 0;
        const b = {
          on: false,
          took(): boolean | null {
            if (++n % every !== 0) return null;
            b.on = !b.on;
            moves++;
            return b.on;
          },
        };
        return b;
      },
      moves: () => moves,
    };
  }

  async function loadWith(files: Record<string, string>, pipe: { balance: () => Balance } | null): Promise<LoadResult> {
    const dir = tempDir(files);
    const s = compileSettings({ ...config, null_values: [...config.null_values!, 'не указан'] }, 'UTC', 20_000);
    const specs = Object.keys(files).map((name) => ({ path: path.join(dir, name), display: name, kind: 'leads' as const, source: null }));
    return loadInputs(specs, s, { keepRaw: true, lenient: false, pipe: pipe ? { worker: WORKER, minBytes: 0, ...pipe } : null });
  }

  it('gives the e-mails, merge conflicts, warnings and counts of one thread, switched on and off mid-file', async () => {
    const text = leadList(150_000);
    const one = await loadWith({ 'leads.csv': text }, null);
    for (const every of [2, 5]) {
      const script = scripted(every);
      const two = await loadWith({ 'leads.csv': text }, { balance: script.make });
      expectSameLoad(one, two, 'leads');
      expect(script.moves()).toBeGreaterThan(4);
    }
    const emails = new Set(one.leads.map((l) => l.email));
    expect(emails.has('user5@example.com') && emails.has(null)).toBe(true);
    expect(emails.size).toBeGreaterThan(5000);
    expect(one.issues.filter((i) => i.code === 'merge_conflict' && i.column === 'email').length).toBeGreaterThan(100);
  }, 60_000);

  it('and a second list goes on with the first one\'s codes', async () => {
    const a = leadList(100_000);
    const b = a.replace(/\n1/g, '\n2');
    const files = { 'a.csv': a, 'b.csv': b };
    const one = await loadWith(files, null);
    const two = await loadWith(files, { balance: scripted(3).make });
    expectSameLoad(one, two, 'leads');
    expect(one.leads.length).toBeGreaterThan(190_000);
  }, 60_000);
});

describe.skipIf(!built)('a call log\'s numbers coded by the reading worker', () => {
  /** Numbers in every form a call log writes them (extensions 1xx are internal). */
  const forms = [
    (k: number) => `+7916${String(k).padStart(7, '0')}`, // its own E.164 form
    (k: number) => `8 (916) ${String(k).padStart(7, '0')}`,
    (k: number) => `7916${String(k).padStart(7, '0')}`, // digits with the country code
    (k: number) => ` +7 916 ${String(k).padStart(7, '0')} `, // spaces around
    (k: number) => `+8916${String(k).padStart(7, '0')}`, // the +8 slip
    (k: number) => `"+7916${String(k).padStart(7, '0')}"`, // quoted
    (k: number) => `"""Agent ${k % 9}"" <1${k % 90 + 10}>"`, // an Asterisk clid, quoted with ""
    (k: number) => `1${k % 90 + 10}`, // an internal extension
    (k: number) => `PJSIP/1${k % 90 + 10}`,
    (k: number) => `0${k}999999`, // invalid: kept as digits
    (k: number) => `+1 212 555 ${String(k % 10_000).padStart(4, '0')} доб. 12`,
    () => 'не указан', // a null text of this source
    () => '0000000', // a null text made of digits
    () => 'Anonymous',
    () => '',
  ];
  const number = (i: number, k: number) => forms[(i % 89) % forms.length]!(k);
  const DIRECTIONS = ['inbound', 'outbound', 'Входящий', '', 'internal', 'weird'];

  /** Call legs: ids repeating near and far (merged), directions blank or unknown (decided by the numbers). */
  function callLog(n: number, header: string, row: (i: number, id: number) => string): string {
    const out = [header];
    for (let i = 0; i < n; i++) {
      const id = i % 1000 === 999 ? 700_000 + (i % 50) : i % 40 === 39 ? 700_000 + i - 3 : 700_000 + i;
      out.push(row(i, id));
      if (i === 77_777) out.push(header); // the header again
    }
    return out.join('\n') + '\n';
  }
  const moment = (i: number) => `2025-03-0${1 + (i % 9)} ${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:0${i % 10}`;

  async function loadWith(files: Record<string, string>, pipe: boolean): Promise<LoadResult> {
    const dir = tempDir(files);
    const s = compileSettings({
      ...config,
      null_values: [...config.null_values!, 'не указан', '0000000'],
      internal_numbers: ['^1\\d\\d$', 'PJSIP/1'],
      tracking_numbers: { '+74951234567': 'Яндекс.Директ', '8 800 555-35-35': 'Сайт' },
    }, 'UTC', 20_000);
    const specs = Object.keys(files).map((name) => ({ path: path.join(dir, name), display: name, kind: 'calls' as const, source: null }));
    return loadInputs(specs, s, { keepRaw: true, lenient: false, pipe: pipe ? { worker: WORKER, minBytes: 0 } : null });
  }

  /** One thread's load and the worker's; `coded`: whether the worker was asked to code the numbers. */
  async function expectSame(files: Record<string, string>, coded: boolean): Promise<LoadResult> {
    const one = await loadWith(files, false);
    const asked = vi.spyOn(CallNormalizer.prototype, 'useWorkerCodes');
    try {
      const two = await loadWith(files, true);
      expect(asked).toHaveBeenCalledTimes(coded ? Object.keys(files).length : 0);
      expect(two.calls).toEqual(one.calls);
      expect(two.issues.map(plainIssue)).toEqual(one.issues.map(plainIssue));
      expect(two.files.map((f) => f.stats)).toEqual(one.files.map((f) => f.stats));
      expect(two.files.map((f) => f.samples)).toEqual(one.files.map((f) => f.samples));
    } finally {
      asked.mockRestore();
    }
    return one;
  }

  const fromTo = (i: number, id: number) => `${id},${moment(i)},${DIRECTIONS[i % 6]},${number(i, id >> 1)},${number(i + 7, i)},${i % 300},${i % 3 === 0 ? 'missed' : 'answered'}`;

  it('from and to (ids: no row hash on the worker): numbers, directions, managers, legs and warnings of one thread', async () => {
    const one = await expectSame({ 'calls.csv': callLog(150_000, 'id,started_at,direction,from,to,duration,status', fromTo) }, true);
    const calls = one.calls;
    expect(one.files[0]!.stats.rows_merged).toBeGreaterThan(3000);
    expect(calls.filter((c) => c.from?.startsWith('+7916')).length).toBeGreaterThan(30_000);
    expect(calls.some((c) => c.from === null) && calls.some((c) => c.to === '110')).toBe(true);
    // a blank or unknown direction is decided by the internal side
    expect(new Set(calls.map((c) => c.direction))).toEqual(new Set(['inbound', 'outbound', 'internal']));
    expect(new Set(calls.map((c) => c.manager)).size).toBeGreaterThan(50);
  }, 60_000);

  it('the other party and a tracking number, with its channel', async () => {
    const row = (i: number, id: number) => `${id},${moment(i)},${DIRECTIONS[i % 3]},${number(i, id >> 1)},${['+74951234567', '8 800 555-35-35', '', '+7 495 000-00-00'][i % 4]},${i % 300},Manager ${i % 5}`;
    const one = await expectSame({ 'calls.csv': callLog(150_000, 'id,started_at,direction,phone,virtual_phone_number,duration,manager', row) }, true);
    const channels = new Set(one.calls.map((c) => c.channel));
    expect(channels).toEqual(new Set(['Яндекс.Директ', 'Сайт', '(none)', '+74950000000']));
    expect(one.calls.filter((c) => c.trackingNumber === '+78005553535').length).toBeGreaterThan(30_000);
  }, 60_000);

  it('one number column in a log without ids (the worker hashes the rows too), with repeated rows', async () => {
    const row = (i: number) => (i % 997 === 0 && i > 0 ? `${moment(i - 500)},inbound,${number(i - 500, i - 500)},${(i - 500) % 300},Manager 1` : `${moment(i)},${DIRECTIONS[i % 2]},${number(i, i)},${i % 300},Manager ${i % 5}`);
    const one = await expectSame({ 'calls.csv': callLog(150_000, 'started_at,direction,phone,duration,manager', row) }, true);
    expect(one.issues.filter((i) => i.code === 'duplicate_row').length).toBeGreaterThan(100);
  }, 60_000);

  it('a second log\'s numbers added to the first one\'s; rows merged into a record show their numbers in samples', async () => {
    const a = callLog(120_000, 'id,started_at,direction,from,to,duration,status', fromTo);
    // the first 100 000 rows rejected (no id, a bad date): the samples are rows the worker coded
    const lines = a.split('\n').slice(1, 120_001).map((r, k) => (k < 100_000 ? r.replace(/^\d+/, '').replace(/,2025-03-0\d /, ',2025-02-31 ') : r.replace(/^7/, '8')));
    // the first used rows: a call and a later leg of it (merged: its sample is a snapshot)
    const leg = lines[100_000]!.replace(/,[^,]*,[^,]*,(\d+),(\w+)$/, ',+7 916 555-00-11,+74951234567,$1,$2');
    const b = ['id,started_at,direction,from,to,duration,status', ...lines.slice(0, 100_001), leg, ...lines.slice(100_001)].join('\n') + '\n';
    const one = await expectSame({ 'a.csv': a, 'b.csv': b }, true);
    // ids of b from 800 000 up meet a's: merged across the files
    expect(one.files[1]!.stats.rows_merged).toBeGreaterThan(10_000);
    expect(one.files[1]!.stats.rows_rejected).toBeGreaterThan(100_000);
    const samples = one.files[1]!.samples as { id?: string; from?: string | null }[];
    expect(samples[1]).toMatchObject({ id: lines[100_000]!.split(',')[0] });
    expect(JSON.stringify(samples)).toContain('+74951234567');
  }, 60_000);

  it('two and three number columns in a log without ids; left to this thread when four would make the worker the slower', async () => {
    const row = (i: number) => fromTo(i, 0).replace(/^0,/, '');
    await expectSame({ 'calls.csv': callLog(60_000, 'started_at,direction,from,to,duration,status', row) }, true);
    const tracked = (i: number) => `${row(i)},${['+74951234567', '8 800 555-35-35', ''][i % 3]}`;
    await expectSame({ 'calls.csv': callLog(60_000, 'started_at,direction,from,to,duration,status,virtual_phone_number', tracked) }, true);
    const all = (i: number) => `${tracked(i)},${number(i + 3, i)}`;
    await expectSame({ 'calls.csv': callLog(60_000, 'started_at,direction,from,to,duration,status,virtual_phone_number,phone', all) }, false);
  }, 60_000);
});

describe.skipIf(!built)('repeated rows marked by the reading worker', () => {
  // the worker marks the repeats (its probes batched per piece), whether or not it codes the
  // invoice numbers besides (a lead list's phones leave the set to this thread: tested above)
  it.each([
    ['marked by the worker, which codes the invoice numbers too', true],
    ['marked by the worker', false],
  ])('warn where one thread warns (%s): repeats far apart, a row equal to a line above the header, rejected repeats', async (_how, numbers) => {
    const cut = (r: string) => (numbers ? r : r.split(';').filter((_, j) => j !== 1).join(';'));
    const row = (i: number) => cut(`${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.2025;ТД-${i};ООО «Клиент ${i % 97}»;;Менеджер ${i % 5};${1000 + (i % 13)},50`);
    const TITLE = row(1_000_000);
    // a title line that is also a data row further down (twice: only the second is a repeat)
    const out = [TITLE, cut('Дата;Номер;Контрагент;ИНН;Менеджер;Сумма')];
    for (let i = 0; i < 150_000; i++) {
      if (i === 40_000 || i === 90_000) out.push(TITLE);
      else if (i % 997 === 0 && i > 0) out.push(row(i - 500)); // repeats an earlier row
      else if (i % 1999 === 0) out.push(cut('31.02.2025;X-1;ООО «Ошибка»;;Менеджер 1;10,00')); // rejected, repeated
      else out.push(row(i));
    }
    const text = out.join('\r\n') + '\r\n';
    const one = await load('inv.csv', text, 'invoices', false);
    const stop = vi.spyOn(PipedRows.prototype, 'stopRepeats');
    try {
      const two = await load('inv.csv', text, 'invoices', true);
      expect(stop.mock.calls).toEqual([]);
      expectSameLoad(one, two, 'invoices');
    } finally {
      stop.mockRestore();
    }
    // the lines of the data rows seen before among the data rows, the rejected one excepted
    const want: number[] = [];
    const seen = new Set<string>();
    out.forEach((r, k) => {
      if (k < 2 || r.startsWith('31.02')) return;
      if (seen.has(r)) want.push(k + 1);
      seen.add(r);
    });
    expect(want.length).toBeGreaterThan(140);
    expect(want).toContain(90_003); // the title row's second copy, not its first
    expect(want).not.toContain(40_003);
    expect(one.issues.filter((i) => i.code === 'duplicate_row').map((i) => i.line)).toEqual(want);
  }, 30_000);

  it('are not asked for in a file whose rows have ids (merged instead): the same load', async () => {
    const out = ['id,started_at,direction,manager,phone,duration,status'];
    for (let i = 0; i < 150_000; i++) out.push(i % 500 === 499 ? out[i]! : `${500_000 + i},2025-03-0${1 + (i % 9)} 10:00:00,outbound,Manager ${i % 7},+7916${String(i).padStart(7, '0')},${i % 300},answered`);
    const text = out.join('\n') + '\n';
    const one = await load('calls.csv', text, 'calls', false);
    const two = await load('calls.csv', text, 'calls', true);
    expect(two.calls).toEqual(one.calls);
    expect(two.issues.map(plainIssue)).toEqual(one.issues.map(plainIssue));
    expect(one.issues.some((i) => i.code === 'duplicate_row')).toBe(false);
    expect(one.files[0]!.stats.rows_merged).toBe(300);
  }, 30_000);
});

describe.skipIf(!built)('kpi with a reading thread', () => {
  /** A 17 MB Bitrix-like lead list: read on a worker thread with KPI_PIPE_MIN_MB=8. */
  function bigLeads(header: string): string {
    const out = [header];
    for (let i = 0; i < 60_000; i++) {
      out.push(`"${i}";"${String(1 + (i % 28)).padStart(2, '0')}.0${1 + (i % 9)}.2025 10:00";"Сделка ${i}";"Рекомендация от партнёра";"Александра Константиновна ${i % 7}";"ООО «Производственная компания ${i % 500}»";"77${String(i % 500).padStart(8, '0')}";"+7 916 ${String(i).padStart(7, '0')}";"12 500,00"`);
    }
    return out.join('\r\n') + '\r\n';
  }

  /** The report of a file over 8 MB, read with the thread (KPI_PIPE_MIN_MB=8), is one thread's. */
  function sameWithThread(kind: 'leads' | 'calls', text: string, rows: number): void {
    expect(Buffer.byteLength(text)).toBeGreaterThan(8 * 1024 * 1024);
    const dir = tempDir({ [`${kind}.csv`]: text });
    const args = ['report', `--${kind}`, `${kind}.csv`, '-p', '2025-01..2025-12', '-O', 'json', '--no-config', '--today', '2026-01-15'];
    const one = kpi(args, { cwd: dir, env: { KPI_THREADS: '1' } });
    const two = kpi(args, { cwd: dir, env: { KPI_PIPE_MIN_MB: '8' } });
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(JSON.parse(two.stdout).meta.inputs[0].rows_read).toBe(rows);
  }

  it('reports exactly what one thread reports', () => {
    const text = bigLeads('"ID";"Дата создания";"Стадия";"Источник";"Ответственный";"Название компании";"ИНН";"Рабочий телефон";"Сумма"');
    sameWithThread('leads', text, 60_000);
  });

  it('an ASCII call log (one-byte text, LF, no quotes) too', () => {
    const out = ['Call Start Time,Call Type,Call Owner,From,To,Call Duration (in seconds),Status'];
    for (let i = 0; i < 130_000; i++) {
      const inbound = i % 3 !== 0;
      const ext = `${101 + (i % 9)}`;
      const ext2 = `+7916${String((i * 7919) % 400_000).padStart(7, '0')}`;
      out.push(`2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 1${i % 10}:0${i % 6}:00,${inbound ? 'Inbound' : 'Outbound'},Manager ${i % 9},${inbound ? ext2 : ext},${inbound ? ext : ext2},${i % 4 === 0 ? 0 : 30 + (i % 300)},${i % 4 === 0 ? 'NO ANSWER' : 'ANSWERED'}`);
    }
    const text = out.join('\n') + '\n';
    sameWithThread('calls', text, 130_000);
  });

  it('a file refused after its head rows ends the process with the same error, at once', () => {
    const dir = tempDir({ 'x.csv': bigLeads('"Колонка";"Другая";"Третья";"Ещё";"И ещё";"Пятая";"Шестая";"Седьмая";"Восьмая"') });
    const args = ['report', '--leads', 'x.csv', '--no-config', '--today', '2026-01-15'];
    const one = kpi(args, { cwd: dir, env: { KPI_THREADS: '1' } });
    const t0 = Date.now();
    const two = kpi(args, { cwd: dir, env: { KPI_PIPE_MIN_MB: '8' } });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(one.code).toBe(3);
    expect([two.code, two.stderr]).toEqual([one.code, one.stderr]);
  });
});

describe('pipeRun', () => {
  it('reads on a second thread by default; KPI_THREADS=1 (or 0) turns it off, KPI_PIPE_MIN_MB moves the size', () => {
    if (availableParallelism() < 2) return expect(pipeRun({})).toBeNull(); // one core: never
    expect(pipeRun({})).toEqual({});
    expect(pipeRun({ KPI_PIPE_MIN_MB: '8' })).toEqual({ minBytes: 8 * 1024 * 1024 });
    expect(pipeRun({ KPI_PIPE_MIN_MB: 'many' })).toEqual({});
    expect(pipeRun({ KPI_THREADS: '1' })).toBeNull();
    expect(pipeRun({ KPI_THREADS: ' 0 ' })).toBeNull();
  });
});
