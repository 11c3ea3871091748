/**
 * Plan vs fact (SPEC §7 targets, SPEC-DECISIONS #15): a target is shown where the row's group_by
 * equals its `per` (no `per` → total rows) and the column's interval equals its `interval`
 * (none → any). Never scaled.
 */
import type { Report, TargetStatus } from './model.js';
import type { Day } from '../period/types.js';

export interface Target {
  metric: string;
  per?: 'channel' | 'manager' | 'segment' | null;
  interval?: string | null;
  min?: number | null;
  max?: number | null;
}

export function targetStatus(value: number | null, t: Target, pending: boolean): TargetStatus {
  const min = t.min ?? null;
  const max = t.max ?? null;
  if (value === null) return { min, max, status: 'n/a' };
  if (min !== null && value < min) return { min, max, status: pending ? 'pending' : 'missed' };
  if (max !== null && value > max) return { min, max, status: 'missed' };
  return { min, max, status: 'ok' };
}

export function applyTargets(r: Report, targets: readonly Target[], today: Day): void {
  for (const t of targets) {
    for (const sec of r.sections) {
      for (const row of sec.rows) {
        if (row.def.id !== t.metric) continue;
        const per = t.per ?? null;
        if (per === null ? row.group !== null : r.meta.group_by !== per || row.group === null) continue;
        r.columns.forEach((col, i) => {
          if (t.interval && t.interval !== col.interval) return;
          // rows start sharing one frozen array of nulls (build.ts): a row with a target gets its own
          if (Object.isFrozen(row.targets)) row.targets = row.targets.slice();
          row.targets[i] = targetStatus(row.values[i] ?? null, t, col.end - 1 >= today);
        });
      }
    }
  }
}
