/**
 * Write a report file atomically (temp file + rename, so a failed cron run leaves no half
 * file) and never over one of the inputs, whatever the path spelling (SPEC-DECISIONS #44).
 * A target that is not a regular file is written the way shell redirection would: a device or a
 * FIFO in place (a rename would replace `/dev/null` or a named pipe with a plain file), a symlink
 * through to the file it names (the link stays; that file is written atomically).
 */
import { lstat, readlink, realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, systemErrorText, usageError } from '../errors/kpi-error.js';
import type { InputSpec } from './inputs.js';

/** The real path a write to `p` lands on: symlinks followed, a dangling one to the file it names
 *  (which the write creates, as `>` does). */
async function real(p: string, depth = 0): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    // not there yet: resolve its folder
    let dir: string;
    try {
      dir = await realpath(path.dirname(path.resolve(p)));
    } catch {
      return path.resolve(p);
    }
    const at = path.join(dir, path.basename(p));
    // a dangling symlink (40 links deep at most, the kernel's limit; a loop stays a link and
    // fails with ELOOP when opened)
    const link = depth < 40 ? await readlink(at).catch(() => null) : null;
    return link === null ? at : real(path.resolve(dir, link), depth + 1);
  }
}

/** Temp files being written right now: removed by the entry point on SIGINT/SIGTERM. */
const pending = new Set<string>();

export function pendingTempFiles(): string[] {
  return [...pending];
}

let listener: ((count: number) => void) | null = null;

/** The entry point listens, to catch SIGINT/SIGTERM only while a temp file exists (a busy process
 *  otherwise ends at once on a signal, as `timeout` and Ctrl-C expect). */
export function onPendingChange(fn: (count: number) => void): void {
  listener = fn;
}

export async function writeOutput(file: string, data: string | Uint8Array | Iterable<string>, inputs: readonly InputSpec[]): Promise<void> {
  const target = await real(file);
  for (const i of inputs) {
    if (i.path === '-') continue;
    if ((await real(i.path)) === target) throw usageError(`refusing to write ${file}: it is one of the input files`, 'choose another output path');
  }
  // not a regular file (nor missing): a device, FIFO or socket takes the bytes in place; no temp
  // file, no rename. A directory or a symlink loop fails at open with EISDIR or ELOOP.
  const stat = await lstat(target).catch(() => null);
  if (stat && !stat.isFile()) {
    try {
      await writeFile(target, data);
    } catch (e) {
      throw writeError(file, e);
    }
    return;
  }
  const tmp = path.join(path.dirname(target), `.kpi-tmp-${process.pid}-${path.basename(target)}`);
  pending.add(tmp);
  listener?.(pending.size);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
    pending.delete(tmp);
    listener?.(pending.size);
  } catch (e) {
    await rm(tmp, { force: true });
    pending.delete(tmp);
    listener?.(pending.size);
    throw writeError(file, e);
  }
}

function writeError(file: string, e: unknown) {
  const code = (e as NodeJS.ErrnoException).code;
  const full = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
  return inputError(`cannot write ${file}: ${systemErrorText(e)}`, {
    hint: full ? 'free some space there, or write the output elsewhere' : 'check that the folder exists and is writable',
  });
}
