/**
 * Stream a generated CSV table to disk. Lines are batched into ~1 MiB strings (one `write`
 * per batch instead of per row) and the writer waits for `drain`, so memory stays flat however
 * many rows are written — a 5M-row file is never a string in memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';
import type { CsvTable } from './table.js';

const BATCH_CHARS = 1 << 20;

/** Write `table` to `path` (overwriting it); resolves with the bytes written. */
export async function writeCsv(table: CsvTable, path: string): Promise<number> {
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([e]) => {
    throw e as Error;
  });
  failed.catch(() => undefined); // observed below; avoids an unhandled rejection meanwhile
  const cp1251 = table.encoding === 'windows-1251';
  const put = async (s: string): Promise<void> => {
    if (!(cp1251 ? out.write(iconv.encode(s, 'windows-1251')) : out.write(s, 'utf8'))) await Promise.race([once(out, 'drain'), failed]);
  };
  let buf = (table.bom ? '\ufeff' : '') + table.header + table.eol;
  for (let i = 0; i < table.rows; i++) {
    buf += table.next() + table.eol;
    if (buf.length >= BATCH_CHARS) {
      await put(buf);
      buf = '';
    }
  }
  if (buf) await put(buf);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return out.bytesWritten;
}
