/**
 * Inbound calls of one day, in time order: a client's call goes to their manager (and often
 * rolls over to the group when they cannot answer), anyone else reaches the ring group and a
 * free manager picks up. Calls nobody can take — after
 * hours, at lunch, while everyone talks — are missed; most missed callers get a callback task,
 * a few call again themselves, and some are simply forgotten.
 */
import type { Wall } from '../../src/period/types.js';
import { MS_PER_MINUTE } from './calendar.js';
import type { CallEvent, CreatedLead, InboundIntent, Shift, Task } from './phone-types.js';
import { asDelivered } from './phone-types.js';
import type { Rng } from './rng.js';

/** What routing the day's inbound calls produced. */
export interface InboundResult {
  calls: CallEvent[];
  callbacks: Task[];
  leads: CreatedLead[];
}

function isFree(s: Shift, t: Wall): boolean {
  if (t < s.start || t >= s.end) return false;
  if (t >= s.lunchStart && t < s.lunchEnd) return false;
  const lastEnd = s.busy.length > 0 ? (s.busy[s.busy.length - 1] ?? 0) : 0;
  return lastEnd <= t;
}

/**
 * Routes the day's inbound calls. `onDuty` is the extension a call rings when nobody is at work
 * (the first member of the ring group).
 */
export function routeInbound(
  rng: Rng,
  shifts: ReadonlyMap<string, Shift>,
  intents: readonly InboundIntent[],
  onDuty: string,
): InboundResult {
  const queue = [...intents].sort((a, b) => a.at - b.at);
  const out: InboundResult = { calls: [], callbacks: [], leads: [] };
  const all = [...shifts.values()];
  for (let i = 0; i < queue.length; i++) {
    const call = queue[i];
    if (call === undefined) continue;
    const direct = call.ext !== null ? shifts.get(call.ext) : undefined;
    let taker: Shift | undefined;
    let rangExt = call.ext ?? onDuty;
    if (direct !== undefined && isFree(direct, call.at) && rng.chance(0.95)) {
      taker = direct;
    } else if (direct !== undefined && call.at >= direct.start && call.at < direct.end && rng.chance(0.4)) {
      // The client's own manager is in but busy, at lunch or away from the desk, and the call
      // is not forwarded to the group: missed. (Otherwise it rolls over to the group below.)
    } else {
      const free = all.filter((s) => isFree(s, call.at));
      if (free.length > 0 && rng.chance(0.97)) taker = rng.pick(free);
      else if (all.length > 0) rangExt = rng.pick(all).m.ext;
    }
    const external = call.digits === null ? null : asDelivered(call.trunk, call.digits);
    if (taker !== undefined) {
      const ringS = rng.int(3, 15);
      const talkS = Math.max(5, Math.round(rng.logNormal(call.talkMedian, 0.55)));
      out.calls.push({ start: call.at, ringS, talkS, disposition: 'ANSWERED', direction: 'inbound', ext: taker.m.ext, peerExt: null, external, trunk: call.trunk });
      taker.busy.push(call.at, call.at + (ringS + talkS) * 1000);
      if (call.lead !== null) {
        out.leads.push({ intent: call.lead, at: call.at + (ringS + talkS) * 1000 + rng.int(1, 8) * MS_PER_MINUTE, ext: taker.m.ext });
      }
      continue;
    }
    const busy = rng.chance(0.25);
    out.calls.push({
      start: call.at,
      ringS: busy ? rng.int(1, 3) : rng.int(15, 30),
      talkS: 0,
      disposition: busy ? 'BUSY' : 'NO ANSWER',
      direction: 'inbound',
      ext: rangExt,
      peerExt: null,
      external,
      trunk: call.trunk,
    });
    if (call.digits === null) continue; // nobody can call a hidden number back
    const r = rng.next();
    if (r < 0.08) {
      // The caller tries again a little later; keep the queue in time order.
      const retry: InboundIntent = { ...call, at: call.at + rng.int(10, 90) * MS_PER_MINUTE };
      let j = i + 1;
      while (j < queue.length && (queue[j]?.at ?? 0) <= retry.at) j++;
      queue.splice(j, 0, retry);
    } else if (r < 0.94) {
      out.callbacks.push({
        due: call.at + Math.round(rng.logNormal(18, 0.9) * MS_PER_MINUTE),
        ext: direct !== undefined ? direct.m.ext : null,
        kind: 'callback',
        digits: call.digits,
        shownAs: asDelivered(call.trunk, call.digits),
        lead: call.lead,
        attempts: 0,
      });
    }
    // else: forgotten — an unreturned missed call.
  }
  return out;
}
