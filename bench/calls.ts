/**
 * `calls.csv` as a 3CX / Zoho-style call log: `,`, LF, English headers with a direction column
 * (`Call Type` Inbound/Outbound) and an Asterisk-style `Status` (ANSWERED / NO ANSWER), ISO
 * start times with some dotted ones mixed in. Most missed inbound calls are queued and a later
 * outbound call dials them back, so kpi's callback matching has real work to do, and the rest
 * stay unreturned.
 */
import { createRng } from './prng.js';
import type { ClientPool } from './clients.js';
import { dottedDate, isoDate, toCivil, type Civil } from './text.js';
import { rowTime } from './timeline.js';
import { COMPANY_LINES, MANAGERS, MOBILE_CODES } from './vocab.js';
import type { CsvTable } from './table.js';

/** The header row kpi must auto-detect as calls. */
export const CALL_HEADERS: readonly string[] = [
  'Call Start Time', 'Call Type', 'Call Owner', 'From', 'To', 'Call Duration (in seconds)', 'Status',
];

/** Missed numbers waiting for a callback: a fixed ring, so memory stays flat at any size. */
const QUEUE_CAP = 4096;

/** A calls table of `rows` rows for `seed`; callers' numbers come partly from `pool`. */
export function callsTable(seed: number, rows: number, pool: ClientPool): CsvTable {
  const rng = createRng(seed, 0xca11);
  const civil: Civil = { y: 0, m: 0, d: 0, hh: 0, mi: 0, ss: 0 };
  const queue: string[] = new Array<string>(QUEUE_CAP);
  let head = 0;
  let count = 0;
  let i = 0;
  const external = (): string => {
    const national = rng.chance(0.7)
      ? pool.phones[rng.int(0, pool.size - 1)]!
      : rng.pick(MOBILE_CODES) + String(rng.int(0, 9_999_999)).padStart(7, '0');
    return rng.chance(0.8) ? '+7' + national : '8' + national;
  };
  return {
    bom: false,
    eol: '\n',
    header: CALL_HEADERS.join(','),
    rows,
    next(): string {
      const t = toCivil(rowTime(i, rows, rng), civil);
      const start = rng.chance(0.25) ? dottedDate(t, true) : isoDate(t, true);
      const m = rng.int(0, MANAGERS.length - 1);
      let type: string;
      let from: string;
      let to: string;
      let answered: boolean;
      if (rng.chance(0.55)) {
        type = 'Inbound';
        from = rng.chance(0.02) ? 'Anonymous' : external();
        to = rng.pick(COMPANY_LINES);
        answered = rng.chance(0.82);
        // Seven in ten missed callers are dialled back (soon: the queue is short); the rest are
        // the "missed, never returned" calls kpi must find.
        if (!answered && from !== 'Anonymous' && rng.chance(0.7)) {
          queue[(head + count) % QUEUE_CAP] = from;
          if (count < QUEUE_CAP) count++;
          else head = (head + 1) % QUEUE_CAP; // full: the oldest missed call is never returned
        }
      } else {
        type = 'Outbound';
        from = String(101 + m);
        if (count > 0 && rng.chance(0.6)) {
          to = queue[head]!;
          head = (head + 1) % QUEUE_CAP;
          count--;
        } else {
          to = external();
        }
        answered = rng.chance(0.6);
      }
      const duration = answered ? rng.int(5, 900) : 0;
      i++;
      return start + ',' + type + ',' + MANAGERS[m]! + ',' + from + ',' + to + ',' + duration + ',' +
        (answered ? 'ANSWERED' : 'NO ANSWER');
    },
  };
}
