/**
 * Reading a file with a second thread (src/app/parallel): the result — records, issues, counts —
 * is exactly that of one thread, whether the worker's part is adopted or, when the parts could
 * read differently (a quoted cell across the cut, slashed dates, an id on both sides), dropped.
 * Needs the compiled worker (`npm run build`); skipped with a notice without it, failing in CI.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInputs, type LoadResult } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import iconv from 'iconv-lite';
import { ROOT, tempDir } from '../helpers/cli.js';
import { plainIssue } from '../../src/records/normalize/context.js';

const WORKER = new URL(`file://${path.join(ROOT, 'dist/src/app/parallel/worker.js')}`);
const built = existsSync(fileURLToPath(WORKER));
if (!built) {
  if (process.env.CI === 'true') throw new Error('dist/src/app/parallel/worker.js is missing: run npm run build');
  console.warn('parallel-read.test: dist/ is not built, skipping (run npm run build)');
}

const config = defaultConfig();
const settings = compileSettings(config, 'UTC', 20_000);

async function read(name: string, text: string | Buffer, kind: 'leads' | 'calls' | 'invoices', threads: 1 | 2): Promise<LoadResult> {
  const dir = tempDir({ [name]: text });
  const parallel = threads === 2 ? { config, tz: 'UTC', today: 20_000, worker: WORKER, minBytes: 0 } : null;
  return loadInputs([{ path: path.join(dir, name), display: name, kind, source: null }], settings, { keepRaw: false, lenient: false, parallel });
}

/** Everything a run reports about its input, for comparing one thread with two. */
function outcome(r: LoadResult) {
  // a worker's row issues arrive with their message as a field; this thread's compose it when read
  return { leads: r.leads, calls: r.calls, invoices: r.invoices, issues: r.issues.map(plainIssue), stats: r.files.map((f) => f.stats), samples: r.files.map((f) => f.samples) };
}

async function both(name: string, text: string | Buffer, kind: 'leads' | 'calls' | 'invoices') {
  const one = await read(name, text, kind, 1);
  const two = await read(name, text, kind, 2);
  expect(outcome(two)).toEqual(outcome(one));
  return two.files[0]!.parts;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (i: number) => `${pad(1 + (i % 28))}.${pad(1 + (Math.floor(i / 28) % 12))}.2025`;

function invoices(n: number, extra: (i: number) => string | null = () => null): string {
  const out = ['Дата;Номер;Контрагент;ИНН;Менеджер;Сумма'];
  for (let i = 0; i < n; i++) out.push(extra(i) ?? `${day(i)};ТД-${Math.floor(i / 3)};ООО «Клиент ${i % 97}»;77${String(i % 97).padStart(8, '0')};Менеджер ${i % 5};${1000 + (i % 13)},50`);
  return out.join('\r\n') + '\r\n';
}

describe.skipIf(!built)('reading a file in two parts', () => {
  it('invoices with repeated rows, blank and total rows, bad dates, an unclosed quote and a repeated header on both sides: adopted, same result', async () => {
    const n = 4000;
    const text = invoices(n, (i) => {
      if (i === 2500) return invoices(1).split('\r\n')[1]!; // repeats row 0 (the other part)
      if (i === 2600) return '';
      if (i === 2700) return '31.02.2025;X;ООО А;7700000000;М;1,00';
      if (i === 2800) return '05.03.2025;Y;"ООО Без кавычки;7700000001;М;2,00';
      if (i === 2900) return 'Дата;Номер;Контрагент;ИНН;Менеджер;Сумма';
      if (i === 3999) return 'Итого;;;;;999,00';
      if (i === 1500) return '';
      return null;
    });
    expect(await both('inv.csv', text, 'invoices')).toBe(2);
  });

  it('leads with ids and a merge inside the second part: adopted, same result', async () => {
    const out = ['ID;Дата создания;Источник;Ответственный;Компания;Стадия;Сумма'];
    for (let i = 0; i < 3000; i++) out.push(`${1000 + i};${day(i)} 10:${pad(i % 60)};Сайт ${i % 4};Анна;Компания ${i % 50};Новая;${i},00`);
    out.push('2999;;Реклама;;;Сделка успешна;');
    expect(await both('leads.csv', out.join('\n') + '\n', 'leads')).toBe(2);
  });

  it('calls: adopted, same result', async () => {
    const out = ['Call Start Time,Call Type,Call Owner,From,To,Call Duration (in seconds),Status'];
    for (let i = 0; i < 3000; i++) out.push(`2025-03-${pad(1 + (i % 28))} 09:${pad(i % 60)}:00,${i % 2 ? 'Inbound' : 'Outbound'},Анна,+7912${String(i % 300).padStart(7, '0')},+7495${String(i % 7).padStart(7, '0')},${i % 3 ? 40 : 0},${i % 3 ? 'ANSWERED' : 'NO ANSWER'}`);
    expect(await both('calls.csv', out.join('\n') + '\n', 'calls')).toBe(2);
  });

  /** Calls with Asterisk-style text ids (`1709633702.17`): two legs of some calls share one. */
  function textIdCalls(n: number, last: string | null): string {
    const out = ['uniqueid,Call Start Time,Call Type,Call Owner,From,To,Call Duration (in seconds),Status'];
    for (let i = 0; i < n; i++) out.push(`1709633702.${i - (i % 7 === 6 ? 1 : 0)},2025-03-${pad(1 + (i % 28))} 09:${pad(i % 60)}:00,${i % 2 ? 'Inbound' : 'Outbound'},Анна,+7912${String(i).padStart(7, '0')},+7495${String(i % 7).padStart(7, '0')},${i % 3 ? 40 : 0},${i % 3 ? 'ANSWERED' : 'NO ANSWER'}`);
    if (last !== null) out.push(last);
    return out.join('\n') + '\n';
  }

  it('calls with text ids, legs merged inside each part: adopted, same result', async () => {
    const parts = await both('text-ids.csv', textIdCalls(3000, null), 'calls');
    expect(parts).toBe(2);
    const r = await read('text-ids.csv', textIdCalls(3000, null), 'calls', 2);
    expect(r.calls.length).toBe(3000 - Math.floor(3000 / 7));
    expect(r.calls.at(-1)!.id).toBe('1709633702.2999');
  });

  it('a text id on both sides of the cut: the worker is dropped, same result', async () => {
    expect(await both('text-id-twice.csv', textIdCalls(3000, '1709633702.3,2025-03-01 10:00:00,Inbound,Анна,+79120000003,+74950000000,0,NO ANSWER'), 'calls')).toBe(1);
  });

  /** A call log in ASCII, except `late` (a row's owner) from row `from` on, encoded as `encoding`. */
  function asciiCalls(late: string | null, from: number, encoding: string): Buffer {
    const out = ['Call Start Time,Call Type,Call Owner,From,To,Call Duration (in seconds),Status'];
    for (let i = 0; i < 3000; i++) out.push(`2025-03-${pad(1 + (i % 28))} 09:${pad(i % 60)}:00,${i % 2 ? 'Inbound' : 'Outbound'},${late !== null && i >= from ? late : 'Agent 101'},+7912${String(i % 300).padStart(7, '0')},+74950000000,${i % 3 ? 40 : 0},${i % 3 ? 'ANSWERED' : 'NO ANSWER'}`);
    return iconv.encode(out.join('\n') + '\n', encoding);
  }

  it('an all-ASCII file (its encoding never settles): adopted, same result', async () => {
    expect(await both('ascii.csv', asciiCalls(null, 0, 'utf-8'), 'calls')).toBe(2);
  });

  it('ASCII up to the cut, Windows-1251 after it: the worker is dropped, same result (read as 1251)', async () => {
    const text = asciiCalls('Иванов Пётр', 2000, 'windows-1251');
    expect(await both('late1251.csv', text, 'calls')).toBe(1);
    const one = await read('late1251.csv', text, 'calls', 1);
    expect(one.files[0]!.info.encoding).toBe('windows-1251');
    expect(one.calls.at(-1)!.manager).toBe('Иванов Пётр');
  });

  it('Windows-1251 text before the cut, after 64 KiB of ASCII: adopted when the worker agrees, same result', async () => {
    expect(await both('mid1251.csv', asciiCalls('Иванов Пётр', 1000, 'windows-1251'), 'calls')).toBe(2);
  });

  it('a quoted cell across the cut: the worker is dropped, same result', async () => {
    const body = invoices(1000).split('\r\n');
    const lines = Array.from({ length: 3000 }, (_, k) => `line ${k}`).join('\n');
    body.splice(500, 0, `05.03.2025;Z;"ООО ${lines}";7700000002;М;3,00`);
    expect(await both('multi.csv', body.join('\r\n'), 'invoices')).toBe(1);
  });

  it('slashed dates after the cut: the worker is dropped, same result', async () => {
    const text = invoices(3000, (i) => (i > 2000 && i % 10 === 0 ? `${13 + (i % 15)}/04/2025;S${i};ООО Б;7700000003;М;4,00` : null));
    expect(await both('slash.csv', text, 'invoices')).toBe(1);
  });

  it('an id on both sides of the cut: the worker is dropped, same result', async () => {
    const out = ['ID;Дата создания;Источник;Ответственный;Компания;Стадия'];
    for (let i = 0; i < 3000; i++) out.push(`${1000 + i};${day(i)};Сайт;Анна;Компания ${i % 50};Новая`);
    out.push('1000;;;;;Сделка успешна');
    expect(await both('dup-id.csv', out.join('\n') + '\n', 'leads')).toBe(1);
  });
});
