/**
 * The report as data (DESIGN: "the report is data; a renderer is a small function"). Every
 * format — table, JSON, and the ones to come — renders this one model.
 */
import type { Column, Interval } from '../period/types.js';
import type { MetricDef, SectionId } from '../kpi/registry.js';
import type { InputStats } from '../app/stats.js';
import type { Issue } from '../errors/issue.js';
import type { ExcludedCounts } from './excluded.js';

export type GroupBy = 'channel' | 'manager' | 'segment' | null;

/** A comparison of one column (SPEC-DECISIONS #4). */
export interface Comparison {
  basis: 'prev' | 'yoy' | 'period';
  period: string;
  start: string;
  end: string;
  value: number | null;
  delta: number | null;
  delta_pct: number | null;
}

export interface TargetStatus {
  min: number | null;
  max: number | null;
  status: 'ok' | 'missed' | 'n/a' | 'pending';
}

/** One metric × group row: a value per column. */
export interface MetricRow {
  def: MetricDef;
  group: string | null;
  values: (number | null)[];
  terms: (Record<string, number | null> | null)[];
  /** Comparisons per column; only filled where computed (the last column by default). */
  compare: { prev: (Comparison | null)[]; yoy: (Comparison | null)[]; fixed: (Comparison | null)[] };
  /** Values of the trailing intervals ending at the last column (sparkline), or null. */
  spark: (number | null)[] | null;
  targets: (TargetStatus | null)[];
}

export interface ReportSection {
  id: SectionId;
  rows: MetricRow[];
}

export interface ColumnMeta {
  period: string;
  start: string;
  end: string;
  clipped: boolean;
  partial_kinds: string[];
}

export interface ReportMeta {
  version: string;
  today: string;
  timezone: string;
  span: { start: string; end: string } | null;
  interval: Interval;
  group_by: GroupBy;
  inputs: InputStats[];
  records: { leads: number; calls: number; invoices: number };
  inputs_missing: string[];
  coverage: Record<string, { start: string; end: string } | null>;
  columns: ColumnMeta[];
  ungrouped: string[];
  compare: 'prev' | 'yoy' | 'period' | null;
}

export interface Report {
  meta: ReportMeta;
  columns: Column[];
  sections: ReportSection[];
  /** Which section is requested (`kpi leads`), or null for the whole dashboard. */
  only: SectionId | null;
  explain: boolean;
  /** With --explain: what the last column leaves out, per kind (SPEC-DECISIONS #10). */
  excluded?: ExcludedCounts | null;
  /** Every issue of the run; renderers turn each into its JSON shape (`issueToJson`) as they write it. */
  issues: Issue[];
}
