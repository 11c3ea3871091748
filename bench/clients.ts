/**
 * The client base shared by the leads and invoices files of one size and seed, so kpi can link
 * them by ИНН (acquisition channel, new clients by direction) the way it does on real data.
 * Names are unique per client: two ИНН under one name would make every link `client_ambiguous`.
 */
import { createRng, type Rng } from './prng.js';
import { INITIALS, INN_REGIONS, LEGAL_FORMS, MOBILE_CODES, NAME_HEADS, NAME_TAILS, SURNAMES } from './vocab.js';

/** Parallel arrays (one entry per client), cheaper than millions of small objects. */
export interface ClientPool {
  readonly size: number;
  readonly names: readonly string[];
  /** ИНН as text: 10 digits for companies, 12 for sole traders; may start with `0`. */
  readonly inns: readonly string[];
  /** Ten national digits of a mobile number (`9123456789`), formatted per row by the writer. */
  readonly phones: readonly string[];
}

/** How many clients a dataset of `rows` rows has: one per ~20 rows, at least 200. */
export function clientCount(rows: number): number {
  return Math.max(200, Math.round(rows / 20));
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

function companyName(rng: Rng, i: number): string {
  const form = LEGAL_FORMS.sample(rng);
  if (form === 'ИП') return `ИП ${rng.pick(SURNAMES)} ${rng.pick(INITIALS)}${rng.pick(INITIALS)} (${i + 1})`;
  const tail = rng.pick(NAME_TAILS);
  const core = `${rng.pick(NAME_HEADS)}${tail ? '-' + tail : ''} ${i + 1}`;
  // Quote styles as they come out of 1C and Bitrix: «», "" (CSV-escaped on write), or none.
  const q = rng.int(0, 2);
  if (q === 0) return `${form} «${core}»`;
  if (q === 1) return `${form} "${core}"`;
  return `${form} ${core}`;
}

/** Build the pool for a dataset size and seed; the same inputs give the same pool. */
export function makeClientPool(seed: number, size: number): ClientPool {
  const rng = createRng(seed, 0xc11e);
  const names: string[] = new Array<string>(size);
  const inns: string[] = new Array<string>(size);
  const phones: string[] = new Array<string>(size);
  for (let i = 0; i < size; i++) {
    names[i] = companyName(rng, i);
    const region = rng.pick(INN_REGIONS);
    const sole = names[i]!.startsWith('ИП ');
    // The client index is embedded so ИНН are unique whatever the random digits.
    inns[i] = region + (sole ? digits(rng, 3) : digits(rng, 1)) + String(i).padStart(7, '0');
    phones[i] = rng.pick(MOBILE_CODES) + digits(rng, 7);
  }
  return { size, names, inns, phones };
}

/**
 * A client index skewed towards the front of the pool (u² is denser near 0): a few regulars buy
 * every month and many buy once, which is what makes retention and churn figures non-trivial.
 */
export function skewedClient(rng: Rng, size: number): number {
  const u = rng.float();
  return Math.min(size - 1, Math.floor(u * u * size));
}

/** A phone written the way CRM users type it: `+7 (912) 345-67-89`, `8 912 345 67 89`, `79123456789`. */
export function phoneText(national: string, style: number): string {
  const a = national.slice(0, 3);
  const b = national.slice(3, 6);
  const c = national.slice(6, 8);
  const d = national.slice(8, 10);
  switch (style % 4) {
    case 0: return `+7 (${a}) ${b}-${c}-${d}`;
    case 1: return `8 ${a} ${b} ${c} ${d}`;
    case 2: return `7${national}`;
    default: return `+7${national}`;
  }
}
