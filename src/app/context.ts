/**
 * Everything a data command needs before reading rows: the config (found, parsed, validated),
 * the time zone and today, the compiled normalization settings, and the list of inputs.
 * The clock and the environment are read here and nowhere below.
 */
import { existsSync, readlinkSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Issue } from '../errors/issue.js';
import { usageError } from '../errors/kpi-error.js';
import { loadConfig, defaultConfig } from '../config/load.js';
import { checkTargetMetrics } from '../config/targets.js';
import { METRIC_IDS } from '../kpi/registry.js';
import type { ResolvedConfig } from '../config/schema.js';
import { compileChannelRules, compileInternalNumbers, compileManagerRules } from '../mapping/rules.js';
import { DEFAULT_ANSWERED_STATUSES, DEFAULT_VOID_STATUSES, DEFAULT_WON_STATUSES, makeDirectionParser, makeStatusSet } from '../mapping/vocab.js';
import { DEFAULT_NULL_VALUES, makeNullTest } from '../values/nulls.js';
import { normalizePhone } from '../values/phone.js';
import { instantToWall, isValidTimeZone, UTC_NAMES } from '../values/timezone.js';
import { parseToday } from '../period/expr.js';
import { MS_PER_DAY, type Day } from '../period/types.js';
import type { NormalizeSettings } from '../records/normalize/settings.js';
import type { SharedOptions } from '../cli/options.js';
import { resolveInputs, type InputSpec } from './inputs.js';
import type { SourceConfig } from './config-types.js';
import type { PipeOptions } from '../ingest/csv/piped-rows.js';
import type { ParallelRun } from './parallel/start.js';

export interface RunContext {
  config: ResolvedConfig;
  configPath: string | null;
  configDir: string | null;
  tz: string;
  today: Day;
  settings: NormalizeSettings;
  inputs: InputSpec[];
  issues: Issue[];
}

/** The folder of the shipped demo company: `fixtures/demo` at the package root. */
export function demoDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'fixtures', 'demo'))) return path.join(dir, 'fixtures', 'demo');
    dir = path.dirname(dir);
  }
  throw usageError('the demo company files are missing from this installation (fixtures/demo)');
}

export function systemTimeZone(env: NodeJS.ProcessEnv, localtime = '/etc/localtime'): string {
  if (env.TZ && isValidTimeZone(env.TZ)) return env.TZ;
  // Without TZ the zone is /etc/localtime's, as ICU reads it. A UTC machine (servers, CI, cron)
  // is answered without Intl, whose first call loads ICU's zone data (~11 ms of start-up).
  if (!env.TZ) {
    try {
      const target = readlinkSync(localtime);
      const at = target.lastIndexOf('zoneinfo/');
      if (at >= 0 && UTC_NAMES.has(target.slice(at + 9))) return 'UTC';
    } catch {
      // not a link (or none): Intl decides
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A number's key among `tracking_numbers` (Decision #21): the digits of its E.164 form under
 * `default_country`, else of the text as written. A key written nationally (`8 800 555-35-35`)
 * then meets the number a call log writes in any form (`+7 800 555 35 35`, `88005553535`).
 */
function trackingKey(text: string, country: string): string {
  const p = normalizePhone(text, country);
  return (p.kind === 'e164' ? p.value! : text).replace(/\D+/g, '');
}

export function compileSettings(cfg: ResolvedConfig, tz: string, today: Day): NormalizeSettings {
  const internal = cfg.internal_numbers.length ? compileInternalNumbers(cfg.internal_numbers) : null;
  return {
    tz,
    defaultCountry: cfg.default_country,
    todayEndWall: (today + 1) * MS_PER_DAY,
    isNull: makeNullTest(cfg.null_values ?? DEFAULT_NULL_VALUES),
    nullValues: cfg.null_values ?? DEFAULT_NULL_VALUES,
    isWon: makeStatusSet(cfg.won_statuses ?? DEFAULT_WON_STATUSES),
    isVoid: makeStatusSet(cfg.void_statuses ?? DEFAULT_VOID_STATUSES),
    isAnswered: makeStatusSet(cfg.answered_statuses ?? DEFAULT_ANSWERED_STATUSES),
    isExcluded: makeStatusSet(cfg.lead_exclude_statuses ?? []),
    direction: makeDirectionParser(),
    channel: compileChannelRules(cfg.channels ?? [], cfg.tracking_numbers ?? {}, (n) => trackingKey(n, cfg.default_country)),
    manager: compileManagerRules(cfg.managers ?? []),
    isInternal: internal ? (raw: string) => internal(raw) : null,
    internalNumbers: cfg.internal_numbers,
  };
}

/**
 * Whether big CSV inputs are read with a second thread (issue 5, item 4): only when asked with
 * `KPI_THREADS=2` and the machine has a second core. It is not the default: on the 2-core
 * benchmark machine it cut wall time by about a quarter when the second core was idle, but cost
 * about 40 % more peak memory, and under load it was slower (docs/performance.md).
 */
export function parallelRun(ctx: RunContext, env: NodeJS.ProcessEnv): ParallelRun | null {
  if (!(Number(env.KPI_THREADS) >= 2) || availableParallelism() < 2) return null;
  return { config: ctx.config, tz: ctx.tz, today: ctx.today };
}

/**
 * Whether big CSV inputs are read on a second thread while this one loads their rows (see
 * src/ingest/csv/piped-rows.ts): the default on a machine with a second core. `KPI_THREADS=1`
 * keeps everything on one thread; `KPI_THREADS=2` splits files instead (`parallelRun`);
 * `KPI_PIPE_MIN_MB` moves the size from which a file is worth the thread (default 48).
 */
export function pipeRun(env: NodeJS.ProcessEnv): PipeOptions | null {
  const threads = env.KPI_THREADS?.trim();
  if (threads === '1' || threads === '0' || availableParallelism() < 2) return null;
  const mb = Number(env.KPI_PIPE_MIN_MB);
  return env.KPI_PIPE_MIN_MB !== undefined && env.KPI_PIPE_MIN_MB.trim() !== '' && mb >= 0 ? { minBytes: mb * 1024 * 1024 } : {};
}

export async function makeContext(files: readonly string[], o: SharedOptions, env: NodeJS.ProcessEnv, cwd: string): Promise<RunContext> {
  const issues: Issue[] = [];
  let loaded = null;
  if (o.demo) {
    if (files.length || o.leads.length || o.calls.length || o.invoices.length) throw usageError('--demo reads the built-in demo company; give no files with it');
    loaded = await loadConfig({ explicit: path.join(demoDir(), 'kpi.config.yaml'), cwd });
  } else loaded = await loadConfig({ explicit: o.config, noConfig: o.noConfig, cwd });
  if (loaded) issues.push(...loaded.issues);
  const config = loaded?.config ?? defaultConfig();
  if (loaded) checkTargetMetrics(config, METRIC_IDS, loaded.path);
  const tz = config.timezone ?? systemTimeZone(env);
  const today = o.today !== null ? parseToday(o.today) : Math.floor(instantToWall(Date.now(), tz) / MS_PER_DAY);
  const settings = compileSettings(config, tz, today);
  const inputs = await resolveInputs(
    { positional: files, leads: o.leads, calls: o.calls, invoices: o.invoices },
    config.sources as unknown as SourceConfig[],
    loaded?.dir ?? null,
    cwd,
    issues,
  );
  return { config, configPath: loaded?.path ?? null, configDir: loaded?.dir ?? null, tz, today, settings, inputs, issues };
}
