/**
 * Finding and reading the config file (Decision #42): `-c FILE`, else `kpi.config.yaml`,
 * `.yml` or `.json` in the working directory only, in that order; `--no-config` skips it.
 * The only module of src/config that touches the file system.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { makeIssue, type Issue } from '../errors/issue.js';
import { usageError } from '../errors/kpi-error.js';
import type { ResolvedConfig } from './schema.js';

export { checkTargetMetrics } from './targets.js';
export { defaultConfig, dateFormatsFor } from './resolve.js';

/** Discovery order: the first existing one is used. */
export const CONFIG_NAMES = ['kpi.config.yaml', 'kpi.config.yml', 'kpi.config.json'] as const;

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function readConfigFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw usageError(`config file not found: ${file}`, 'check the path given to -c/--config');
    if (code === 'EISDIR') throw usageError(`${file}: is a folder, expected a config file`, 'give -c the path of kpi.config.yaml');
    throw usageError(`${file}: cannot read the config file (${code ?? (e as Error).message})`);
  }
}

/** Decision #42 discovery in `cwd`: kpi.config.yaml > .yml > .json (warn config_multiple when several);
 *  `explicit` path (missing → exit 2); `noConfig` skips discovery. Returns null when none. */
export async function loadConfig(opts: { explicit?: string | null; noConfig?: boolean; cwd: string }):
  Promise<{ config: ResolvedConfig; path: string; dir: string; issues: Issue[] } | null> {
  const issues: Issue[] = [];
  let file: string | null = null;
  if (opts.explicit) {
    if (opts.noConfig) throw usageError('--no-config and -c/--config were both given', 'use one of them');
    file = path.resolve(opts.cwd, opts.explicit);
  } else if (!opts.noConfig) {
    const found: string[] = [];
    for (const name of CONFIG_NAMES) {
      const p = path.join(opts.cwd, name);
      if (await isFile(p)) found.push(p);
    }
    file = found[0] ?? null;
    if (found.length > 1 && file) {
      const others = found.slice(1).map((f) => path.basename(f)).join(', ');
      issues.push(makeIssue('config_multiple', { file }, {
        message: `several config files found; using ${path.basename(file)} (ignored: ${others})`,
        hint: 'delete the ones you do not use, or pick one with -c',
      }));
    }
  }
  if (!file) return null;
  const text = await readConfigFile(file);
  // Messages name the file as the user knows it: relative to the working directory when inside it.
  const shown = path.relative(opts.cwd, file);
  const display = shown && !shown.startsWith('..') && !path.isAbsolute(shown) ? shown : file;
  // the YAML parser and zod (~70 ms to load) only when there is a config to read
  const { parseConfig } = await import('./parse.js');
  const config = parseConfig(text, display);
  return { config, path: file, dir: path.dirname(file), issues };
}
