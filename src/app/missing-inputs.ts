/**
 * The refusal of a command whose inputs hold no file of a kind it needs (`kpi list new-clients`
 * or `kpi cohorts` with only leads, `kpi calls` without a call log): exit 3, with one hint for
 * every such command that says how to give the missing file — the bar is a hint on every error,
 * and the lists and cohorts had none.
 */
import { inputError, type KpiError } from '../errors/kpi-error.js';
import type { Kind } from '../records/types.js';
import type { LoadResult } from './load.js';

/** How to give a file of one of `kinds` (any one of them will do). */
export function missingKindHint(kinds: readonly Kind[]): string {
  const flags = kinds.map((k) => `\`--${k} FILE\``).join(' or ');
  return `pass the ${kinds.join(' or ')} file as ${flags}, or list it under \`sources:\` in kpi.config.yaml `
    + `(with \`kind:\` if it is not detected); \`kpi inspect FILE\` shows what each file was read as`;
}

/** `kpi WHAT needs KIND; none among N file(s) (detected: …)`, with {@link missingKindHint}. */
export function missingKindError(what: string, kind: Kind, load: Pick<LoadResult, 'files'>): KpiError {
  return inputError(`${what} needs ${kind}; none among ${load.files.length} file(s) (detected: ${detectedKinds(load)})`, { hint: missingKindHint([kind]) });
}

/** The kind each input was read as, in order (`leads, unknown`). */
export function detectedKinds(load: Pick<LoadResult, 'files'>): string {
  return load.files.map((f) => f.setup.kind ?? 'unknown').join(', ');
}
