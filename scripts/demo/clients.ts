/**
 * Paying clients and their invoices: each client reorders on its own rhythm (consumables run
 * out), bent by the seasons — summer slows offices down, schools buy before September, state
 * bodies wait for their budget in January and spend it in December. Some clients buy once and
 * go, others lapse after a while; some of those come back months later.
 */
import type { Day, Wall } from '../../src/period/types.js';
import { DEMO_END, dayOf, monthOf, nextWorkingDay, wallAt, ymdOf } from './calendar.js';
import { drawOrder, type OrderLine } from './catalog.js';
import type { Company } from './companies.js';
import type { Rng } from './rng.js';
import { ownerOn, type Manager } from './staff.js';
import type { DemoInvoiceLine, Segment } from './types.js';

/** A company that has bought (or is about to buy). */
export interface Client {
  company: Company;
  /** Extension of the manager who won the client (successors inherit, see ownerOn). */
  ownerExt: string;
  /** Typical days between orders. */
  cycle: number;
  /** Buys once and is gone (unless won back). */
  oneOff: boolean;
  active: boolean;
  nextOrder: Day | null;
  /** Lines of the next order when already known (the lead's quote). */
  pending: OrderLine[] | null;
  orders: number;
  /** A client from before 2024. */
  legacy: boolean;
}

interface SegmentHabits {
  cycle: number;
  oneOff: number;
  churn: number;
}

/**
 * Reorder rhythm and loyalty by segment. Many new clients test the distributor with one order
 * and go back to shopping around; the rest stay for about a year or longer.
 */
const HABITS: Record<Segment, SegmentHabits> = {
  'Малый бизнес': { cycle: 50, oneOff: 0.55, churn: 0.12 },
  'Средний бизнес': { cycle: 36, oneOff: 0.4, churn: 0.08 },
  'Крупный бизнес': { cycle: 28, oneOff: 0.3, churn: 0.05 },
  Госсектор: { cycle: 50, oneOff: 0.45, churn: 0.1 },
  Образование: { cycle: 55, oneOff: 0.4, churn: 0.07 },
};

/** Clients from before 2024 are the ones who stayed: they lapse at half the usual rate. */
const LEGACY_CHURN = 0.5;

/** All clients, the order calendar, and the invoice numbering. */
export class ClientBook {
  readonly byCompany = new Map<number, Client>();
  /** Active clients, for sampling who calls or asks again. */
  readonly active: Client[] = [];
  private readonly due = new Map<Day, Client[]>();
  private readonly winBacks = new Map<Day, Client[]>();
  private readonly corrections = new Map<Day, DemoInvoiceLine[]>();
  private invoiceSeq = 1;

  constructor(
    private readonly rng: Rng,
    private readonly team: readonly Manager[],
  ) {}

  /** The manager who looks after a client on a given day. */
  ownerOn(client: Client, day: Day): Manager {
    return ownerOn(this.team, client.ownerExt, day);
  }

  /** Books an order: a new client's first, an existing client's extra one, or a win-back. */
  scheduleOrder(company: Company, ownerExt: string, day: Day, lines: OrderLine[] | null, legacy = false): void {
    let client = this.byCompany.get(company.id);
    if (client === undefined) {
      const habits = HABITS[company.segment];
      client = {
        company,
        ownerExt,
        cycle: Math.round(this.rng.logNormal(habits.cycle, 0.3)),
        oneOff: !legacy && this.rng.chance(habits.oneOff),
        active: false,
        nextOrder: null,
        pending: null,
        orders: 0,
        legacy,
      };
      this.byCompany.set(company.id, client);
    }
    if (!client.active) {
      client.active = true;
      this.active.push(client);
    }
    if (client.nextOrder === null || day < client.nextOrder) {
      client.pending = lines;
      this.book(client, day);
    } else if (day === client.nextOrder && lines !== null) {
      client.pending = lines;
    }
  }

  private book(client: Client, day: Day): void {
    client.nextOrder = day;
    const list = this.due.get(day);
    if (list === undefined) this.due.set(day, [client]);
    else list.push(client);
  }

  private deactivate(client: Client): void {
    client.active = false;
    client.nextOrder = null;
    const i = this.active.indexOf(client);
    if (i >= 0) this.active.splice(i, 1);
  }

  /** Clients whose order falls on `day`; on a day off their orders move to the next working day. */
  takeDue(day: Day, working: boolean): Client[] {
    const list = this.due.get(day) ?? [];
    this.due.delete(day);
    const today: Client[] = [];
    const seen = new Set<Client>();
    for (const c of list) {
      if (c.nextOrder !== day || seen.has(c)) continue; // superseded by an earlier booking
      seen.add(c);
      if (working) today.push(c);
      else this.book(c, nextWorkingDay(day));
    }
    return today;
  }

  /** Lapsed clients due to be won back on `day`. */
  takeWinBacks(day: Day): Client[] {
    const list = this.winBacks.get(day) ?? [];
    this.winBacks.delete(day);
    return list.filter((c) => !c.active);
  }

  /** Correction (return) lines dated `day`. */
  takeCorrections(day: Day): DemoInvoiceLine[] {
    const list = this.corrections.get(day) ?? [];
    this.corrections.delete(day);
    return list;
  }

  /** Issues the client's invoice for `day` and decides what happens next. */
  invoice(client: Client, day: Day): { at: Wall; lines: DemoInvoiceLine[] } {
    const rng = this.rng;
    const { year, month } = ymdOf(day);
    const order = client.pending ?? drawOrder(rng, client.company.segment, year, month);
    client.pending = null;
    client.orders++;
    const at = wallAt(day, rng.int(9 * 60 + 30, 18 * 60));
    // Provisional; generate.ts renumbers invoices in date order, as 1C would have numbered them.
    const number = String(this.invoiceSeq++);
    const manager = this.ownerOn(client, day).fullName;
    const c = client.company;
    const lines = order.map<DemoInvoiceLine>((l) => ({
      date: at,
      number,
      client: c.oneCName,
      inn: c.innIn1C ? c.inn : null,
      manager,
      item: l.product.name,
      quantity: l.quantity,
      amount: l.amount,
      cost: l.cost,
      companyId: c.id,
    }));
    this.maybeCorrect(lines, day);
    this.planNext(client, day);
    return { at, lines };
  }

  /** About one invoice in 150 is partly returned a few weeks later («Корректировка реализации»). */
  private maybeCorrect(lines: readonly DemoInvoiceLine[], day: Day): void {
    const rng = this.rng;
    if (!rng.chance(0.007)) return;
    const line = rng.pick(lines);
    const back = nextWorkingDay(day + rng.int(3, 25));
    if (back >= DEMO_END) return;
    const k = rng.int(1, Math.max(1, Math.floor(line.quantity / 2)));
    const unit = line.amount / line.quantity;
    const correction: DemoInvoiceLine = {
      ...line,
      date: wallAt(back, rng.int(10 * 60, 17 * 60)),
      item: `Корректировка реализации: ${line.item}`,
      quantity: -k,
      amount: -Math.round(unit * k),
      cost: -Math.round((line.cost * k) / line.quantity),
    };
    const list = this.corrections.get(back);
    if (list === undefined) this.corrections.set(back, [correction]);
    else list.push(correction);
  }

  /** Churn, win-back, or the next order date with its seasonal bends. */
  private planNext(client: Client, day: Day): void {
    const rng = this.rng;
    const segment = client.company.segment;
    const churn = client.oneOff && client.orders === 1 ? 0.85 : HABITS[segment].churn * (client.legacy ? LEGACY_CHURN : 1);
    if (rng.chance(churn)) {
      this.deactivate(client);
      if (rng.chance(client.oneOff ? 0.12 : 0.3)) {
        const when = day + rng.int(90, 300);
        if (when < DEMO_END) {
          const list = this.winBacks.get(when);
          if (list === undefined) this.winBacks.set(when, [client]);
          else list.push(client);
        }
      }
      return;
    }
    const month = monthOf(day);
    // Office stock-ups before the September and December peaks come sooner.
    const rush = month === 9 || month === 11 || month === 12 ? 0.85 : 1;
    let next = day + Math.max(7, Math.round(client.cycle * rush * rng.range(0.7, 1.3)));
    const { year, month: nextMonth, date } = ymdOf(next);
    if (segment === 'Образование' && (nextMonth === 6 || nextMonth === 7 || (nextMonth === 8 && date < 10))) {
      next = dayOf(year, 8, rng.int(10, 31)); // schools are closed until mid-August
    } else if (segment === 'Госсектор' && nextMonth === 1) {
      next = dayOf(year, 2, rng.int(1, 20)); // budgets are approved in late January
    } else if (nextMonth === 7 && rng.chance(0.5)) {
      next += rng.int(3, 10); // the July lull: half the offices put reordering off a little
    }
    if (next < DEMO_END) this.book(client, next);
    else client.nextOrder = null;
  }
}
