import { getSystemErrorMap } from 'node:util';
import type { Issue } from './issue.js';

/** Exit codes of SPEC §6 and SPEC-DECISIONS #26. */
export const EXIT = { ok: 0, failed: 1, usage: 2, input: 3, internal: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * An error the user can act on. Thrown anywhere below the CLI; turned into a message and an
 * exit code in exactly one place (src/cli/main.ts). Never shows a stack trace.
 */
export class KpiError extends Error {
  readonly exitCode: ExitCode;
  readonly issue: Issue | null;
  readonly hint: string | null;
  constructor(exitCode: ExitCode, message: string, opts: { issue?: Issue | null; hint?: string | null } = {}) {
    super(message);
    this.name = 'KpiError';
    this.exitCode = exitCode;
    this.issue = opts.issue ?? null;
    this.hint = opts.hint ?? opts.issue?.hint ?? null;
  }
}

/** Usage or config error: exit 2. */
export function usageError(message: string, hint?: string): KpiError {
  return new KpiError(EXIT.usage, message, { hint: hint ?? null });
}

/** Unreadable input: exit 3. */
export function inputError(message: string, opts: { issue?: Issue; hint?: string } = {}): KpiError {
  return new KpiError(EXIT.input, message, { issue: opts.issue ?? null, hint: opts.hint ?? null });
}

/**
 * A system error as words a user can act on, with its code for searching: "no space left on
 * device (ENOSPC)". Node's own message ("ENOSPC: no space left on device, write") reads as a crash.
 */
export function systemErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known = typeof err?.errno === 'number' ? getSystemErrorMap().get(err.errno) : undefined;
  if (known) return `${known[1]} (${known[0]})`;
  return err?.code ?? err?.message ?? String(e);
}
