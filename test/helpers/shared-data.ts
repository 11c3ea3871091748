/**
 * The real exports live in ../shared/data (never copied into the repo). In a plain clone they are
 * absent: tests skip with a visible notice. Under CI=true their absence is a failure.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './cli.js';

export const SHARED_DATA = path.resolve(ROOT, '../shared/data');

export function sharedDataAvailable(): boolean {
  if (existsSync(SHARED_DATA)) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true but the real exports are missing: ${SHARED_DATA}`);
  console.warn(`[notice] ${SHARED_DATA} not found: tests on real exports are skipped`);
  return false;
}

export function shared(...p: string[]): string {
  return path.join(SHARED_DATA, ...p);
}
