/**
 * Write a report file atomically (temp file + rename, so a failed cron run leaves no half
 * file) and never over one of the inputs, whatever the path spelling (SPEC-DECISIONS #44).
 */
import { realpath, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError, usageError } from '../errors/kpi-error.js';
import type { InputSpec } from './inputs.js';

async function real(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    // not there yet: resolve its folder
    try {
      return path.join(await realpath(path.dirname(path.resolve(p))), path.basename(p));
    } catch {
      return path.resolve(p);
    }
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
    throw inputError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { hint: 'check that the folder exists and is writable' });
  }
}
