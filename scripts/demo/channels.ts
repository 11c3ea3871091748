/**
 * Marketing channels as the CRM records them («Источник»): how many leads each brings, how the
 * lead arrives (a call, a web form, an e-mail, a manager typing in a business card), which
 * client segments it attracts, and how well it converts. The raw source labels are what the
 * config's `channels:` rules map to clean names, so some channels have two spellings.
 */
import type { Day } from '../../src/period/types.js';
import { dayOf } from './calendar.js';
import type { Segment } from './types.js';

/** How a lead first reaches the company. */
export type LeadMode = 'phone' | 'web' | 'email' | 'manual';

/** The provider line a call arrives on; each delivers caller numbers in its own format. */
export type Trunk = 'rostelecom' | 'mtt' | 'beeline';

/** One marketing channel. */
export interface Channel {
  key: string;
  /** Raw «Источник» labels with weights. */
  sources: readonly (readonly [string, number])[];
  direction: 'inbound' | 'outbound';
  /** Leads per working day at average demand (0: the channel comes in bursts, see below). */
  perDay: number;
  /** Rate on days off relative to working days (forms and e-mails arrive on weekends too). */
  weekend: number;
  /** Share of leads that begin with an inbound call. */
  phoneShare: number;
  /** How the other leads arrive. */
  otherMode: LeadMode;
  /** Share of leads that become paying clients, and share of junk. */
  win: number;
  junk: number;
  /** Weights over SEGMENTS order. */
  segments: readonly number[];
  /** Line the channel's calls arrive on (ads use call-tracking numbers). */
  trunk: Trunk;
}

const ch = (c: Channel): Channel => c;

/** All channels; leads per day add up to roughly 10 inbound leads a working day. */
export const CHANNELS: readonly Channel[] = [
  ch({ key: 'yandex', sources: [['Яндекс.Директ', 3], ['Реклама Яндекс.Директ (РСЯ)', 1]], direction: 'inbound', perDay: 2.3, weekend: 0.25, phoneShare: 0.45, otherMode: 'web', win: 0.23, junk: 0.1, segments: [55, 25, 5, 7, 8], trunk: 'mtt' }),
  ch({ key: 'google', sources: [['Google Ads', 1]], direction: 'inbound', perDay: 0.8, weekend: 0.25, phoneShare: 0.4, otherMode: 'web', win: 0.2, junk: 0.12, segments: [55, 28, 7, 4, 6], trunk: 'mtt' }),
  ch({ key: 'seo', sources: [['Органический поиск (SEO)', 1]], direction: 'inbound', perDay: 1.7, weekend: 0.3, phoneShare: 0.45, otherMode: 'web', win: 0.26, junk: 0.06, segments: [40, 28, 8, 10, 14], trunk: 'rostelecom' }),
  ch({ key: 'referral', sources: [['Рекомендация', 2], ['По рекомендации', 1]], direction: 'inbound', perDay: 0.75, weekend: 0.05, phoneShare: 0.6, otherMode: 'email', win: 0.42, junk: 0.01, segments: [45, 35, 10, 4, 6], trunk: 'rostelecom' }),
  ch({ key: 'exhibition', sources: [['Выставка «Скрепка Экспо»', 1]], direction: 'inbound', perDay: 0, weekend: 0, phoneShare: 0.1, otherMode: 'manual', win: 0.19, junk: 0.03, segments: [35, 40, 18, 3, 4], trunk: 'rostelecom' }),
  ch({ key: 'email', sources: [['E-mail рассылка', 1]], direction: 'inbound', perDay: 0, weekend: 0.2, phoneShare: 0.15, otherMode: 'email', win: 0.22, junk: 0.02, segments: [50, 30, 6, 6, 8], trunk: 'rostelecom' }),
  ch({ key: 'webform', sources: [['Форма на сайте', 3], ['CRM-форма', 1]], direction: 'inbound', perDay: 1.9, weekend: 0.35, phoneShare: 0, otherMode: 'web', win: 0.23, junk: 0.08, segments: [50, 26, 6, 8, 10], trunk: 'rostelecom' }),
  ch({ key: 'avito', sources: [['Avito', 1]], direction: 'inbound', perDay: 0.85, weekend: 0.4, phoneShare: 0.55, otherMode: 'web', win: 0.15, junk: 0.15, segments: [80, 15, 1, 1, 3], trunk: 'beeline' }),
  ch({ key: 'partners', sources: [['Партнёры', 2], ['Партнер', 1]], direction: 'inbound', perDay: 0.4, weekend: 0, phoneShare: 0.3, otherMode: 'email', win: 0.34, junk: 0.02, segments: [40, 35, 15, 5, 5], trunk: 'rostelecom' }),
  // Leads whose source the manager left as «Другое» or empty: they pass through the rules.
  ch({ key: 'other', sources: [['Другое', 3], ['', 2]], direction: 'inbound', perDay: 0.3, weekend: 0.1, phoneShare: 0.4, otherMode: 'web', win: 0.21, junk: 0.1, segments: [55, 25, 5, 7, 8], trunk: 'beeline' }),
  ch({ key: 'cold', sources: [['Холодный звонок', 1]], direction: 'outbound', perDay: 0, weekend: 0, phoneShare: 0, otherMode: 'manual', win: 0.085, junk: 0.03, segments: [50, 35, 10, 2, 3], trunk: 'rostelecom' }),
];

/** Look a channel up by key. */
export function channel(key: string): Channel {
  const c = CHANNELS.find((x) => x.key === key);
  if (c === undefined) throw new Error(`no channel ${key}`);
  return c;
}

/** Win-rate adjustment by segment: tenders and big companies are harder to win. */
export const SEGMENT_WIN: Record<Segment, number> = {
  'Малый бизнес': 1.05,
  'Средний бизнес': 1,
  'Крупный бизнес': 0.8,
  Госсектор: 0.7,
  Образование: 0.9,
};

/** «Скрепка Экспо» twice a year: contacts from the stand are typed in over the next week. */
export const EXHIBITIONS: readonly { start: Day; leads: number }[] = [
  { start: dayOf(2024, 3, 19), leads: 55 },
  { start: dayOf(2024, 9, 24), leads: 65 },
  { start: dayOf(2025, 3, 18), leads: 60 },
  { start: dayOf(2025, 9, 23), leads: 70 },
];

/** E-mail campaigns go out every other Tuesday; replies come over the next few days. */
export function isCampaignDay(day: Day): boolean {
  const first = dayOf(2024, 1, 16);
  return day >= first && (day - first) % 14 === 0;
}

/** Replies to one campaign at average demand. */
export const CAMPAIGN_REPLIES = 13;
