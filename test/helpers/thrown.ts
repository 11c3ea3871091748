import { KpiError } from '../../src/errors/kpi-error.js';

/** The KpiError `f` throws (anything else it throws is rethrown; throwing nothing fails). */
export function thrown(f: () => unknown): KpiError {
  try {
    f();
  } catch (e) {
    if (e instanceof KpiError) return e;
    throw e;
  }
  throw new Error('expected a KpiError');
}
