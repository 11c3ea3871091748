/**
 * Config targets checked against the metric registry. Apart from parse.ts so that a run without
 * a config file never loads the YAML parser and zod (start-up time).
 */
import { usageError } from '../errors/kpi-error.js';
import type { ResolvedConfig } from './schema.js';
import { closest } from './did-you-mean.js';

/**
 * Target metrics are checked against the metric registry by the caller (the registry lives in
 * src/kpi); an unknown id is a config error with a suggestion.
 */
export function checkTargetMetrics(config: ResolvedConfig, known: readonly string[], fileName: string): void {
  const set = new Set(known);
  config.targets.forEach((t, i) => {
    if (set.has(t.metric)) return;
    const near = closest(t.metric, known);
    throw usageError(`${fileName}: targets[${i}].metric: found ${JSON.stringify(t.metric)}, expected a metric id${near ? `; did you mean "${near}"?` : ''}`,
      `metric ids: ${known.join(', ')}`);
  });
}
