/**
 * Leads as a Bitrix24 lead list shows them at export time (the end of 2025). A new lead is
 * decided when it is created — junk, lost, or won — and a won lead books the client's first
 * order, whose lines also give the lead its «Сумма». Leads closed after the export date are
 * still «Новая» or «В работе», as in any live CRM. Existing clients' requests are recorded
 * against the orders they really led to.
 */
import type { Wall } from '../../src/period/types.js';
import { DEMO_END, dayOfWall, nextWorkingDay, ymdOf } from './calendar.js';
import { drawOrder, type OrderLine } from './catalog.js';
import { SEGMENT_WIN, type Channel } from './channels.js';
import type { ClientBook } from './clients.js';
import type { Company } from './companies.js';
import { formatCrmPhone } from './names.js';
import type { CreatedLead } from './phone-types.js';
import type { Rng } from './rng.js';
import type { Manager } from './staff.js';
import type { DemoLead, LeadStage } from './types.js';

/** A lead before the CRM numbers it. */
export type LeadDraft = Omit<DemoLead, 'id'>;

/** Where leads go and what they may touch. */
export interface LeadSink {
  rng: Rng;
  team: readonly Manager[];
  book: ClientBook;
  drafts: LeadDraft[];
  /** Companies that already have a lead (their later leads may be spelled differently). */
  seen: Set<number>;
}

const TOPICS: Record<string, string> = {
  paper: 'бумага',
  toner: 'картриджи',
  stationery: 'канцтовары',
  household: 'хозтовары',
  furniture: 'мебель',
  equipment: 'оргтехника',
};

function topicOf(lines: readonly OrderLine[]): string {
  return TOPICS[lines[0]?.product.category ?? 'stationery'] ?? 'канцтовары';
}

function total(lines: readonly OrderLine[]): number {
  let sum = 0;
  for (const l of lines) sum += l.amount;
  return sum;
}

function title(rng: Rng, intent: CreatedLead['intent'], topic: string, company: string): string {
  const { channel, mode } = intent;
  if (channel.key === 'cold') return intent.reactivation ? `Возобновление работы: ${company}` : `Холодный звонок: ${company}`;
  if (channel.key === 'exhibition') return `Скрепка Экспо: ${company}`;
  if (mode === 'phone') return rng.pick([`Входящий звонок: ${topic}`, `Звонок: ${topic}`, 'Входящий звонок']);
  if (mode === 'email') return channel.key === 'email' ? `Ответ на рассылку: ${topic}` : `Запрос КП: ${topic}`;
  return rng.pick([`Заявка с сайта: ${topic}`, 'Заказ обратного звонка', `Запрос цены: ${topic}`]);
}

interface DraftFields {
  company: Company;
  channel: Channel;
  at: Wall;
  ext: string;
  title: string;
  stage: LeadStage;
  amount: number | null;
  converted: boolean;
  emailLikely: boolean;
}

function pushDraft(sink: LeadSink, f: DraftFields): void {
  const { rng } = sink;
  const company = f.company;
  const firstTime = !sink.seen.has(company.id);
  sink.seen.add(company.id);
  // Now and then a later lead spells the company differently («Ромашка ООО», ООО "Ромашка").
  const name = !firstTime && company.crmVariants.length > 0 && rng.chance(0.25) ? rng.pick(company.crmVariants) : company.crmName;
  sink.drafts.push({
    title: f.title.replace('{company}', name),
    createdAt: f.at,
    stage: f.stage,
    source: rng.weighted(f.channel.sources),
    manager: sink.team.find((m) => m.ext === f.ext)?.name ?? f.ext,
    company: name,
    inn: company.innInCrm ? company.inn : null,
    phone: formatCrmPhone(company.phone, firstTime ? company.phoneStyle : rng.int(0, 4)),
    email: f.emailLikely || rng.chance(0.5) ? company.email : null,
    // Now and then the manager skips the segment field.
    segment: rng.chance(0.03) ? '' : company.segment,
    amount: f.amount,
    companyId: company.id,
    direction: f.channel.direction,
    converted: f.converted,
  });
}

/** Records a new lead (or a win-back) and, if it is won, books the client's first order. */
export function recordLead(sink: LeadSink, lead: CreatedLead): void {
  const { rng, book } = sink;
  const { intent } = lead;
  const company = intent.company;
  const created = dayOfWall(lead.at);
  const { year, month } = ymdOf(created);
  const quote = drawOrder(rng, company.segment, year, month);

  const junk = !intent.reactivation && rng.chance(intent.channel.junk);
  const winRate = intent.reactivation ? 1 : intent.channel.win * SEGMENT_WIN[company.segment];
  const won = !junk && rng.chance(winRate);
  let stage: LeadStage;
  let amount: number | null = null;
  let converted = false;
  if (junk) {
    stage = created + rng.int(0, 2) < DEMO_END ? 'Некачественный лид' : 'Новая';
  } else if (won) {
    const orderDay = nextWorkingDay(created + Math.min(45, Math.max(1, Math.round(rng.logNormal(7, 0.6)))));
    amount = total(quote);
    if (orderDay < DEMO_END) {
      stage = 'Сделка успешна';
      converted = true;
      book.scheduleOrder(company, lead.ext, orderDay, quote);
    } else {
      stage = 'В работе';
    }
  } else {
    const closed = created + rng.int(3, 40);
    // A few leads are never closed: CRM hygiene is never perfect.
    stage = closed < DEMO_END && !rng.chance(0.02) ? 'Сделка провалена' : created >= DEMO_END - 3 ? 'Новая' : 'В работе';
    // Quotes are round numbers; a third of lost leads never got one.
    if (rng.chance(0.67)) amount = Math.max(100_00, Math.round(total(quote) / 100_00) * 100_00);
  }
  pushDraft(sink, {
    company,
    channel: intent.channel,
    at: lead.at,
    ext: lead.ext,
    title: title(rng, intent, topicOf(quote), '{company}'),
    stage,
    amount,
    converted,
    emailLikely: intent.mode !== 'phone',
  });
}

/**
 * Records a client's request for an order: won when it became the invoice (`amount` is its
 * total), lost when the client bought elsewhere this time.
 */
export function recordRequest(
  sink: LeadSink,
  req: { company: Company; channel: Channel; at: Wall; ext: string; amount: number; won: boolean },
): void {
  const { rng } = sink;
  const won = req.won;
  pushDraft(sink, {
    company: req.company,
    channel: req.channel,
    at: req.at,
    ext: req.ext,
    title: rng.pick(['Повторный заказ', 'Дозаказ', 'Запрос счёта', 'Запрос КП']),
    stage: won ? 'Сделка успешна' : 'Сделка провалена',
    amount: won ? req.amount : Math.max(100_00, Math.round(req.amount / 100_00) * 100_00),
    converted: won,
    emailLikely: true,
  });
}
