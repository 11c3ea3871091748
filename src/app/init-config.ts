/**
 * `kpi init`: a starter kpi.config.yaml that pins what detection found (SPEC-DECISIONS #35), so the
 * same files read the same way tomorrow even if a new export would sway detection.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import type { FileReport } from './load.js';
import type { Field } from '../mapping/fields.js';
import { validateDateFormat } from '../values/dates.js';
import { MAX_SHEETS_PROBED } from '../ingest/xlsx/read-xlsx.js';

const q = (v: unknown) => stringify(v, { lineWidth: 0 }).trimEnd();

const DATE_FIELDS = new Set(['created_at', 'won_at', 'started_at', 'date', 'paid_at']);

/** The sheets of `f`'s workbook that hold data and that no input read (init reads each one it found). */
function sheetsLeft(f: FileReport, all: readonly FileReport[]): string[] {
  const read = new Set(all.filter((x) => x.info.format === 'xlsx' && path.resolve(x.spec.path) === path.resolve(f.spec.path)).map((x) => x.info.sheet));
  return (f.info.otherSheetsWithData ?? []).filter((s) => !read.has(s));
}

function sourceYaml(f: FileReport, all: readonly FileReport[], configDir: string, cwd: string): string[] {
  const abs = path.resolve(cwd, f.spec.path);
  const rel = path.relative(configDir, abs).split(path.sep).join('/');
  const lines: string[] = [];
  const setup = f.setup;
  const sheet = f.info.format === 'xlsx' ? f.info.sheet : null;
  if (!setup.kind || !setup.mapping) {
    lines.push(`  # ${rel}${sheet !== null ? ` [sheet ${sheet}]` : ''}: kind not detected — fill in kind and columns, then uncomment`);
    lines.push(`  # - kind: leads            # leads | calls | invoices`);
    lines.push(`  #   files: ${q(rel)}`);
    if (sheet !== null) lines.push(`  #   sheet: ${q(sheet)}`);
    if (setup.headers) lines.push(`  #   headers seen: ${setup.headers.filter((h) => h).join(' | ')}`);
    return lines;
  }
  lines.push(`  - kind: ${setup.kind}`);
  lines.push(`    files: ${q(rel)}`);
  const dir = path.posix.dirname(rel);
  const ext = path.posix.extname(rel);
  lines.push(`    # for monthly exports use a pattern, e.g. files: ${q((dir === '.' ? '' : dir + '/') + '*' + ext)}`);
  if (f.info.format === 'csv') {
    lines.push(`    encoding: ${f.info.encoding}`);
    lines.push(`    delimiter: ${q(f.info.delimiter)}`);
  } else if (sheet !== null) {
    lines.push(`    sheet: ${q(sheet)}`);
    // init writes a source for each other sheet with data it found (the note sheets_not_read);
    // past the first sheets probed, it says how many it did not look at
    const left = sheetsLeft(f, all);
    if (left.length > 0) lines.push(`    # other sheets with data: ${left.map((s) => JSON.stringify(s)).join(', ')}; to read one, copy this source and set its sheet:`);
    const unprobed = f.info.otherSheetsUnprobed ?? 0;
    const firstOfBook = all.find((x) => x.info.format === 'xlsx' && path.resolve(x.spec.path) === path.resolve(f.spec.path)) === f;
    if (unprobed > 0 && firstOfBook) lines.push(`    # ${unprobed} more sheets, past the first ${MAX_SHEETS_PROBED}, were not looked at; to read one, copy this source and set its sheet:`);
  }
  lines.push(`    header_row: ${setup.headerLine ?? 'none'}`);
  const fields = setup.mapping.fields as Record<string, number>;
  const dateFormats: Record<string, string> = {};
  let decimal: string | null = null;
  for (const [field, fmt] of Object.entries(f.formats)) {
    if (!fmt) continue;
    if (DATE_FIELDS.has(field) && /[dMy]/.test(fmt) && !/[|,]\s*iso|iso/.test(fmt) && validateDateFormat(fmt) === null) dateFormats[field] = fmt;
    if (fmt.startsWith('decimal:')) decimal = fmt.slice(8);
  }
  if (Object.keys(dateFormats).length) {
    lines.push(`    date_format:`);
    for (const [k, v] of Object.entries(dateFormats)) lines.push(`      ${k}: ${q(v)}`);
  }
  if (decimal) lines.push(`    decimal_mark: ${q(decimal)}`);
  lines.push(`    columns:             # the whole mapping: only these columns are read`);
  for (const [field, idx] of Object.entries(fields).sort((a, b) => a[1] - b[1])) {
    // a 1C «Документ» column feeds number and date; the date is derived from it again on reading
    if (field === 'date' && fields.number === idx) continue;
    const name = (i: number) => (setup.headers?.[i] ? q(setup.headers[i]) : String(i + 1));
    // a field read from further columns where its own is empty: the list, in that order
    const more = setup.mapping.fallbacks?.[field as Field] ?? [];
    lines.push(`      ${field}: ${more.length === 0 ? name(idx) : `[${[idx, ...more].map(name).join(', ')}]`}`);
  }
  return lines;
}

export function buildInitConfig(files: readonly FileReport[], configDir: string, cwd: string, tz: string): string {
  const out: string[] = [];
  out.push('# kpi configuration, written by `kpi init`. Reference: SPEC §7 / README.');
  out.push(`timezone: ${q(tz)}`);
  out.push('default_country: RU        # for phone numbers without a country code');
  out.push('week_start: monday');
  out.push('sources:');
  for (const f of files) out.push(...sourceYaml(f, files, configDir, cwd));
  out.push('');
  out.push('# Map raw sources (UTM, «Источник») to channel names; first match wins.');
  out.push('# channels:');
  out.push('#   - { match: "yandex|директ", channel: Context ads }');
  out.push('#   - { match: "cold|холодн", channel: Cold calls, direction: outbound }');
  out.push('# managers:                  # one person under several names');
  out.push('#   - { match: "^101$", name: "Иванов Иван" }');
  out.push('# internal_numbers: ["^1\\\\d\\\\d$"]   # extensions: decide call direction without a direction column');
  out.push('# won_statuses: [won, closed won, Сделка успешна, Успешно реализовано]   # replaces the defaults');
  out.push('# void_statuses: [cancelled, void, отменен, аннулирован]');
  out.push('# answered_statuses: [ANSWERED, answered, отвечен, принят]');
  out.push('# conversion_window_days: 90');
  out.push('# callback_window_hours: 24');
  out.push('# targets:');
  out.push('#   - { metric: calls_outbound, per: manager, interval: month, min: 600 }');
  out.push('#   - { metric: missed_unreturned, max: 0 }');
  return out.join('\n') + '\n';
}
