/**
 * Byte input for the CSV reader: open a file (or take a stream), read the head for detection,
 * then hand out the remaining chunks. Errors become KpiErrors with file-level issue codes.
 */
import { open } from 'node:fs/promises';
import { makeIssue } from '../../errors/issue.js';
import { inputError, type KpiError } from '../../errors/kpi-error.js';

/** 64 KiB chunks measured fastest: larger ones keep more rows queued at once, and the
 *  young-generation GC then promotes them to the old space (1 MiB chunks were ~30 % slower). */
const READ_CHUNK_BYTES = 64 * 1024;
/**
 * What one read from the file asks for, handed on in 64 KiB chunks: each read costs a thread-pool
 * round trip and the stream's bookkeeping, so 256 KiB pieces made 1M-row reports 5–10 % faster;
 * 1 MiB pieces cost ~13 MB more peak memory for no further gain.
 */
const READ_PIECE_BYTES = 256 * 1024;

/** A chunked byte stream whose first chunks have already been read. */
export interface ByteSource {
  /** The first chunks, concatenated (at least `headBytes` unless the input is shorter). */
  head: Buffer;
  /** True when the input ended within `head`. */
  ended: boolean;
  /** The chunks after `head`. */
  rest: AsyncIterator<Buffer>;
  /** Stop reading and release the file. */
  close(): void;
}

/**
 * Open the input and read its head.
 * @param file the name used in messages.
 * @throws KpiError exit 3: `file_not_found`, or `file_unreadable` (a directory, no permission, I/O).
 */
export async function openByteSource(
  input: { path: string } | { stream: NodeJS.ReadableStream },
  file: string,
  headBytes: number,
): Promise<ByteSource> {
  const stream = 'path' in input ? await openFileStream(input.path, file) : input.stream;
  const it = stream[Symbol.asyncIterator]();
  const close = (): void => {
    const s = stream as NodeJS.ReadableStream & { destroy?: () => void };
    if (typeof s.destroy === 'function') s.destroy();
  };
  // the file is read in large pieces (fewer trips to the thread pool) handed out 64 KiB at a time
  let piece: Buffer | null = null;
  let at = 0;
  const rest: AsyncIterator<Buffer> = {
    async next() {
      if (piece !== null) {
        const part = piece.subarray(at, at + READ_CHUNK_BYTES);
        at += part.length;
        if (at >= piece.length) piece = null;
        return { done: false, value: part };
      }
      try {
        const r = await it.next();
        if (r.done) return { done: true, value: undefined };
        const b = toBuffer(r.value);
        if (b.length <= READ_CHUNK_BYTES) return { done: false, value: b };
        piece = b;
        at = READ_CHUNK_BYTES;
        return { done: false, value: b.subarray(0, READ_CHUNK_BYTES) };
      } catch (e) {
        close();
        throw readError(e, file);
      }
    },
  };
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < headBytes) {
    const r = await rest.next();
    if (r.done) {
      ended = true;
      break;
    }
    chunks.push(r.value);
    size += r.value.length;
  }
  return { head: Buffer.concat(chunks), ended, rest, close };
}

async function openFileStream(path: string, file: string): Promise<NodeJS.ReadableStream> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw readError(e, file);
  }
  let isDir: boolean;
  try {
    isDir = (await handle.stat()).isDirectory();
  } catch (e) {
    await handle.close();
    throw readError(e, file);
  }
  if (isDir) {
    await handle.close();
    throw unreadable(file, 'is a directory');
  }
  // The stream owns the handle from here (autoClose): it is closed at the end or on destroy.
  return handle.createReadStream({ highWaterMark: READ_PIECE_BYTES });
}

function toBuffer(chunk: string | Buffer | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function readError(e: unknown, file: string): KpiError {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const message = 'no such file';
    const hint = 'check the path and the current directory';
    return inputError(`${file}: error[file_not_found] ${message}`, {
      issue: makeIssue('file_not_found', { file }, { message, hint }),
      hint,
    });
  }
  if (code === 'EISDIR') return unreadable(file, 'is a directory');
  return unreadable(file, e instanceof Error ? e.message : String(e));
}

function unreadable(file: string, why: string): KpiError {
  const message = `cannot read the file: ${why}`;
  return inputError(`${file}: error[file_unreadable] ${message}`, { issue: makeIssue('file_unreadable', { file }, { message }) });
}
