/**
 * The demo company's pure core: `generateDemo(seed)` simulates two years (2024–2025) of «ООО
 * "Канцлер"», a Moscow office-supplies distributor, and returns its leads, calls and invoice
 * lines as plain objects. No I/O and no clock: the same seed gives the same records.
 */
import { MS_PER_DAY } from '../../src/period/types.js';
import { DEMO_END, DEMO_START, nextWorkingDay } from './calendar.js';
import { toCdr } from './cdr.js';
import { ClientBook } from './clients.js';
import { CompanyFactory } from './companies.js';
import { simulateDay, type World } from './day.js';
import { Rng } from './rng.js';
import { buildTeam } from './staff.js';
import { SEGMENTS, type DemoData, type DemoInvoiceLine, type DemoLead } from './types.js';

/** The seed of the committed fixtures in fixtures/demo. */
export const DEFAULT_SEED = 20_240_101;

/** Clients the company already had before 2024 (the CRM export starts in 2024). */
const LEGACY_CLIENTS = 300;
/** Bitrix lead IDs of 2024 start here (earlier leads are not in the export). */
const FIRST_LEAD_ID = 10_245;

/** Simulates the company and returns its records in export order. */
export function generateDemo(seed: number = DEFAULT_SEED): DemoData {
  const team = buildTeam(Rng.stream(seed, 'team'));
  const factory = new CompanyFactory(Rng.stream(seed, 'companies'));
  const book = new ClientBook(Rng.stream(seed, 'orders'), team);
  const w: World = {
    team,
    factory,
    book,
    leads: { rng: Rng.stream(seed, 'leads'), team, book, drafts: [], seen: new Set() },
    plan: Rng.stream(seed, 'plan'),
    phone: Rng.stream(seed, 'phone'),
    events: [],
    invoiceLines: [],
    tasks: [],
    redial: new Map(),
  };
  seedLegacyClients(w, Rng.stream(seed, 'legacy'));
  for (let day = DEMO_START; day < DEMO_END; day++) simulateDay(w, day);

  // The exports end with 2025: drop anything that spilled past midnight of 31 December.
  const endWall = DEMO_END * MS_PER_DAY;
  const drafts = w.leads.drafts.filter((d) => d.createdAt < endWall).sort((a, b) => a.createdAt - b.createdAt);
  const idRng = Rng.stream(seed, 'ids');
  let id = FIRST_LEAD_ID;
  const leads = drafts.map<DemoLead>((d) => {
    // Deleted leads leave gaps in Bitrix numbering.
    id += idRng.chance(0.04) ? idRng.int(2, 4) : 1;
    return { id, ...d };
  });
  const calls = toCdr(w.events.filter((e) => e.start < endWall), team);
  const invoiceLines = numberInvoices(w.invoiceLines.filter((l) => l.date < endWall));
  return { leads, calls, invoiceLines };
}

/**
 * Sorts lines by date and gives invoices 1C numbers (`00БП-000001`…) in the order they were
 * issued; a correction keeps the number of the sale it corrects. Numbering runs on across the
 * new year (a real 1C base would usually restart it; see fixtures/demo/README.md).
 */
function numberInvoices(lines: DemoInvoiceLine[]): DemoInvoiceLine[] {
  const sorted = lines.map((l, i) => ({ l, i })).sort((a, b) => a.l.date - b.l.date || a.i - b.i);
  const numbers = new Map<string, string>();
  return sorted.map(({ l }) => {
    let number = numbers.get(l.number);
    if (number === undefined) {
      number = `00БП-${String(numbers.size + 1).padStart(6, '0')}`;
      numbers.set(l.number, number);
    }
    return { ...l, number };
  });
}

/**
 * The clients of earlier years: they keep ordering from January on. The CRM learns about them
 * only when they send a request (see recordRequests), so their acquisition predates the export.
 */
function seedLegacyClients(w: World, rng: Rng): void {
  const founders = w.team.filter((m) => m.from === DEMO_START);
  for (let i = 0; i < LEGACY_CLIENTS; i++) {
    const segment = SEGMENTS[rng.weightedIndex([45, 30, 10, 7, 8])] ?? 'Малый бизнес';
    const company = w.factory.create(segment);
    const owner = founders[i % founders.length]?.ext ?? '101';
    w.book.scheduleOrder(company, owner, nextWorkingDay(DEMO_START + rng.int(8, 50)), null, true);
  }
}
