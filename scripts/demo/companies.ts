/**
 * Companies the distributor sells to or calls: a unique name (as the CRM and as 1C write it),
 * a valid unique ИНН, a unique phone and maybe an e-mail. Also hands out fresh phone numbers
 * for cold calls, so a cold-called number never belongs to an existing client by accident.
 */
import type { Rng } from './rng.js';
import type { Segment } from './types.js';
import {
  NAME_ROOTS,
  NAME_SUFFIXES,
  NAME_TAILS,
  collisionKey,
  innWithCheckDigit,
  schoolOrgs,
  stateOrgs,
  translit,
  type OrgName,
} from './names.js';

/** One simulated organisation. */
export interface Company {
  id: number;
  segment: Segment;
  /** How the CRM usually shows it: `ООО «Вектор Трейд»`. */
  crmName: string;
  /** Other spellings a manager types now and then (`Вектор Трейд ООО`, `ООО "Вектор Трейд"`). */
  crmVariants: readonly string[];
  /** How 1C names the counterparty: `Вектор Трейд ООО`. */
  oneCName: string;
  inn: string;
  /** Whether managers filled in the ИНН in the CRM (if not, CRM and 1C join by name). */
  innInCrm: boolean;
  /** Whether the 1C counterparty card has the ИНН (a few were entered in a hurry). */
  innIn1C: boolean;
  /** National 10-digit number. */
  phone: string;
  /** How this company's phone is typed into the CRM (see formatCrmPhone). */
  phoneStyle: number;
  email: string | null;
}

const MOBILE_CODES = ['903', '905', '915', '916', '925', '926', '929', '977', '985', '999'];
const MAIL_BOXES = ['info', 'zakaz', 'office', 'snab', 'mail', 'sales', 'buh'];

/** Creates unique companies and phone numbers from one random stream. */
export class CompanyFactory {
  private nextId = 1;
  private readonly names = new Set<string>();
  private readonly inns = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** A phone number nobody in the simulation has used yet. */
  freshPhone(mobileShare = 0.45): string {
    for (;;) {
      const rng = this.rng;
      const prefix = rng.chance(mobileShare) ? rng.pick(MOBILE_CODES) : rng.pick(['495', '499']);
      const digits = prefix + String(rng.int(2, 9)) + String(rng.int(0, 999_999)).padStart(6, '0');
      if (!this.phones.has(digits)) {
        this.phones.add(digits);
        return digits;
      }
    }
  }

  /** A new company of the given segment; `phone` when its number is already known (a cold call). */
  create(segment: Segment, phone?: string): Company {
    const rng = this.rng;
    const naming =
      segment === 'Госсектор' ? this.stateName() : segment === 'Образование' ? this.schoolName() : this.businessName(segment);
    const publicBody = segment === 'Госсектор' || segment === 'Образование';
    return {
      id: this.nextId++,
      segment,
      crmName: naming.crm,
      crmVariants: naming.variants,
      oneCName: naming.oneC,
      inn: this.freshInn(naming.region),
      // Tenders need the ИНН, so public bodies almost always have it in the CRM.
      innInCrm: rng.chance(publicBody ? 0.95 : 0.8),
      innIn1C: rng.chance(0.97),
      phone: phone ?? this.freshPhone(publicBody ? 0.1 : 0.45),
      phoneStyle: rng.int(0, 4),
      email: rng.chance(0.75) ? `${naming.mailbox}@${naming.domain}` : null,
    };
  }

  private freshInn(region: string): string {
    for (;;) {
      const office = String(this.rng.int(1, 45)).padStart(2, '0');
      const serial = String(this.rng.int(0, 99_999)).padStart(5, '0');
      const inn = innWithCheckDigit(region + office + serial);
      if (!this.inns.has(inn)) {
        this.inns.add(inn);
        return inn;
      }
    }
  }

  /** Claims a name; false when another company already normalizes to the same key. */
  private claim(key: string): boolean {
    if (this.names.has(key)) return false;
    this.names.add(key);
    return true;
  }

  private region(): string {
    return this.rng.weighted<string>([['77', 55], ['50', 30], ['78', 5], ['71', 3], ['40', 3], ['69', 2], ['33', 2]]);
  }

  private businessName(segment: Segment): Naming {
    const rng = this.rng;
    for (let attempt = 0; attempt < 500; attempt++) {
      const root = rng.pick(NAME_ROOTS);
      const suffix = rng.pick(NAME_SUFFIXES);
      const joiner = suffix === '' ? '' : rng.pick(['', ' ', '-']);
      const base = root + joiner + suffix + rng.pick(NAME_TAILS);
      if (!this.claim(collisionKey(base))) continue;
      const form =
        segment === 'Крупный бизнес'
          ? rng.weighted<string>([['ООО', 60], ['АО', 30], ['ПАО', 10]])
          : rng.weighted<string>([['ООО', 92], ['АО', 8]]);
      return {
        crm: `${form} «${base}»`,
        variants: [`${base} ${form}`, `${form} "${base}"`, `${form} «${base.toUpperCase()}»`],
        oneC: `${base} ${form}`,
        region: this.region(),
        mailbox: rng.pick(MAIL_BOXES),
        domain: `${translit(base)}${rng.chance(0.85) ? '.ru' : '.com'}`,
      };
    }
    throw new Error('demo: ran out of business names; enlarge the word lists in names.ts');
  }

  /** Public bodies and schools come from finite shuffled lists: each is used at most once. */
  private statePool: OrgName[] | null = null;
  private schoolPool: OrgName[] | null = null;

  private stateName(): Naming {
    this.statePool ??= this.rng.shuffle(stateOrgs());
    return this.fromPool(this.statePool, 'public-sector');
  }

  private schoolName(): Naming {
    this.schoolPool ??= this.rng.shuffle(schoolOrgs());
    return this.fromPool(this.schoolPool, 'school');
  }

  private fromPool(pool: OrgName[], what: string): Naming {
    for (let org = pool.pop(); org !== undefined; org = pool.pop()) {
      if (!this.claim(collisionKey(org.crm))) continue;
      return { crm: org.crm, variants: org.variants, oneC: org.oneC, region: org.region, mailbox: org.mailbox, domain: org.domain };
    }
    throw new Error(`demo: ran out of ${what} names; enlarge the lists in names.ts`);
  }
}

interface Naming {
  crm: string;
  variants: string[];
  oneC: string;
  region: string;
  mailbox: string;
  domain: string;
}
