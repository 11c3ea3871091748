/**
 * One manager's outbound day: calls that are due (follow-ups of new leads, callbacks of missed
 * calls, calls to clients) come first; between them the manager works through the cold-call
 * list until the day's quota is met. Calls never overlap the manager's answered inbound calls
 * or lunch. Unfinished tasks carry over to the next day — which is how some missed calls end
 * up returned after more than a day, or never.
 */
import type { Wall } from '../../src/period/types.js';
import { MS_PER_MINUTE } from './calendar.js';
import type { CallEvent, CreatedLead, Shift, Task } from './phone-types.js';
import type { Rng } from './rng.js';
import type { Disposition } from './types.js';

/** What one manager's outbound day produced. */
export interface OutboundResult {
  calls: CallEvent[];
  /** Phone leads created once a callback got through. */
  leads: CreatedLead[];
  /** Cold calls that turned into a lead: time, manager, number. */
  coldLeads: { at: Wall; ext: string; digits: string }[];
  /** Tasks left for another day. */
  carry: Task[];
}

/** Inputs of one manager's outbound day. */
export interface OutboundDay {
  shift: Shift;
  /** Due tasks for this manager, any order. */
  tasks: Task[];
  coldQuota: number;
  /** Other extensions at work today (internal calls). */
  colleagues: readonly string[];
  /** Numbers this manager got no answer from and will redial. */
  redial: string[];
  freshNumber: () => string;
}

interface Outcome {
  disposition: Disposition;
  ringS: number;
  talkS: number;
}

/** Disposition and timing of an outbound attempt: answer rate and talk-time median by purpose. */
function dial(rng: Rng, answerRate: number, talkMedian: number, sigma: number): Outcome {
  const r = rng.next();
  if (r < answerRate) {
    return { disposition: 'ANSWERED', ringS: rng.int(5, 25), talkS: Math.max(3, Math.round(rng.logNormal(talkMedian, sigma))) };
  }
  if (r < answerRate + (1 - answerRate) * 0.75) return { disposition: 'NO ANSWER', ringS: rng.int(25, 45), talkS: 0 };
  return { disposition: 'BUSY', ringS: rng.int(1, 4), talkS: 0 };
}

/** Cold calls: most people hang up within seconds; some talk. */
function coldOutcome(rng: Rng): Outcome {
  const o = dial(rng, 0.42, 20, 0.5);
  if (o.disposition === 'ANSWERED' && rng.chance(0.45)) o.talkS = Math.round(rng.logNormal(140, 0.6));
  return o;
}

/** Simulates the manager's outbound calls for the day. */
export function runOutboundDay(rng: Rng, day: OutboundDay): OutboundResult {
  const { shift } = day;
  const ext = shift.m.ext;
  const out: OutboundResult = { calls: [], leads: [], coldLeads: [], carry: [] };
  // Busy intervals: answered inbound calls plus lunch, in time order.
  const busy: Wall[] = [];
  const pairs: [Wall, Wall][] = [[shift.lunchStart, shift.lunchEnd]];
  for (let i = 0; i + 1 < shift.busy.length; i += 2) pairs.push([shift.busy[i] ?? 0, shift.busy[i + 1] ?? 0]);
  pairs.sort((a, b) => a[0] - b[0]);
  for (const [s, e] of pairs) busy.push(s, e);

  const pending = [...day.tasks].sort((a, b) => a.due - b.due);
  let cold = day.coldQuota;
  let t = shift.start;
  let bi = 0; // first busy interval that may still matter
  while (t < shift.end) {
    while (bi < busy.length && (busy[bi + 1] ?? 0) <= t) bi += 2;
    if (bi < busy.length && (busy[bi] ?? 0) <= t) {
      t = (busy[bi + 1] ?? t) + rng.int(20, 90) * 1000;
      continue;
    }
    const task = pending.length > 0 && (pending[0]?.due ?? Infinity) <= t ? pending[0] : undefined;
    if (task === undefined && cold <= 0) {
      const next = pending[0];
      if (next !== undefined && next.due < shift.end) {
        t = next.due;
        continue;
      }
      break;
    }
    let o: Outcome;
    let digits: string;
    let shown: string;
    if (task !== undefined) {
      digits = task.digits;
      if (task.kind === 'followup') {
        o = dial(rng, 0.72, 240, 0.5);
        shown = `+7${digits}`; // click-to-call from the CRM card
      } else if (task.kind === 'callback') {
        o = dial(rng, 0.72, 150, 0.6);
        shown = rng.chance(0.6) ? task.shownAs : `8${digits}`; // redial from the missed list, or typed
      } else {
        o = dial(rng, 0.8, 170, 0.6);
        shown = rng.chance(0.7) ? `8${digits}` : `7${digits}`;
      }
    } else {
      digits = day.redial.length > 0 && rng.chance(0.12) ? (day.redial.shift() ?? day.freshNumber()) : day.freshNumber();
      shown = `8${digits}`;
      o = coldOutcome(rng);
    }
    const lengthMs = (o.ringS + o.talkS) * 1000;
    const nextBusy = busy[bi];
    if (nextBusy !== undefined && t + lengthMs > nextBusy) {
      // It would run into an inbound call or lunch: start after it instead.
      t = (busy[bi + 1] ?? t) + rng.int(20, 90) * 1000;
      continue;
    }
    out.calls.push({ start: t, ...o, direction: 'outbound', ext, peerExt: null, external: shown, trunk: 'rostelecom' });
    const end = t + lengthMs;
    const answered = o.disposition === 'ANSWERED';
    if (task !== undefined) {
      pending.shift();
      if (task.lead !== null && answered) {
        out.leads.push({ intent: task.lead, at: end + rng.int(2, 8) * MS_PER_MINUTE, ext });
      } else if (!answered && task.kind !== 'client' && task.attempts < 2) {
        // Try again: a follow-up tomorrow, a callback a couple of hours later.
        const later = task.kind === 'followup' ? 20 * 60 : rng.int(60, 180);
        out.carry.push({ ...task, due: end + later * MS_PER_MINUTE, attempts: task.attempts + 1 });
      }
    } else {
      cold--;
      if (o.disposition === 'NO ANSWER' && day.redial.length < 40) day.redial.push(digits);
      if (answered && o.talkS >= 90 && rng.chance(0.17)) {
        out.coldLeads.push({ at: end + rng.int(2, 15) * MS_PER_MINUTE, ext, digits });
      }
    }
    t = end + (answered && o.talkS > 60 ? rng.int(60, 300) : rng.int(20, 120)) * 1000;
    if (day.colleagues.length > 0 && rng.chance(0.012)) {
      // A quick question to a colleague between calls.
      const peer = rng.pick(day.colleagues);
      const ic = dial(rng, 0.85, 60, 0.6);
      const icEnd = t + (ic.ringS + ic.talkS) * 1000;
      if (icEnd <= (busy[bi] ?? Infinity) && icEnd < shift.end) {
        out.calls.push({ start: t, ...ic, direction: 'internal', ext, peerExt: peer, external: null, trunk: 'rostelecom' });
        t = icEnd + rng.int(10, 60) * 1000;
      }
    }
  }
  // Tasks still waiting (including those due after the shift) go to another day.
  out.carry.push(...pending);
  return out;
}
