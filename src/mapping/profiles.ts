/**
 * Built-in layouts for headerless call logs (Decision #18). Asterisk's `cdr_csv` writes
 * `Master.csv` without a header in a fixed order; `cdr_custom` writes any order the admin chose,
 * so those are recognised from their content, anchored on the disposition column.
 */
import type { CallField, InfoField } from './fields.js';

/** Columns a profile names: call fields plus informational ones (`context`). */
export type ProfileFields = Partial<Record<CallField | InfoField, number>>;

/** Names accepted by the config's `profile:` key. */
export const PROFILES = ['asterisk-cdr'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** cdr_csv, 18 fields: accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp,
 *  lastdata, start, answer, end, duration, billsec, disposition, amaflags, uniqueid, userfield. */
const STOCK_18: ProfileFields = { from: 1, to: 2, context: 3, started_at: 9, duration_s: 13, status: 14, id: 16 };
/** The 21-field variant appends peeraccount, linkedid, sequence; linkedid outranks uniqueid
 *  (Decision #6e) because every leg of a call shares it. `duration` (ring + talk) is never mapped. */
const STOCK_21: ProfileFields = { ...STOCK_18, id: 19 };

/** cdr_csv's names for its columns, stock order (the 21-field variant's last three included). */
const STOCK_NAMES = ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata',
  'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'uniqueid', 'userfield', 'peeraccount',
  'linkedid', 'sequence'];
/** The same names by field, for a cdr_custom layout in another order. */
const NAME_OF: Partial<Record<CallField | InfoField, string>> = {
  from: 'src', to: 'dst', context: 'dcontext', started_at: 'start', duration_s: 'billsec', status: 'disposition', id: 'uniqueid',
};

/**
 * What Asterisk calls the column at `index` that a CDR profile maps to `field` (messages name a
 * headerless file's columns by it: `column "src" (2)`, not `column "#2" (2)`).
 */
export function cdrColumnName(field: string, index: number): string {
  const f = field as CallField | InfoField;
  if (STOCK_18[f] === index || STOCK_21[f] === index) return STOCK_NAMES[index]!;
  return NAME_OF[f] ?? field;
}

/** The stock column layout of a profile for rows of `fieldCount` fields, or null if it does not fit. */
export function profileColumns(profile: string, fieldCount: number): ProfileFields | null {
  if (profile !== 'asterisk-cdr') return null;
  if (fieldCount === 18) return { ...STOCK_18 };
  if (fieldCount === 21) return { ...STOCK_21 };
  return null;
}

const DISPOSITIONS = new Set(['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION']);
const DATETIME = /^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?/;
const UNSIGNED = /^\d+$/;
const CHANNEL_ID = /^\d+\.\d+$/;
/** `"name" <number>` as Asterisk writes callerid; the name may be empty (`"" <client1>`). */
const CLID = /<[^<>]*>\s*$/;
/** Share of non-empty values a column must satisfy to be taken for what it looks like. */
const MIN_SHARE = 0.8;
const SAMPLE_ROWS = 200;

function share(rows: readonly (readonly string[])[], col: number, test: (v: string) => boolean): number {
  let filled = 0;
  let hits = 0;
  for (const r of rows) {
    const v = r[col];
    if (v === undefined || v === '') continue;
    filled++;
    if (test(v)) hits++;
  }
  return filled === 0 ? 0 : hits / filled;
}

function distinct(rows: readonly (readonly string[])[], col: number): number {
  return new Set(rows.map((r) => r[col] ?? '')).size;
}

function modalWidth(rows: readonly (readonly string[])[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = 0;
  let bestN = 0;
  for (const [w, n] of counts) if (n > bestN || (n === bestN && w > best)) { best = w; bestN = n; }
  return best;
}

/** Built-in `profile: asterisk-cdr`: stock cdr_csv 18-field order (accountcode, src, dst, dcontext,
 *  clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition,
 *  amaflags, uniqueid, userfield) and the 21-field variant (+ peeraccount, linkedid, sequence), picked by
 *  field count. Also a content-based detector for cdr_custom files in other orders, anchored on the
 *  disposition column (values ANSWERED / NO ANSWER / BUSY / FAILED / CONGESTION): start = d-5,
 *  billsec = d-1, src/dst, clid (`"name" <num>`), uniqueid/linkedid (`\d+\.\d+`; linkedid outranks
 *  uniqueid). Maps dcontext too (field name `context`, informational).
 *
 *  Layout facts used (true of cdr_csv and of the common cdr_custom templates): channel,
 *  dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition are always
 *  contiguous, and src, dst, dcontext come right before channel — with clid between them and
 *  channel in the stock order, elsewhere (first, in the shared sample) in custom ones.
 *  `stockOrder` tells whether the file is exactly the 18/21-field stock layout (then `init` can
 *  write `profile: asterisk-cdr`; otherwise it writes the detected `columns:`). */
export function detectHeaderlessProfile(rows: readonly (readonly string[])[]):
  { profile: string; fields: ProfileFields; fieldCount: number; stockOrder: boolean } | null {
  const sample = rows.slice(0, SAMPLE_ROWS).map((r) => r.map((c) => c.trim()))
    .filter((r) => r.some((c) => c !== ''));
  if (sample.length === 0) return null;
  const width = modalWidth(sample);

  let d = -1;
  let dShare = 0;
  for (let c = 0; c < width; c++) {
    const s = share(sample, c, (v) => DISPOSITIONS.has(v.toUpperCase()));
    if (s > dShare) { d = c; dShare = s; }
  }
  if (d < 0 || dShare < MIN_SHARE) return null;
  const start = d - 5;
  const billsec = d - 1;
  const channel = d - 9;
  if (channel < 3) return null;
  if (share(sample, start, (v) => DATETIME.test(v)) < MIN_SHARE) return null;
  if (share(sample, billsec, (v) => UNSIGNED.test(v)) < MIN_SHARE) return null;

  const clidBeforeChannel = share(sample, channel - 1, (v) => CLID.test(v)) >= MIN_SHARE;
  const dcontext = clidBeforeChannel ? channel - 2 : channel - 1;
  const dst = dcontext - 1;
  const src = dcontext - 2;
  if (src < 0) return null;

  const fields: ProfileFields = { from: src, to: dst, context: dcontext, started_at: start, duration_s: billsec, status: d };
  const taken = new Set(Object.values(fields));
  const ids: number[] = [];
  for (let c = 0; c < width; c++) {
    if (!taken.has(c) && share(sample, c, (v) => CHANNEL_ID.test(v)) >= MIN_SHARE) ids.push(c);
  }
  if (ids.length > 0) {
    // With both uniqueid and linkedid present, linkedid is the one legs share (fewer distinct
    // values); on a tie the later column, as in the stock order.
    let id = ids[0]!;
    for (const c of ids.slice(1)) if (distinct(sample, c) <= distinct(sample, id)) id = c;
    fields.id = id;
  }

  const stock = profileColumns('asterisk-cdr', width);
  const stockOrder = stock !== null && (Object.keys(stock) as (keyof ProfileFields)[])
    .every((k) => stock[k] === fields[k]) && Object.keys(fields).length === Object.keys(stock).length;
  return { profile: 'asterisk-cdr', fields, fieldCount: width, stockOrder };
}
