/**
 * The slice of the config the ingestion pipeline reads. It mirrors src/config/schema.ts
 * (ResolvedConfig) so the app layer compiles against a small, stable surface.
 */
import type { Kind } from '../records/types.js';

export interface SourceConfig {
  kind: Kind;
  files: string | string[];
  encoding?: string | null;
  delimiter?: string | null;
  header_row?: 'auto' | 'none' | number | null;
  sheet?: string | null;
  date_format?: string | string[] | Record<string, string | string[]> | null;
  decimal_mark?: ',' | '.' | null;
  columns?: Record<string, string | number | (string | number)[]> | null;
  profile?: string | null;
  direction_values?: Record<string, string> | null;
  null_values?: string[] | null;
}
