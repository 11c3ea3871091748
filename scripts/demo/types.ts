/**
 * The demo company's records as plain objects: exactly what the three export files carry (plus
 * a few ground-truth fields, marked "not exported", that tests use to check the simulation).
 * Times are Moscow wall-clock `Wall` milliseconds; money is integer kopecks.
 */
import type { Wall } from '../../src/period/types.js';

/** Bitrix24 lead stages used by the demo (the stage vocabulary of a Bitrix lead/deal list). */
export const LEAD_STAGES = [
  'Новая',
  'В работе',
  'Сделка успешна',
  'Сделка провалена',
  'Некачественный лид',
] as const;
/** One of LEAD_STAGES. */
export type LeadStage = (typeof LEAD_STAGES)[number];

/** Client segments (the «Сегмент» custom field of the CRM). */
export const SEGMENTS = [
  'Малый бизнес',
  'Средний бизнес',
  'Крупный бизнес',
  'Госсектор',
  'Образование',
] as const;
/** One of SEGMENTS. */
export type Segment = (typeof SEGMENTS)[number];

/** One row of the Bitrix24 lead list (`leads.csv`). */
export interface DemoLead {
  /** Bitrix lead ID (increasing with creation time, with gaps left by deleted leads). */
  id: number;
  /** «Название лида». */
  title: string;
  createdAt: Wall;
  stage: LeadStage;
  /** «Источник» as the CRM shows it (raw, before the config's channel rules); '' when unset. */
  source: string;
  /** «Ответственный»: the manager's CRM name. */
  manager: string;
  /** «Название компании» as typed into the CRM (sometimes spelled differently). */
  company: string;
  /** 10-digit ИНН, or null when the manager did not fill it in. */
  inn: string | null;
  /** «Рабочий телефон» as typed (`+7 (495) 123-45-67`, `8 916 …`). */
  phone: string;
  email: string | null;
  /** «Сегмент»; '' when unset. */
  segment: string;
  /** «Сумма» in kopecks, or null when empty. */
  amount: number | null;
  /** Not exported: the simulated company behind the lead. */
  companyId: number;
  /** Not exported: inbound, or outbound for cold-call leads. */
  direction: 'inbound' | 'outbound';
  /** Not exported: the lead really led to an invoice (the simulation's truth). */
  converted: boolean;
}

/** Asterisk dispositions the demo uses. */
export type Disposition = 'ANSWERED' | 'NO ANSWER' | 'BUSY';

/** One row of Asterisk's `Master.csv` (stock cdr_csv, 18 fields). */
export interface DemoCall {
  accountcode: string;
  src: string;
  dst: string;
  dcontext: string;
  clid: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  lastdata: string;
  start: Wall;
  /** null when the call was not answered (cdr_csv then writes an empty field). */
  answer: Wall | null;
  end: Wall;
  /** Whole seconds from start to end. */
  duration: number;
  /** Talk seconds, from answer to end (0 when unanswered). */
  billsec: number;
  disposition: Disposition;
  amaflags: string;
  uniqueid: string;
  userfield: string;
  /** Not exported: how the call crossed the PBX. */
  direction: 'inbound' | 'outbound' | 'internal';
}

/** One line of the 1C sales register (`invoices.xlsx`). */
export interface DemoInvoiceLine {
  /** Document date and time. */
  date: Wall;
  /** `00БП-000123`; a correction line carries the number of the sale it corrects. */
  number: string;
  /** «Контрагент» as 1C names it (`Ромашка ООО`). */
  client: string;
  /** ИНН, or null for the odd counterparty entered without one. */
  inn: string | null;
  /** «Менеджер»: the 1C user's full name. */
  manager: string;
  /** «Номенклатура». */
  item: string;
  /** Negative on a correction (return) line. */
  quantity: number;
  /** «Сумма», kopecks (negative on a correction). */
  amount: number;
  /** «Себестоимость», kopecks (negative on a correction). */
  cost: number;
  /** Not exported: the simulated company. */
  companyId: number;
}

/** Everything the generator produces, in export order. */
export interface DemoData {
  leads: DemoLead[];
  calls: DemoCall[];
  invoiceLines: DemoInvoiceLine[];
}
