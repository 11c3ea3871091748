/**
 * Which CSV parser (issue 5, item 3): time the candidates on the generated 1M-row files, streamed
 * in 64 KiB chunks as kpi reads, each in a fresh process, rows and cells counted:
 *
 *   node dist/bench/parsers.js [--size 1m] [--runs 3]
 *
 * - `floor`: read the file and decode it (TextDecoder), no parsing — what any reader pays;
 * - `kpi`: kpi's reader (`readCsv`: detection, tokenizer with line numbers and raw text);
 * - `papaparse`: Papa.parse on the read stream (chunk callback), delimiter given;
 * - `udsv`: uDSV's incremental parser (`chunk`), schema inferred from the first chunk.
 *
 * Prints the median time per parser and file. The XLSX side (exceljs against kpi's fflate + SAX
 * reader) is part of `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { initParser, inferSchema } from 'udsv';
import { readCsv } from '../src/ingest/csv/read-csv.js';
import { hasBatches } from '../src/ingest/types.js';
import { benchOutDir, isMain } from './paths.js';

const PARSERS = ['floor', 'kpi', 'papaparse', 'udsv'] as const;
type ParserName = (typeof PARSERS)[number];
const DELIMITER: Record<string, string> = { leads: ';', calls: ',', invoices: ';' };

interface Count {
  rows: number;
  cells: number;
}

function chunks(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}

async function floor(path: string): Promise<Count> {
  const d = new TextDecoder('utf-8');
  let chars = 0;
  for await (const b of chunks(path)) chars += d.decode(b, { stream: true }).length;
  return { rows: 0, cells: chars };
}

async function kpiReader(path: string): Promise<Count> {
  const { rows } = await readCsv({ path }, { file: path }, []);
  const it = rows[Symbol.asyncIterator]();
  if (!hasBatches(it)) throw new Error('the CSV reader lost its batch API');
  const n: Count = { rows: 0, cells: 0 };
  for (;;) {
    const batch = await it.nextBatch();
    if (batch === null) break;
    n.rows += batch.length;
    for (const r of batch) n.cells += r.cells.length;
  }
  return n;
}

function papaparse(path: string, delimiter: string): Promise<Count> {
  const n: Count = { rows: 0, cells: 0 };
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(path, { highWaterMark: 64 * 1024, encoding: 'utf8' }) as unknown as File, {
      delimiter,
      chunk: (r) => {
        n.rows += r.data.length;
        for (const row of r.data) n.cells += row.length;
      },
      complete: () => resolve(n),
      error: (e: Error) => reject(e),
    });
  });
}

async function udsv(path: string): Promise<Count> {
  const n: Count = { rows: 0, cells: 0 };
  const d = new TextDecoder('utf-8');
  let parser: ReturnType<typeof initParser> | null = null;
  const onData = (row: string[]) => {
    n.rows++;
    n.cells += row.length;
  };
  for await (const b of chunks(path)) {
    const text = d.decode(b, { stream: true });
    parser ??= initParser(inferSchema(text));
    parser.chunk<string[]>(text, parser.stringArrs, onData as never);
  }
  parser?.end();
  return n;
}

export async function runOne(name: ParserName, path: string, kind: string): Promise<{ ms: number } & Count> {
  const t0 = performance.now();
  const n =
    name === 'floor' ? await floor(path)
    : name === 'kpi' ? await kpiReader(path)
    : name === 'papaparse' ? await papaparse(path, DELIMITER[kind]!)
    : await udsv(path);
  return { ms: performance.now() - t0, ...n };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--one') {
    const r = await runOne(argv[1] as ParserName, argv[2]!, argv[3]!);
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const size = argv.includes('--size') ? argv[argv.indexOf('--size') + 1]! : '1m';
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 3;
  const self = fileURLToPath(import.meta.url);
  console.log(`| file | ${PARSERS.join(' | ')} |`);
  console.log(`|---|${PARSERS.map(() => '---:').join('|')}|`);
  for (const kind of ['leads', 'calls', 'invoices']) {
    const path = `${benchOutDir()}/${kind}-${size}-s1.csv`;
    if (!existsSync(path)) {
      console.log(`| ${kind}-${size} | missing: run npm run bench first |`);
      continue;
    }
    const cells: string[] = [];
    for (const name of PARSERS) {
      const times: number[] = [];
      let last: Count | null = null;
      for (let k = 0; k < runs; k++) {
        const r = spawnSync(process.execPath, [self, '--one', name, path, kind], { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`${name} on ${path}: ${r.stderr}`);
        const out = JSON.parse(r.stdout) as { ms: number } & Count;
        times.push(out.ms);
        last = out;
      }
      cells.push(`${(median(times) / 1000).toFixed(2)} s${name === 'floor' ? '' : ` (${last!.rows.toLocaleString('en')} rows)`}`);
    }
    console.log(`| ${kind}-${size}.csv | ${cells.join(' | ')} |`);
  }
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
