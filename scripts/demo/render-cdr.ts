/**
 * Writes calls as Asterisk's stock `cdr_csv` module writes `Master.csv`: no header, 18 fields
 * (loguniqueid and loguserfield on), every text field in double quotes with inner quotes
 * doubled, integers bare, and an unset time (the answer of an unanswered call) as an empty
 * unquoted field; one `\n`-terminated line per call, UTF-8.
 */
import { formatIsoSecond } from './calendar.js';
import type { DemoCall } from './types.js';

/** `"text"` with inner quotes doubled, as cdr_csv's append_string does. */
function q(text: string): string {
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : `"${text}"`;
}

/** One Master.csv line (without the newline). */
export function cdrLine(c: DemoCall): string {
  return [
    q(c.accountcode),
    q(c.src),
    q(c.dst),
    q(c.dcontext),
    q(c.clid),
    q(c.channel),
    q(c.dstchannel),
    q(c.lastapp),
    q(c.lastdata),
    q(formatIsoSecond(c.start)),
    c.answer === null ? '' : q(formatIsoSecond(c.answer)),
    q(formatIsoSecond(c.end)),
    String(c.duration),
    String(c.billsec),
    q(c.disposition),
    q(c.amaflags),
    q(c.uniqueid),
    q(c.userfield),
  ].join(',');
}

/** The whole Master.csv text. */
export function renderMasterCsv(calls: readonly DemoCall[]): string {
  let out = '';
  for (const c of calls) out += `${cdrLine(c)}\n`;
  return out;
}
