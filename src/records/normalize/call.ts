/**
 * One row → a call leg (SPEC §2 calls, SPEC-DECISIONS #11(c), #20, #21, #56). Legs sharing an id
 * are merged later (src/records/normalize/merge.ts).
 */
import type { RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import type { Call, CallDirection } from '../types.js';
import { DateCell, readDuration, readText } from '../../app/cells.js';
import { normalizePhone } from '../../values/phone.js';
import { parseBool } from '../../values/bool.js';
import { wallToInstant } from '../../values/timezone.js';
import { colRef, RowIssues, type ColumnRef, type FileRef } from './context.js';
import type { NormalizeSettings } from './settings.js';
import type { DateFormats } from './lead.js';

export type PartialCall = Omit<Call, 'startedAt' | 'startedAtUtc' | 'direction'> & {
  startedAt: number | null;
  startedAtUtc: number | null;
  direction: CallDirection | null;
};

export type CallColumns = Partial<Record<'id' | 'started_at' | 'direction' | 'from' | 'to' | 'duration_s' | 'answered' | 'status' | 'manager' | 'tracking_number', number>>;

export class CallNormalizer {
  private readonly started: DateCell;
  private readonly refs: Record<string, ColumnRef | null> = {};
  /** True when nothing in this source tells whether a call was answered. */
  readonly answeredUnknown: boolean;

  constructor(
    private readonly cols: CallColumns,
    headers: readonly string[] | null,
    private readonly s: NormalizeSettings,
    formats: DateFormats,
    private readonly file: FileRef,
    /** How the `answered` column reads (flag, inverted `is_lost`, non-empty missed reason…). */
    private readonly readAnswered: (s: string) => boolean | null = parseBool,
  ) {
    this.started = new DateCell(s.tz, formats('started_at'));
    for (const [f, i] of Object.entries(cols)) this.refs[f] = colRef(headers, i);
    this.answeredUnknown = cols.answered === undefined && cols.status === undefined && cols.duration_s === undefined;
  }

  observe(row: RawRow): void {
    if (this.cols.started_at !== undefined) this.started.observe(row.cells[this.cols.started_at] ?? null, this.s.isNull);
  }

  undecided(): string[] {
    return this.cols.started_at !== undefined && this.started.undecided ? ['started_at'] : [];
  }

  formatOf(field: string): string | null {
    return field === 'started_at' ? this.started.col.format() : null;
  }

  normalize(row: RawRow, out: RowIssues): PartialCall {
    const c = this.cols;
    const s = this.s;
    const cell = (i: number | undefined) => (i === undefined ? null : row.cells[i] ?? null);
    const text = (i: number | undefined): string | null => {
      if (i === undefined) return null;
      const t = readText(cell(i));
      return t === '' || s.isNull(t) ? null : t;
    };

    let startedAt: number | null = null;
    if (c.started_at !== undefined) {
      const v = this.started.read(cell(c.started_at), s.isNull);
      if (v.ok) startedAt = v.wall;
      else if (!v.empty) out.reject('bad_date', this.refs.started_at!, cellText(cell(c.started_at)), `a date and time (${this.started.col.format() ?? 'yyyy-MM-dd HH:mm:ss, dd.MM.yyyy HH:mm, …'})`, 'set `date_format:` for this source if the column uses another form');
    }

    const fromRaw = text(c.from);
    const toRaw = text(c.to);
    let direction: CallDirection | null = null;
    if (c.direction !== undefined) {
      const raw = readText(cell(c.direction));
      if (raw !== '' && !s.isNull(raw)) direction = s.direction(raw);
      if (direction === null && raw !== '' && !s.isInternal) {
        out.reject('call_direction_unknown', this.refs.direction!, raw, 'inbound, outbound or internal (Входящий, Исходящий, …)', 'add the value to `direction_values:` of this source, or set `internal_numbers:`');
      }
    }
    if (direction === null && s.isInternal) {
      const fi = fromRaw !== null && s.isInternal(fromRaw);
      const ti = toRaw !== null && s.isInternal(toRaw);
      if (fi && ti) direction = 'internal';
      else if (fi) direction = 'outbound';
      else if (ti) direction = 'inbound';
    }
    if (direction === null) {
      out.reject('call_direction_unknown', this.refs.direction ?? this.refs.from ?? null, `${fromRaw ?? ''} → ${toRaw ?? ''}`, 'one side to be an internal number', 'check `internal_numbers:` (regexes matched on the raw numbers, e.g. "^1\\\\d\\\\d$")');
    }

    const from = fromRaw === null ? { kind: 'anonymous' as const, value: null } : normalizePhone(fromRaw, s.defaultCountry);
    const to = toRaw === null ? null : normalizePhone(toRaw, s.defaultCountry).value;

    let durationS: number | null = null;
    if (c.duration_s !== undefined) {
      const v = readDuration(cell(c.duration_s), s.isNull);
      if (v.ok) durationS = v.value;
      else if (!v.empty) out.badOptional(this.refs.duration_s!, cell(c.duration_s), 'seconds or HH:MM:SS');
    }

    let answered: boolean | null = null;
    if (c.answered !== undefined) {
      // an empty cell means something for `missed_call_reason`-style columns, so the reader decides
      const raw = text(c.answered) ?? '';
      answered = this.readAnswered(raw);
      if (answered === null && raw !== '') out.badOptional(this.refs.answered!, cell(c.answered), 'yes/no, true/false, 1/0, да/нет');
    }
    if (answered === null && c.status !== undefined) {
      const st = readText(cell(c.status));
      if (st !== '') answered = s.isAnswered(st);
    }
    if (answered === null && durationS !== null) answered = durationS > 0;

    let managerRaw = text(c.manager);
    if (managerRaw === null && c.manager === undefined) {
      // Decision #11(c): no manager column → the internal side's number
      managerRaw = direction === 'inbound' ? toRaw : fromRaw;
    }
    const tracking = text(c.tracking_number);
    const trackingNorm = tracking === null ? null : normalizePhone(tracking, s.defaultCountry).value;

    return {
      id: text(c.id),
      startedAt,
      startedAtUtc: startedAt === null ? null : wallToInstant(startedAt, s.tz),
      direction,
      from: from.value,
      to,
      fromAnonymous: from.kind === 'anonymous',
      answered,
      durationS,
      manager: s.manager(managerRaw),
      trackingNumber: trackingNorm,
      channel: s.channel(trackingNorm).channel,
      origin: { file: this.file.file, sheet: this.file.sheet, line: row.line },
    };
  }
}
