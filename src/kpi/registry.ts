/**
 * The metric registry: every metric id of SPEC §3 (plus `missed_pending`, SPEC-DECISIONS #28),
 * in §3 order, with its home section, kind, direction of "better", the inputs it needs and a
 * one-line formula for `--explain` (Decision #10). Renderers, `check` and `--explain` read this
 * table instead of hard-coding ids.
 */

/** Section ids are the command names (Decision #2). */
export type SectionId = 'leads' | 'active' | 'inbound' | 'calls' | 'clients';

/** Section ids in §3 order. */
export const SECTION_IDS: readonly SectionId[] = ['leads', 'active', 'inbound', 'calls', 'clients'];

/** What kind of number a metric is; decides display (Decision #45) and delta rules (#4). */
export type MetricKind = 'count' | 'money' | 'ratio' | 'minutes' | 'money_per_client';

export type InputKind = 'leads' | 'calls' | 'invoices';

export const METRIC_IDS = [
  'leads_total',
  'leads_inbound',
  'leads_outbound',
  'leads_won',
  'lead_conversion',
  'calls_outbound',
  'calls_outbound_answered',
  'new_sales_outbound',
  'new_clients_outbound',
  'new_sales_inbound',
  'inbound_efficiency',
  'new_clients_inbound',
  'calls_internal',
  'calls_inbound',
  'calls_inbound_answered',
  'calls_inbound_missed',
  'missed_rate',
  'missed_unreturned',
  'missed_pending',
  'missed_anonymous',
  'callback_minutes_median',
  'callback_minutes_p90',
  'revenue',
  'profit',
  'invoices',
  'clients_active',
  'revenue_per_client',
  'profit_per_client',
  'new_clients',
  'retention_rate',
  'clients_retained',
  'clients_lost',
  'clients_reactivated',
  'crr',
  'churn_rate',
] as const;

/** Every metric id of SPEC §3 plus `missed_pending`. */
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricDef {
  id: MetricId;
  /** The first §3 section listing the metric; machine outputs put it here (Decision #2). */
  home: SectionId;
  /** Every section that shows it, home first. */
  sections: readonly SectionId[];
  kind: MetricKind;
  /** Which way is good, for Δ colour (Decision #4). */
  better: 'up' | 'down';
  /** Inputs that must all be given, else the metric is left out (SPEC §3, Decision #13). */
  needs: readonly InputKind[];
  /** Shown by `--explain`. */
  formula: string;
  /** Null when won status is unknown (Decision #29). */
  wonBased?: boolean;
  /** Null when no invoice source maps cost (Decision #30). */
  costBased?: boolean;
  /** Null when no call source can tell answered (Decision #20). */
  answerBased?: boolean;
  label: { en: string; ru: string };
}

type Flags = Pick<MetricDef, 'wonBased' | 'costBased' | 'answerBased'>;

function def(
  id: MetricId,
  sections: readonly SectionId[],
  kind: MetricKind,
  needs: readonly InputKind[],
  formula: string,
  en: string,
  ru: string,
  flags: Flags = {},
): MetricDef {
  const home = sections[0];
  if (home === undefined) throw new Error(`metric ${id} has no section`);
  // Decision #4: every missed_* metric, churn, lost clients and callback times are better low.
  const down = id.startsWith('missed_') || id.startsWith('callback_') || id === 'churn_rate' || id === 'clients_lost';
  return { id, home, sections, kind, better: down ? 'down' : 'up', needs, formula, label: { en, ru }, ...flags };
}

const L = ['leads'] as const;
const C = ['calls'] as const;
const I = ['invoices'] as const;
const LI = ['leads', 'invoices'] as const;
const WON = { wonBased: true } as const;
const ANS = { answerBased: true } as const;
const COST = { costBased: true } as const;

export const METRICS: readonly MetricDef[] = [
  def('leads_total', ['leads'], 'count', L, 'leads with created_at in P', 'Leads', 'Лиды'),
  def('leads_inbound', ['leads', 'inbound'], 'count', L, 'inbound leads with created_at in P', 'Inbound leads', 'Входящие лиды'),
  def('leads_outbound', ['leads', 'active'], 'count', L, 'outbound leads with created_at in P', 'Outbound leads', 'Исходящие лиды'),
  def('leads_won', ['leads'], 'count', L, 'leads created in P that are won', 'Won leads', 'Выигранные лиды', WON),
  def('lead_conversion', ['leads'], 'ratio', L, 'leads_won / leads_total', 'Lead conversion', 'Конверсия лидов', WON),
  def('calls_outbound', ['active', 'calls'], 'count', C, 'outbound calls started in P', 'Outbound calls', 'Исходящие звонки'),
  def('calls_outbound_answered', ['active', 'calls'], 'count', C, 'outbound calls started in P that were answered', 'Outbound calls answered', 'Исходящие: дозвоны', ANS),
  def('new_sales_outbound', ['active'], 'count', L, 'outbound leads created in P that are won', 'New sales (outbound)', 'Новые продажи (активные)', WON),
  def('new_clients_outbound', ['active'], 'count', LI, 'new_clients whose acquisition direction is outbound', 'New clients (outbound)', 'Новые клиенты (активные)'),
  def('new_sales_inbound', ['inbound'], 'count', L, 'inbound leads created in P that are won', 'New sales (inbound)', 'Новые продажи (входящие)', WON),
  def('inbound_efficiency', ['inbound'], 'ratio', L, 'new_sales_inbound / leads_inbound', 'Inbound efficiency', 'Коэффициент эффективности входящих продаж', WON),
  def('new_clients_inbound', ['inbound'], 'count', LI, 'new_clients whose acquisition direction is inbound', 'New clients (inbound)', 'Новые клиенты (входящие)'),
  def('calls_internal', ['calls'], 'count', C, 'calls between two internal numbers started in P', 'Internal calls', 'Внутренние звонки'),
  def('calls_inbound', ['calls'], 'count', C, 'inbound calls started in P', 'Inbound calls', 'Входящие звонки'),
  def('calls_inbound_answered', ['calls'], 'count', C, 'inbound calls started in P that were answered', 'Inbound calls answered', 'Входящие: отвеченные', ANS),
  def('calls_inbound_missed', ['calls'], 'count', C, 'inbound calls started in P that were not answered', 'Inbound calls missed', 'Входящие: пропущенные', ANS),
  def('missed_rate', ['calls'], 'ratio', C, 'calls_inbound_missed / calls_inbound', 'Missed rate', 'Доля пропущенных', ANS),
  def('missed_unreturned', ['calls'], 'count', C, 'distinct caller numbers with an unreturned missed call in P', 'Missed, not returned (numbers)', 'Пропущенные без перезвона (номера)', ANS),
  def('missed_pending', ['calls'], 'count', C, 'missed calls in P whose callback window is still open', 'Missed, window still open', 'Пропущенные: окно перезвона открыто', ANS),
  def('missed_anonymous', ['calls'], 'count', C, 'missed inbound calls in P without a caller number', 'Missed anonymous calls', 'Пропущенные без номера', ANS),
  def('callback_minutes_median', ['calls'], 'minutes', C, 'median minutes from a returned missed call in P to its first return', 'Callback time, median (min)', 'Время перезвона, медиана (мин)', ANS),
  def('callback_minutes_p90', ['calls'], 'minutes', C, 'nearest-rank 90th percentile of the callback minutes', 'Callback time, p90 (min)', 'Время перезвона, p90 (мин)', ANS),
  def('revenue', ['clients'], 'money', I, 'sum of invoice line amounts dated in P', 'Revenue', 'Выручка'),
  def('profit', ['clients'], 'money', I, 'sum of (amount − cost) over the lines dated in P', 'Profit', 'Прибыль', COST),
  def('invoices', ['clients'], 'count', I, 'distinct invoice numbers among positive lines dated in P', 'Invoices', 'Счета'),
  def('clients_active', ['clients'], 'count', I, 'distinct clients with a positive line in P: |A(P)|', 'Active clients', 'Активные клиенты'),
  def('revenue_per_client', ['clients'], 'money_per_client', I, 'revenue / clients_active', 'Revenue per client', 'Выручка на клиента'),
  def('profit_per_client', ['clients'], 'money_per_client', I, 'profit / clients_active', 'Profit per client', 'Прибыль на клиента', COST),
  def('new_clients', ['clients'], 'count', I, 'clients whose first positive line in all the data is in P', 'New clients', 'Новые клиенты'),
  def('retention_rate', ['clients'], 'ratio', I, '|A(P₋₁) ∩ A(P)| / |A(P₋₁)|', 'Retention rate', 'Удержание клиентов'),
  def('clients_retained', ['clients'], 'count', I, '|A(P₋₁) ∩ A(P)|', 'Clients retained', 'Удержанные клиенты'),
  def('clients_lost', ['clients'], 'count', I, '|A(P₋₁) \\ A(P)|', 'Clients lost', 'Потерянные клиенты'),
  def('clients_reactivated', ['clients'], 'count', I, 'clients in A(P), not in A(P₋₁), not new', 'Clients reactivated', 'Вернувшиеся клиенты'),
  def('crr', ['clients'], 'ratio', I, '(|A(P)| − new_clients) / |A(P₋₁)|', 'Customer retention rate (classic)', 'CRR (классический)'),
  def('churn_rate', ['clients'], 'ratio', I, '1 − retention_rate', 'Churn rate', 'Отток клиентов'),
];

const BY_ID: ReadonlyMap<string, MetricDef> = new Map(METRICS.map((m) => [m.id, m]));

/** The definition of a metric id, or undefined for an unknown id (config targets validate with it). */
export function metricDef(id: string): MetricDef | undefined {
  return BY_ID.get(id);
}

/** True when `id` is a metric id. */
export function isMetricId(id: string): id is MetricId {
  return BY_ID.has(id);
}

/**
 * The metrics a section shows, in display order. §3 order, except that `calls` lists the entry
 * points first and then the outbound calls it borrows from Active sales (Decision #2).
 */
export function sectionMetrics(section: SectionId): MetricDef[] {
  const own = METRICS.filter((m) => m.sections.includes(section));
  if (section !== 'calls') return own;
  return [...own.filter((m) => m.home === 'calls'), ...own.filter((m) => m.home !== 'calls')];
}
