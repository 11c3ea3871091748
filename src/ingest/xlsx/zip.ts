/**
 * A minimal streaming ZIP reader for XLSX packages: the central directory is read once, then an
 * entry's compressed bytes are read from disk in slices and inflated by Node's zlib as a stream,
 * so a 1 GiB sheet never sits in memory. The inflated size is counted as it grows and
 * reading stops as soon as it passes the caller's limit (declared sizes are checked first, but
 * never trusted alone: a zip bomb can lie about them).
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { createInflateRaw, type InflateRaw } from 'node:zlib';
import { formatBytes, invalidXlsx, unreadableFile, xlsxOverLimit, xlsxTooLarge, isKpiError } from './xlsx-errors.js';

/** One file of the package, as the central directory describes it. */
export interface ZipEntry {
  /** Path inside the package, `/`-separated, without a leading slash. */
  name: string;
  /** 0 = stored, 8 = deflate; anything else is refused when read. */
  method: number;
  flags: number;
  compressedSize: number;
  /** Declared inflated size (may lie; checked again while inflating). */
  size: number;
  localHeaderOffset: number;
}

/** The package's table of contents. */
export interface ZipIndex {
  /** Entries by exact name. */
  entries: Map<string, ZipEntry>;
  /** Entries by lower-cased name: some writers disagree with their own rels about case. */
  byLowerName: Map<string, ZipEntry>;
  fileSize: number;
}

/** Compressed bytes read from disk per call. */
const READ_SIZE = 1024 * 1024;
/**
 * Compressed bytes written to the inflater at once. The inflater takes more only once its output
 * is read, and its output is counted chunk by chunk, so a zip bomb is stopped within a few
 * 64 KiB chunks of a limit.
 */
const PUSH_SIZE = 32 * 1024;
const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_CENTRAL_DIR = 64 * 1024 * 1024;

/** Open a file for reading, turning fs failures into user-facing errors. */
export async function openFile(path: string, label: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    throw unreadableFile(label, e);
  }
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Uint8Array> {
  const buf = new Uint8Array(len);
  let done = 0;
  while (done < len) {
    const { bytesRead } = await fh.read(buf, done, len - done, pos + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === len ? buf : buf.subarray(0, done);
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function u64(dv: DataView, at: number): number {
  return Number(dv.getBigUint64(at, true));
}

/** Read the central directory. Throws "not a valid XLSX" for anything that is not a sane zip. */
export async function readZipIndex(fh: FileHandle, label: string): Promise<ZipIndex> {
  const fileSize = (await fh.stat()).size;
  if (fileSize < 22) throw invalidXlsx(label, 'the file is too short to be a zip archive');
  const tailLen = Math.min(fileSize, 65535 + 22 + 20);
  const tail = await readAt(fh, fileSize - tailLen, tailLen);
  const tv = view(tail);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalidXlsx(label, 'no zip end-of-directory record: the file is truncated or not a zip');
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || tv.getUint32(loc, true) !== ZIP64_LOCATOR_SIG) throw invalidXlsx(label, 'broken ZIP64 directory');
    const z = view(await readAt(fh, u64(tv, loc + 8), 56));
    if (z.byteLength < 56 || z.getUint32(0, true) !== ZIP64_EOCD_SIG) throw invalidXlsx(label, 'broken ZIP64 directory');
    count = u64(z, 32);
    cdSize = u64(z, 40);
    cdOffset = u64(z, 48);
  }
  if (cdSize > MAX_CENTRAL_DIR || cdOffset + cdSize > fileSize) {
    throw invalidXlsx(label, 'the zip directory points outside the file: the file is truncated');
  }
  const cd = await readAt(fh, cdOffset, cdSize);
  return { ...parseCentralDirectory(cd, count, label), fileSize };
}

function parseCentralDirectory(cd: Uint8Array, count: number, label: string): Omit<ZipIndex, 'fileSize'> {
  const dv = view(cd);
  const entries = new Map<string, ZipEntry>();
  const byLowerName = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || dv.getUint32(p, true) !== CENTRAL_SIG) throw invalidXlsx(label, 'damaged zip directory');
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: names.decode(cd.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/').replace(/^\/+/, ''),
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localHeaderOffset: dv.getUint32(p + 42, true),
    };
    applyZip64Extra(entry, dv, p + 46 + nameLen, extraLen);
    entries.set(entry.name, entry);
    byLowerName.set(entry.name.toLowerCase(), entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, byLowerName };
}

/** ZIP64 stores the real values, in this order, only for the fields saturated at 0xFFFFFFFF. */
function applyZip64Extra(e: ZipEntry, dv: DataView, start: number, len: number): void {
  const end = Math.min(start + len, dv.byteLength);
  for (let q = start; q + 4 <= end; ) {
    const id = dv.getUint16(q, true);
    const size = dv.getUint16(q + 2, true);
    if (id === 0x0001) {
      let r = q + 4;
      const take = (): number => {
        if (r + 8 > q + 4 + size || r + 8 > end) return 0xffffffff;
        const v = u64(dv, r);
        r += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = take();
      if (e.compressedSize === 0xffffffff) e.compressedSize = take();
      if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = take();
      return;
    }
    q += 4 + size;
  }
}

/** Find an entry by name, falling back to a case-insensitive match. */
export function findEntry(index: ZipIndex, name: string): ZipEntry | null {
  return index.entries.get(name) ?? index.byLowerName.get(name.toLowerCase()) ?? null;
}

async function dataStart(fh: FileHandle, index: ZipIndex, e: ZipEntry, label: string): Promise<number> {
  const h = await readAt(fh, e.localHeaderOffset, 30);
  const dv = view(h);
  if (h.length < 30 || dv.getUint32(0, true) !== LOCAL_SIG) throw invalidXlsx(label, `damaged zip entry ${e.name}`);
  const start = e.localHeaderOffset + 30 + dv.getUint16(26, true) + dv.getUint16(28, true);
  if (start + e.compressedSize > index.fileSize) throw invalidXlsx(label, `zip entry ${e.name} is cut short: the file is truncated`);
  return start;
}

/** Refuse output growing faster than `maxRatio` per compressed byte once past `afterBytes`. */
export interface RatioGuard {
  maxRatio: number;
  afterBytes: number;
}

/**
 * Inflate one entry, yielding its bytes chunk by chunk. Refuses an entry whose declared size is
 * over `limit`, and stops with the same error as soon as the actual output passes it; with a
 * `ratio` guard, also as soon as the output outgrows the compressed input read so far by more
 * than `maxRatio` (after `afterBytes` of output), all `xlsx_too_large`.
 */
export async function* inflateEntry(
  fh: FileHandle,
  index: ZipIndex,
  e: ZipEntry,
  limit: number,
  label: string,
  ratio: RatioGuard | null = null,
): AsyncGenerator<Uint8Array> {
  if (e.size > limit) throw xlsxTooLarge(label, e.name, limit, true);
  if (e.flags & 1) throw invalidXlsx(label, `zip entry ${e.name} is encrypted`);
  if (e.method !== 0 && e.method !== 8) throw invalidXlsx(label, `zip entry ${e.name} uses unsupported compression method ${e.method}`);
  const start = await dataStart(fh, index, e, label);
  if (e.method === 0) {
    let pos = start;
    let remaining = e.compressedSize;
    let total = 0;
    while (remaining > 0) {
      const buf = await readAt(fh, pos, Math.min(READ_SIZE, remaining));
      if (buf.length === 0) throw cutShort(label, e);
      pos += buf.length;
      remaining -= buf.length;
      total += buf.length;
      if (total > limit) throw xlsxTooLarge(label, e.name, limit, false);
      yield buf;
    }
    return;
  }
  // Deflate goes to Node's zlib, which inflates on the thread pool, three times as fast as a
  // JavaScript inflater and beside the thread that parses the XML. The entry is fed in slices as
  // the inflater asks for them; its output is counted as it comes, against the limits.
  const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  const feed = { bytes: 0, error: null as unknown };
  feedEntry(fh, inflater, start, e, label, feed).catch((err: unknown) => {
    feed.error = err;
    inflater.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw xlsxTooLarge(label, e.name, limit, false);
      if (ratio && total > ratio.afterBytes && total > ratio.maxRatio * feed.bytes) {
        throw xlsxOverLimit(label, e.name, `it inflates to more than ${ratio.maxRatio} times its compressed size (a zip bomb?)`,
          `at most ${ratio.maxRatio}× compression past the first ${formatBytes(ratio.afterBytes)}`);
      }
      yield chunk;
    }
  } catch (err) {
    if (isKpiError(feed.error)) throw feed.error;
    if (isKpiError(err)) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'Z_BUF_ERROR') throw invalidXlsx(label, `zip entry ${e.name} is corrupt: its compressed data ends early`);
    throw invalidXlsx(label, `zip entry ${e.name} is corrupt: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    // a reader that stopped early (or an error) must not leave the inflater or its feeder running
    inflater.destroy();
  }
}

/** Inflated bytes per chunk the inflater hands out. */
const INFLATE_CHUNK = 64 * 1024;

function cutShort(label: string, e: ZipEntry): Error {
  return invalidXlsx(label, `zip entry ${e.name} is cut short: the file is truncated`);
}

/**
 * Write an entry's compressed bytes to `inflater` in {@link PUSH_SIZE} slices, waiting whenever
 * it has enough (so at most a read and a few slices are held), and end it; `feed.bytes` counts
 * what was written, for the ratio guard. Stops quietly once the inflater is destroyed.
 */
async function feedEntry(fh: FileHandle, inflater: InflateRaw, start: number, e: ZipEntry, label: string, feed: { bytes: number }): Promise<void> {
  let pos = start;
  let remaining = e.compressedSize;
  while (remaining > 0) {
    if (inflater.destroyed) return;
    const buf = await readAt(fh, pos, Math.min(READ_SIZE, remaining));
    if (buf.length === 0) throw cutShort(label, e);
    pos += buf.length;
    remaining -= buf.length;
    for (let off = 0; off < buf.length; off += PUSH_SIZE) {
      if (inflater.destroyed) return;
      const slice = buf.subarray(off, Math.min(off + PUSH_SIZE, buf.length));
      feed.bytes += slice.length;
      if (!inflater.write(slice)) await drained(inflater);
    }
  }
  if (!inflater.destroyed) inflater.end();
}

/** Resolves when `stream` wants more input, or is closed. */
function drained(stream: InflateRaw): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/** Inflate a small part fully and decode it as UTF-8 text. */
export async function readEntryText(
  fh: FileHandle,
  index: ZipIndex,
  e: ZipEntry,
  limit: number,
  label: string,
): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of inflateEntry(fh, index, e, limit, label)) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
