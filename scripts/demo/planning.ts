/**
 * What arrives on a given day before anyone acts on it: new leads from each channel (with
 * seasonality, campaign and exhibition bursts, and win-backs of lapsed clients), and the other
 * calls that ring — clients with questions, price inquiries, spam, hidden numbers.
 */
import type { Day, Wall } from '../../src/period/types.js';
import { EXHIBITIONS, CAMPAIGN_REPLIES, CHANNELS, channel, isCampaignDay, type Channel } from './channels.js';
import { growth, isWorkingDay, monthDemand, monthOf, wallAt } from './calendar.js';
import type { ClientBook } from './clients.js';
import type { CompanyFactory } from './companies.js';
import type { InboundIntent, LeadIntent, Task } from './phone-types.js';
import type { Rng } from './rng.js';
import { SEGMENTS, type Segment } from './types.js';

/** Relative call volume by hour 0–23: office hours, with a little before and after. */
const CALL_HOURS = [0, 0, 0, 0, 0, 0, 0, 0.02, 0.2, 0.8, 1.3, 1.4, 1.1, 0.9, 1.2, 1.3, 1.2, 0.8, 0.3, 0.12, 0.05, 0.01, 0, 0];
/** Web forms come in around the clock, mostly in the daytime. */
const WEB_HOURS = [0.08, 0.05, 0.03, 0.03, 0.03, 0.05, 0.1, 0.3, 0.6, 1, 1.1, 1.1, 1, 1, 1.1, 1, 0.9, 0.8, 0.6, 0.5, 0.45, 0.4, 0.3, 0.15];
const WORK_HOURS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8, 1, 1, 0.9, 0.8, 1, 1, 1, 0.8, 0, 0, 0, 0, 0, 0];

/** A random moment of `day` following an hourly profile. */
export function timeIn(rng: Rng, day: Day, hours: readonly number[]): Wall {
  return wallAt(day, rng.weightedIndex(hours) * 60 + rng.range(0, 60));
}

/** Segment mix of a channel, bent by season: schools before September, state bodies at year-end. */
function segmentFor(rng: Rng, ch: Channel, month: number): Segment {
  const w = ch.segments.map((x, i) => {
    const seg = SEGMENTS[i];
    if (seg === 'Образование' && (month === 8 || month === 9)) return x * 2.5;
    if (seg === 'Госсектор') return month >= 11 ? x * 1.5 : month === 1 ? x * 0.5 : x;
    return x;
  });
  return SEGMENTS[rng.weightedIndex(w)] ?? 'Малый бизнес';
}

/** How lapsed clients come back: a campaign, the website, or their manager's call. */
const WIN_BACK_CHANNELS: readonly (readonly [string, number])[] = [['email', 60], ['webform', 25], ['cold', 15]];

/** New would-be leads of `day`. */
export function planLeadIntents(
  rng: Rng,
  day: Day,
  factory: CompanyFactory,
  book: ClientBook,
): LeadIntent[] {
  const working = isWorkingDay(day);
  const month = monthOf(day);
  const demand = monthDemand(month) * growth(day);
  const out: LeadIntent[] = [];
  const fresh = (ch: Channel): void => {
    // On days off people mostly write instead of calling a closed office.
    const mode = rng.chance(ch.phoneShare * (working ? 1 : 0.3)) ? 'phone' : ch.otherMode;
    const hours = mode === 'phone' ? CALL_HOURS : mode === 'web' ? WEB_HOURS : WORK_HOURS;
    out.push({ at: timeIn(rng, day, hours), channel: ch, company: factory.create(segmentFor(rng, ch, month)), mode, reactivation: false });
  };
  for (const ch of CHANNELS) {
    if (ch.perDay <= 0) continue;
    const n = rng.poisson(ch.perDay * demand * (working ? 1 : ch.weekend));
    for (let i = 0; i < n; i++) fresh(ch);
  }
  if (working) {
    for (const ex of EXHIBITIONS) {
      // Business cards from the stand are typed in over the week after the show.
      if (day > ex.start + 2 && day <= ex.start + 12) {
        const n = rng.poisson(ex.leads / 7);
        for (let i = 0; i < n; i++) fresh(channel('exhibition'));
      }
    }
  }
  const replies = [0.5, 0.3, 0.15, 0.05];
  for (let k = 0; k < replies.length; k++) {
    if (!isCampaignDay(day - k)) continue;
    const n = rng.poisson(CAMPAIGN_REPLIES * (replies[k] ?? 0) * demand * (working ? 1 : 0.3));
    for (let i = 0; i < n; i++) fresh(channel('email'));
  }
  for (const client of book.takeWinBacks(day)) {
    const ch = channel(rng.weighted(WIN_BACK_CHANNELS));
    const mode = ch.key === 'cold' ? 'manual' : ch.otherMode;
    out.push({ at: timeIn(rng, day, ch.key === 'webform' ? WEB_HOURS : WORK_HOURS), channel: ch, company: client.company, mode, reactivation: true });
  }
  return out;
}

/** Calls and call tasks of `day` that are not about new leads or orders. */
export function planOtherCalls(
  rng: Rng,
  day: Day,
  factory: CompanyFactory,
  book: ClientBook,
): { inbound: InboundIntent[]; tasks: Task[] } {
  const working = isWorkingDay(day);
  const demand = monthDemand(monthOf(day)) * growth(day);
  const scale = working ? 1 : 0.02;
  const inbound: InboundIntent[] = [];
  const tasks: Task[] = [];
  for (const client of book.active) {
    const c = client.company;
    if (rng.chance(0.012 * scale)) {
      const ext = book.ownerOn(client, day).ext;
      inbound.push({ at: timeIn(rng, day, CALL_HOURS), digits: c.phone, trunk: 'rostelecom', kind: 'client', ext, talkMedian: 150, lead: null });
    }
    if (working && rng.chance(0.01)) {
      const ext = book.ownerOn(client, day).ext;
      tasks.push({ due: timeIn(rng, day, WORK_HOURS), ext, kind: 'client', digits: c.phone, shownAs: `8${c.phone}`, lead: null, attempts: 0 });
    }
  }
  const inquiries = rng.poisson(1.2 * demand * scale);
  for (let i = 0; i < inquiries; i++) {
    const trunk = rng.weighted<'rostelecom' | 'mtt' | 'beeline'>([['rostelecom', 5], ['mtt', 3], ['beeline', 2]]);
    inbound.push({ at: timeIn(rng, day, CALL_HOURS), digits: factory.freshPhone(), trunk, kind: 'inquiry', ext: null, talkMedian: 120, lead: null });
  }
  const spam = rng.poisson(0.6 * scale);
  for (let i = 0; i < spam; i++) {
    inbound.push({ at: timeIn(rng, day, CALL_HOURS), digits: factory.freshPhone(0.9), trunk: rng.chance(0.5) ? 'beeline' : 'rostelecom', kind: 'spam', ext: null, talkMedian: 15, lead: null });
  }
  const hidden = rng.poisson(0.35 * scale);
  for (let i = 0; i < hidden; i++) {
    inbound.push({ at: timeIn(rng, day, CALL_HOURS), digits: null, trunk: 'rostelecom', kind: 'inquiry', ext: null, talkMedian: 60, lead: null });
  }
  return { inbound, tasks };
}
