/**
 * One simulated day of the company: leads arrive, due orders are invoiced (often after a call),
 * inbound calls are routed, each manager works through their calls, and the leads born today
 * are recorded. Everything the day changes lives in `World`.
 */
import type { Day, Wall } from '../../src/period/types.js';
import { MS_PER_DAY } from '../../src/period/types.js';
import { DEMO_END, DEMO_START, MS_PER_MINUTE, isWorkingDay, monthOf, wallAt } from './calendar.js';
import { channel } from './channels.js';
import type { ClientBook } from './clients.js';
import type { Company, CompanyFactory } from './companies.js';
import { routeInbound } from './inbound.js';
import { recordLead, recordRequest, type LeadSink } from './leads.js';
import { runOutboundDay } from './outbound.js';
import type { CallEvent, CreatedLead, InboundIntent, LeadIntent, Shift, Task } from './phone-types.js';
import { planLeadIntents, planOtherCalls } from './planning.js';
import type { Rng } from './rng.js';
import { isAtWork, isEmployed, paceOn, type Manager } from './staff.js';
import { SEGMENTS, type DemoInvoiceLine } from './types.js';

/** Cold calls an average manager (pace 1) makes on an ordinary working day. */
export const COLD_CALLS_PER_DAY = 15.4;

/** Fewer cold calls in the holiday months, a push before the autumn and year-end peaks. */
const CALL_SEASON = [0.85, 1, 1, 1, 0.95, 0.95, 0.9, 0.95, 1.05, 1.05, 1, 1.05];

/** Mutable state of the whole simulation. */
export interface World {
  team: readonly Manager[];
  factory: CompanyFactory;
  book: ClientBook;
  leads: LeadSink;
  /** Streams: arrivals, telephony. */
  plan: Rng;
  phone: Rng;
  events: CallEvent[];
  invoiceLines: DemoInvoiceLine[];
  /** Call tasks not done yet. */
  tasks: Task[];
  /** Per manager: cold numbers that did not answer, to redial. */
  redial: Map<string, string[]>;
}

function buildShifts(rng: Rng, team: readonly Manager[], day: Day): Map<string, Shift> {
  const shifts = new Map<string, Shift>();
  for (const m of team) {
    if (!isAtWork(m, day)) continue;
    const lunchStart = wallAt(day, 12 * 60 + 45 + rng.int(0, 90));
    shifts.set(m.ext, {
      m,
      start: wallAt(day, 9 * 60 + rng.int(-5, 20)),
      end: wallAt(day, 18 * 60 + rng.int(-10, 25)),
      lunchStart,
      lunchEnd: lunchStart + rng.int(40, 60) * MS_PER_MINUTE,
      busy: [],
    });
  }
  return shifts;
}

/** Somebody to own a lead: the client's manager if at work, else a colleague by pace. */
function assignee(w: World, day: Day, shifts: ReadonlyMap<string, Shift>, intent: LeadIntent): string {
  const client = w.book.byCompany.get(intent.company.id);
  if (client !== undefined) {
    const owner = w.book.ownerOn(client, day);
    if (shifts.has(owner.ext) || shifts.size === 0) return owner.ext;
  }
  const pool = shifts.size > 0 ? [...shifts.values()].map((s) => s.m) : w.team.filter((m) => isEmployed(m, day));
  return w.plan.weighted(pool.map((m) => [m.ext, m.pace] as const));
}

/** Simulates `day`. */
export function simulateDay(w: World, day: Day): void {
  const working = isWorkingDay(day);
  const shifts = buildShifts(w.phone, w.team, day);
  const inbound: InboundIntent[] = [];
  const created: CreatedLead[] = [];

  for (const intent of planLeadIntents(w.plan, day, w.factory, w.book)) {
    if (intent.mode === 'phone') {
      const client = w.book.byCompany.get(intent.company.id);
      const ext = client !== undefined ? w.book.ownerOn(client, day).ext : null;
      inbound.push({ at: intent.at, digits: intent.company.phone, trunk: intent.channel.trunk, kind: 'lead', ext, talkMedian: 240, lead: intent });
      continue;
    }
    const ext = assignee(w, day, shifts, intent);
    created.push({ intent, at: intent.at, ext });
    // A new form or e-mail gets a call from its manager; a win-back *is* that call.
    const due = intent.at + w.plan.int(10, 90) * MS_PER_MINUTE;
    w.tasks.push({ due, ext, kind: 'followup', digits: intent.company.phone, shownAs: `+7${intent.company.phone}`, lead: null, attempts: 0 });
  }

  for (const client of w.book.takeDue(day, working)) {
    const { at, lines } = w.book.invoice(client, day);
    w.invoiceLines.push(...lines);
    const owner = w.book.ownerOn(client, day).ext;
    const phone = client.company.phone;
    const opening = wallAt(day, 9 * 60 + 10);
    // Orders are placed by phone, confirmed by the manager's call, or simply e-mailed.
    // The call happens some time between opening and the invoice.
    const before = opening + Math.round(w.plan.next() * Math.max(0, at - opening - 5 * MS_PER_MINUTE) / 1000) * 1000;
    if (w.plan.chance(0.4)) {
      inbound.push({ at: before, digits: phone, trunk: 'rostelecom', kind: 'client', ext: owner, talkMedian: 180, lead: null });
    } else if (w.plan.chance(0.5)) {
      w.tasks.push({ due: before, ext: owner, kind: 'client', digits: phone, shownAs: `8${phone}`, lead: null, attempts: 0 });
    }
    recordRequests(w, client.company, owner, at, lines, !client.active);
  }
  w.invoiceLines.push(...w.book.takeCorrections(day));

  const other = planOtherCalls(w.plan, day, w.factory, w.book);
  inbound.push(...other.inbound);
  w.tasks.push(...other.tasks);

  const onDuty = [...shifts.keys()][0] ?? w.team.find((m) => isEmployed(m, day))?.ext ?? '101';
  const routed = routeInbound(w.phone, shifts, inbound, onDuty);
  w.events.push(...routed.calls);
  created.push(...routed.leads);
  w.tasks.push(...routed.callbacks);

  if (shifts.size > 0) runManagers(w, day, shifts, created);

  created.sort((a, b) => a.at - b.at);
  for (const lead of created) recordLead(w.leads, lead);
}

/** Channels existing clients write in through. */
const REQUEST_CHANNELS: readonly (readonly [string, number])[] = [['webform', 45], ['email', 40], ['seo', 10], ['yandex', 5]];

/**
 * Some orders start as a request in the CRM (a form or an e-mail a few days before), and now
 * and then a client asks for a quote and buys elsewhere. Pre-2024 clients are likelier to
 * show up in the CRM this way until they have a lead — that is how the CRM learns about them —
 * and one that is about to lapse (`last`) always has, so every invoiced client is in the CRM.
 */
function recordRequests(
  w: World,
  company: Company,
  ext: string,
  at: Wall,
  lines: readonly DemoInvoiceLine[],
  last: boolean,
): void {
  const rng = w.plan;
  const amount = lines.reduce((sum, l) => sum + l.amount, 0);
  const known = w.leads.seen.has(company.id);
  if (known ? rng.chance(0.04) : last || rng.chance(0.5)) {
    const asked = Math.max(DEMO_START * MS_PER_DAY, at - rng.int(10, 5_000) * MS_PER_MINUTE);
    recordRequest(w.leads, { company, channel: channel(rng.weighted(REQUEST_CHANNELS)), at: asked, ext, amount, won: true });
  }
  if (rng.chance(0.015)) {
    const asked = at + rng.int(5 * 1440, 30 * 1440) * MS_PER_MINUTE;
    if (asked < DEMO_END * MS_PER_DAY) {
      recordRequest(w.leads, { company, channel: channel(rng.weighted(REQUEST_CHANNELS)), at: asked, ext, amount, won: false });
    }
  }
}

/** Hands out today's due tasks and runs each manager's outbound day. */
function runManagers(w: World, day: Day, shifts: ReadonlyMap<string, Shift>, created: CreatedLead[]): void {
  const dayEnd: Wall = (day + 1) * MS_PER_DAY;
  const exts = [...shifts.keys()];
  const mine = new Map<string, Task[]>(exts.map((e) => [e, []]));
  const later: Task[] = [];
  for (const task of w.tasks) {
    if (task.due >= dayEnd) {
      later.push(task);
      continue;
    }
    // A colleague covers for a manager who is away today.
    const ext = task.ext !== null && shifts.has(task.ext) ? task.ext : w.phone.pick(exts);
    mine.get(ext)?.push({ ...task, ext });
  }
  w.tasks = later;
  const season = CALL_SEASON[monthOf(day) - 1] ?? 1;
  for (const shift of shifts.values()) {
    const m = shift.m;
    let redial = w.redial.get(m.ext);
    if (redial === undefined) w.redial.set(m.ext, (redial = []));
    const res = runOutboundDay(w.phone, {
      shift,
      tasks: mine.get(m.ext) ?? [],
      coldQuota: Math.round(COLD_CALLS_PER_DAY * paceOn(m, day) * season * w.phone.logNormal(1, 0.15)),
      colleagues: exts.filter((e) => e !== m.ext),
      redial,
      freshNumber: () => w.factory.freshPhone(),
    });
    w.events.push(...res.calls);
    created.push(...res.leads);
    w.tasks.push(...res.carry);
    for (const cold of res.coldLeads) {
      const cc = channel('cold');
      const segment = SEGMENTS[w.plan.weightedIndex(cc.segments)] ?? 'Малый бизнес';
      const company = w.factory.create(segment, cold.digits);
      created.push({ intent: { at: cold.at, channel: cc, company, mode: 'phone', reactivation: false }, at: cold.at, ext: cold.ext });
    }
  }
}
