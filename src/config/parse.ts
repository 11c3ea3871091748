/**
 * Config text → ResolvedConfig. Pure: the caller reads the file. YAML is parsed by `yaml`
 * (YAML 1.2 core schema, so `NO` and `yes` stay text; duplicate keys are errors), JSON by
 * JSON.parse, chosen by the file's extension.
 */
import YAML from 'yaml';
import { usageError } from '../errors/kpi-error.js';
import { configSchema, type ResolvedConfig } from './schema.js';
import { describeIssues, showValue } from './messages.js';
import { resolveConfig } from './resolve.js';

/** Shown after every config error. */
const CONFIG_HINT = 'see SPEC §7 for the keys; `kpi init FILE…` writes a starter config';
/** More problems than this are summarised: the first ones are what the user fixes first. */
const MAX_LINES = 15;

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    let where = '';
    if (m) {
      const before = text.slice(0, Number(m[1]));
      const line = before.split('\n').length;
      where = `:${line}:${Number(m[1]) - before.lastIndexOf('\n')}`;
    }
    throw usageError(`${fileName}${where}: not valid JSON: ${msg}`, 'check commas, quotes and brackets near that position');
  }
}

function parseYaml(text: string, fileName: string): unknown {
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    const first = err.message.split('\n')[0] ?? err.message;
    throw usageError(`${fileName}${where}: not valid YAML: ${first}`, 'indent with spaces; quote values that start with , [ ] { } # & * ! | > % @ or contain ": "');
  }
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // an alias bomb (`a: &a [*b, *b…]` nested) stops here instead of eating memory
    throw usageError(`${fileName}: not usable YAML: ${(e as Error).message}`, 'a config needs no YAML aliases (&name / *name); write the values out');
  }
}

/** Parse YAML (by `yaml`) or JSON by extension; errors → KpiError exit 2 whose message names the key
 *  path (`sources[0].colums: unknown key; did you mean "columns"?`), the value and the expectation. */
export function parseConfig(text: string, fileName: string): ResolvedConfig {
  const data = /\.json$/i.test(fileName) ? parseJson(text, fileName) : parseYaml(text, fileName);
  // An empty file is a config with every default.
  const root = data === null || data === undefined ? {} : data;
  if (typeof root !== 'object' || Array.isArray(root)) {
    throw usageError(`${fileName}: found ${showValue(root)} at the top level, expected a map of settings (key: value)`, CONFIG_HINT);
  }
  const r = configSchema.safeParse(root);
  if (!r.success) {
    const lines = describeIssues(r.error.issues, root);
    const shown = lines.slice(0, MAX_LINES);
    if (lines.length > MAX_LINES) shown.push(`…and ${lines.length - MAX_LINES} more`);
    const body = shown.length === 1 ? ` ${shown[0]}` : `\n  ${shown.join('\n  ')}`;
    throw usageError(`${fileName}:${body}`, CONFIG_HINT);
  }
  return resolveConfig(r.data);
}

export { checkTargetMetrics } from './targets.js';
