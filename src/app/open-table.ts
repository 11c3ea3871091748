/**
 * Open one input as a table: sniff the format by its bytes, pick the reader, and hand back
 * the rows with what was detected. Unreadable input (missing, unsupported, corrupt) throws
 * KpiError exit 3 — for every command, inspect included (SPEC-DECISIONS #34).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { RawRow, ReaderInfo } from '../ingest/types.js';
import type { Issue } from '../errors/issue.js';
import { makeIssue } from '../errors/issue.js';
import { inputError, type KpiError } from '../errors/kpi-error.js';
import { readCsv } from '../ingest/csv/read-csv.js';
import { PIPE_MIN_BYTES, PipedRows, pipeWorkerAvailable, type PipeOptions } from '../ingest/csv/piped-rows.js';
import { readXlsx, type CellRange } from '../ingest/xlsx/read-xlsx.js';
import { readHtml } from '../ingest/html/read-html.js';
import { HTML_NOT_A_TABLE, sniffFormat } from './sniff.js';
import type { InputSpec } from './inputs.js';

export interface OpenedTable {
  info: ReaderInfo;
  merges: CellRange[];
  rows: AsyncIterable<RawRow>;
}

/** The first `n` bytes of a file (fewer when it is shorter). */
export async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Read a stream's first chunk for sniffing, then re-stream it whole (stdin, a pipe, a device). */
async function streamWithHead(source: NodeJS.ReadableStream): Promise<{ head: Buffer; stream: NodeJS.ReadableStream }> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : Buffer.from(first.value as Buffer);
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield Buffer.from(r.value as Buffer);
    }
  }
  return { head, stream: Readable.from(rest()) };
}

/** The file is a format kpi does not read (exit 3, `format_unsupported`). */
function unsupported(file: string, what: { what: string; hint: string }): KpiError {
  return inputError(`${file}: unsupported format: this is ${what.what}`, {
    issue: makeIssue('format_unsupported', { file }, { message: `this is ${what.what}`, hint: what.hint }),
    hint: what.hint,
  });
}

/**
 * @param pipe read a big CSV file on a second thread (see piped-rows.ts); null: on this one.
 */
export async function openTable(spec: InputSpec, issues: Issue[], pipe: PipeOptions | null = null): Promise<OpenedTable> {
  const file = spec.display;
  let head: Buffer;
  let size = 0;
  let stream: NodeJS.ReadableStream | null = null;
  if (spec.path === '-') {
    const s = await streamWithHead(process.stdin);
    head = s.head;
    stream = s.stream;
  } else {
    let st;
    try {
      st = await stat(spec.path);
    } catch {
      throw inputError(`${file}: no such file`, { issue: makeIssue('file_not_found', { file }, { message: 'no such file' }), hint: 'check the path; paths in a config file are relative to the config file\'s folder' });
    }
    if (st.isDirectory()) throw inputError(`${file}: is a directory, not a file`, { hint: `use a pattern such as ${file.replace(/\/$/, '')}/*.csv` });
    try {
      if (st.isFile()) {
        head = await readHead(spec.path, 4096);
        size = st.size;
      }
      else {
        // a pipe or a device (`<(gunzip -c calls.csv.gz)`, /dev/stdin): read once, as stdin is
        const s = await streamWithHead(createReadStream(spec.path));
        head = s.head;
        stream = s.stream;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      // ENXIO: a socket (a process manager's stdin) cannot be opened by name
      const hint = code === 'ENXIO' ? 'to read standard input, pass - instead of its path' : 'check the file permissions';
      throw inputError(`${file}: cannot be read (${code})`, { hint });
    }
  }
  if (head.length === 0) {
    issues.push(makeIssue('no_records', { file }, { message: 'the file is empty', severity: 'warning' }));
  }
  const sniffed = sniffFormat(head);
  if (sniffed.format === 'unsupported') throw unsupported(file, sniffed);
  const src = spec.source;
  if (sniffed.format === 'html') {
    // Bitrix24 "Excel": read when the document holds a table of at least two rows, else refused as before
    const t = await readHtml(stream ? { stream } : { path: spec.path }, { file, encoding: src?.encoding ?? null }, issues);
    if (t === null) throw unsupported(file, HTML_NOT_A_TABLE);
    return { info: t.info, merges: t.merges, rows: t.rows };
  }
  if (sniffed.format === 'xlsx') {
    if (stream) throw inputError(spec.path === '-' ? '<stdin>: XLSX cannot be read from standard input' : `${file}: XLSX cannot be read from a pipe`, { hint: 'save it to a file and pass the path' });
    const t = await readXlsx(spec.path, { file, sheet: spec.sheet ?? src?.sheet ?? null }, issues);
    return { info: t.info, merges: t.merges, rows: t.rows };
  }
  const input = stream ? { stream } : { path: spec.path };
  const opts = { file, encoding: src?.encoding ?? null, delimiter: src?.delimiter ?? null };
  const t = await readCsv(input, opts, issues);
  if (pipe !== null && !stream && size >= (pipe.minBytes ?? PIPE_MIN_BYTES) && pipeWorkerAvailable(pipe.worker)) {
    // this thread's detection stands (and has reported its issues); its reader goes on while
    // the worker starts, then the worker reads the rest
    return { info: t.info, merges: [], rows: new PipedRows({ path: spec.path, ...opts }, t.info, issues, t.rows, pipe.worker, pipe.balance) };
  }
  return { info: t.info, merges: [], rows: t.rows };
}
