/**
 * One CSV/XLSX row → a lead (SPEC §2). Parsing only; required-field checks happen after merging
 * by id (SPEC §2: "Required fields are checked on the merged record").
 */
import type { RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import type { Lead } from '../types.js';
import { DateCell, NumberCell, readText } from '../../app/cells.js';
import { normalizeClientId, normalizeEmail } from '../../values/client.js';
import { normalizePhone } from '../../values/phone.js';
import { tryCents } from '../../values/numbers.js';
import { colRef, RowIssues, type ColumnRef, type FileRef } from './context.js';
import type { NormalizeSettings } from './settings.js';

/** A lead before validation: `createdAt` may be missing (a closed-deals list). */
export type PartialLead = Omit<Lead, 'createdAt'> & { createdAt: number | null };

export type LeadColumns = Partial<Record<'id' | 'created_at' | 'channel' | 'direction' | 'client' | 'client_id' | 'phone' | 'email' | 'manager' | 'segment' | 'status' | 'won_at' | 'amount', number>>;

export interface DateFormats {
  /** Declared date formats for a field, or null to detect. */
  (field: string): readonly string[] | null;
}

/** Compiled per file: column parsers with their detection state. */
export class LeadNormalizer {
  private readonly created: DateCell;
  private readonly wonAt: DateCell;
  private readonly amount: NumberCell;
  private readonly refs: Record<string, ColumnRef | null> = {};

  constructor(
    private readonly cols: LeadColumns,
    headers: readonly string[] | null,
    private readonly s: NormalizeSettings,
    formats: DateFormats,
    decimal: ',' | '.' | null,
    private readonly file: FileRef,
  ) {
    this.created = new DateCell(s.tz, formats('created_at'));
    this.wonAt = new DateCell(s.tz, formats('won_at'));
    this.amount = new NumberCell(decimal);
    for (const [f, i] of Object.entries(cols)) this.refs[f] = colRef(headers, i);
  }

  /** Feed detection (all rows, in order, before parse of undecided columns). */
  observe(row: RawRow): void {
    const c = this.cols;
    if (c.created_at !== undefined) this.created.observe(row.cells[c.created_at] ?? null, this.s.isNull);
    if (c.won_at !== undefined) this.wonAt.observe(row.cells[c.won_at] ?? null, this.s.isNull);
    if (c.amount !== undefined) this.amount.observe(row.cells[c.amount] ?? null, this.s.isNull);
  }

  /** Columns that still lack evidence to parse (slashed dates all ≤ 12, ambiguous decimal marks). */
  undecided(): string[] {
    const out: string[] = [];
    if (this.cols.created_at !== undefined && this.created.undecided) out.push('created_at');
    if (this.cols.won_at !== undefined && this.wonAt.undecided) out.push('won_at');
    if (this.cols.amount !== undefined && this.amount.undecided) out.push('amount');
    return out;
  }

  formatOf(field: string): string | null {
    if (field === 'created_at') return this.created.col.format();
    if (field === 'won_at') return this.wonAt.col.format();
    if (field === 'amount') return this.amount.col.format();
    return null;
  }

  normalize(row: RawRow, out: RowIssues): PartialLead {
    const c = this.cols;
    const s = this.s;
    const cell = (i: number | undefined) => (i === undefined ? null : row.cells[i] ?? null);
    const text = (i: number | undefined): string | null => {
      if (i === undefined) return null;
      const t = readText(cell(i));
      return t === '' || s.isNull(t) ? null : t;
    };
    // group fields keep null-like text as written (SPEC §2: `NA` may be North America)
    const groupText = (i: number | undefined): string | null => {
      if (i === undefined) return null;
      const t = readText(cell(i));
      return t === '' ? null : t;
    };

    let createdAt: number | null = null;
    if (c.created_at !== undefined) {
      const v = this.created.read(cell(c.created_at), s.isNull);
      if (v.ok) createdAt = v.wall;
      else if (!v.empty) out.reject('bad_date', this.refs.created_at!, cellText(cell(c.created_at)), `a date (${this.created.col.format() ?? 'dd.MM.yyyy, yyyy-MM-dd, …'})`, 'set `date_format:` for this source if the column uses another form');
    }

    let wonAt: number | null = null;
    if (c.won_at !== undefined) {
      const v = this.wonAt.read(cell(c.won_at), s.isNull);
      if (v.ok) wonAt = v.wall;
      else if (!v.empty) out.badOptional(this.refs.won_at!, cell(c.won_at), 'a date');
    }

    let amount: number | null = null;
    if (c.amount !== undefined) {
      const v = this.amount.read(cell(c.amount), s.isNull);
      if (v.ok) amount = tryCents(v.value);
      else if (!v.empty) out.badOptional(this.refs.amount!, cell(c.amount), 'an amount such as 1 234,56 or 1234.56');
    }

    const channelRaw = groupText(c.channel);
    const rule = s.channel(channelRaw);
    let direction: 'inbound' | 'outbound' = rule.direction ?? 'inbound';
    if (c.direction !== undefined) {
      const raw = readText(cell(c.direction));
      if (raw !== '' && !s.isNull(raw)) {
        const d = s.direction(raw);
        if (d === 'inbound' || d === 'outbound') direction = d;
        else out.warn('unknown_direction', this.refs.direction!, raw, `found ${JSON.stringify(raw)}, expected inbound or outbound; the channel rule or inbound is used`, 'add the value to `direction_values:` of this source');
      }
    }

    let clientId: string | null = null;
    const cidText = text(c.client_id);
    if (cidText !== null) clientId = normalizeClientId(cidText);

    let phone: string | null = null;
    const ph = text(c.phone);
    if (ph !== null) {
      const p = normalizePhone(ph, s.defaultCountry);
      if (p.kind === 'invalid') out.warn('phone_invalid', this.refs.phone!, ph, `found ${JSON.stringify(ph)}, not a valid phone number; kept as digits`);
      phone = p.value;
    }
    const em = text(c.email);
    const email = em === null ? null : normalizeEmail(em);

    const status = groupText(c.status);
    let won = status !== null ? s.isWon(status) : false;
    if (wonAt !== null && wonAt >= s.todayEndWall) {
      out.warn('future_won_at', this.refs.won_at!, cellText(cell(c.won_at)), 'a won date after --today does not make a lead won (planned close date?)');
    } else if (status === null && wonAt !== null) won = true;

    return {
      id: text(c.id),
      createdAt,
      channelRaw,
      channel: rule.channel,
      direction,
      client: text(c.client),
      clientId,
      phone,
      email,
      manager: s.manager(groupText(c.manager)),
      segment: cleanSegment(groupText(c.segment)),
      status,
      won,
      wonAt,
      amount,
      excluded: status !== null && s.isExcluded(status),
      origin: { file: this.file.file, sheet: this.file.sheet, line: row.line },
    };
  }
}

function cleanSegment(s: string | null): string {
  if (s === null) return '(none)';
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? '(none)' : t;
}
