import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/records/types.js';
import { mapByAliases, mapExplicit } from '../../src/mapping/map-columns.js';
import { ALIAS_DATA } from '../../src/mapping/alias-table.js';
import { normalizeHeader } from '../../src/mapping/header.js';
import { KpiError } from '../../src/errors/kpi-error.js';

const ctx = { file: 'deals.csv', sheet: null, headerLine: 3 };

describe('mapByAliases', () => {
  it('keeps the first of repeated headers and warns duplicate_header at the header line', () => {
    const headers = ['ID', 'Дата создания сделки', 'Источник', 'roistat', 'Источник', 'roistat'];
    const m = mapByAliases(headers, 'leads', ctx);
    expect(m.fields.channel).toBe(2);
    expect(m.byIndex[4]).toBeNull();
    const dup = m.issues.filter((i) => i.code === 'duplicate_header');
    // Only the repeated column that matters is reported; a repeated unused `roistat` is not noise.
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ severity: 'warning', file: 'deals.csv', line: 3, column: 'Источник', columnIndex: 5 });
  });

  it('earliest alias wins over position: billsec beats a leftmost duration', () => {
    const m = mapByAliases(['calldate', 'duration', 'billsec', 'disposition'], 'calls', ctx);
    expect(m.fields.duration_s).toBe(2);
    expect(m.byIndex[1]).toBeNull();
  });

  it('equal rank → leftmost column and column_ambiguous', () => {
    const m = mapByAliases(['Дата создания', 'Billing Phone', 'Shipping Phone'], 'leads', ctx);
    expect(m.fields.phone).toBe(1);
    const amb = m.issues.filter((i) => i.code === 'column_ambiguous');
    expect(amb).toHaveLength(1);
    expect(amb[0]!.message).toContain('Shipping Phone');
    expect(amb[0]).toMatchObject({ column: 'Billing Phone', columnIndex: 2, line: 3 });
  });

  it('an exact alias beats a substring one without a warning', () => {
    const m = mapByAliases(['Дата создания', 'Billing Phone', 'Мобильный телефон'], 'leads', ctx);
    expect(m.fields.phone).toBe(2);
    expect(m.issues).toEqual([]);
  });

  it('a column maps to at most one field', () => {
    // `Ответственный` is a manager alias; `Клиент` a client one — and no column is reused.
    const m = mapByAliases(['Дата', 'Клиент', 'Ответственный', 'Сумма'], 'invoices', ctx);
    const used = Object.values(m.fields);
    expect(new Set(used).size).toBe(used.length);
  });

  it.each([
    ['answered', 'flag'],
    ['is_lost', 'inverted'],
    ['missed_call_reason', 'missed_if_filled'],
    ['time-answered', 'answered_if_filled'],
  ])('calls %s column reads as %s', (header, read) => {
    const m = mapByAliases(['start', header], 'calls', ctx);
    expect(m.fields.answered).toBe(1);
    expect(m.answeredRead).toBe(read);
  });

  it('reports which alias matched, for inspect', () => {
    const m = mapByAliases(['*InvoiceDate', 'Total'], 'invoices', ctx);
    expect(m.matched).toEqual({ date: 'InvoiceDate', amount: 'Total' });
  });

  // The "not"s of the brief and EXPORT-FORMATS: each listed header, alone or with others,
  // never lands in the field it is a false friend of.
  describe.each(KINDS)('never-aliases of %s', (kind) => {
    const never = Object.entries(ALIAS_DATA[kind].never) as [string, string[]][];
    it.each(never.flatMap(([field, hs]) => hs.map((h) => [field, h] as const)))('%s ≠ %j', (field, header) => {
      const m = mapByAliases([header, `${header} extra`, 'x'], kind, ctx);
      expect(m.fields[field as keyof typeof m.fields]).toBeUndefined();
    });
  });

  it('alias lists never contain a header that is also in the same field\'s never list', () => {
    for (const kind of KINDS) {
      const data = ALIAS_DATA[kind];
      for (const [field, entries] of Object.entries(data.fields)) {
        const never = new Set(((data.never as Record<string, string[]>)[field] ?? []).map(normalizeHeader));
        for (const e of entries as (string | { header?: string })[]) {
          const h = typeof e === 'string' ? e : e.header;
          if (h !== undefined) expect(never.has(normalizeHeader(h)), `${kind}.${field}: ${h}`).toBe(false);
        }
      }
    }
  });
});

describe('mapExplicit (Decision #18)', () => {
  const headers = ['Дата создания', 'Источник', 'Ответственный', 'Компания', 'Стадия', 'Телефон'];

  it('maps exactly the named columns, headers matched after normalization, integers 1-based', () => {
    const m = mapExplicit(headers, 'leads', { created_at: 'дата  СОЗДАНИЯ', channel: 2, client: 'Компания' }, ctx);
    expect(m.fields).toEqual({ created_at: 0, channel: 1, client: 3 });
    // Nothing else is auto-mapped, though `Телефон` and `Ответственный` are aliases.
    expect(m.byIndex).toEqual(['created_at', 'channel', null, 'client', null, null]);
    expect(m.issues).toEqual([]);
  });

  it('a missing required column is exit 3, column_missing, naming file, header wanted and headers seen', () => {
    let err: unknown;
    try {
      mapExplicit(headers, 'leads', { created_at: 'Created', channel: 'Источник' }, ctx);
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(KpiError);
    const k = err as KpiError;
    expect(k.exitCode).toBe(3);
    expect(k.issue?.code).toBe('column_missing');
    expect(k.message).toContain('deals.csv');
    expect(k.message).toContain('"Created"');
    expect(k.message).toContain('"Дата создания"');
  });

  it('a missing optional column is a warning and the field stays unmapped', () => {
    const m = mapExplicit(headers, 'leads', { created_at: 1, segment: 'Сегмент' }, ctx);
    expect(m.fields).toEqual({ created_at: 0 });
    expect(m.issues.map((i) => i.code)).toEqual(['column_missing_optional']);
    expect(m.issues[0]).toMatchObject({ severity: 'warning', column: '"Сегмент"', line: 3 });
  });

  it('an invoice alternative that is met elsewhere makes a missing column optional', () => {
    const m = mapExplicit(['Дата', 'ИНН', 'Сумма'], 'invoices', { date: 1, client: 'Контрагент', client_id: 2, amount: 3 }, ctx);
    expect(m.fields).toEqual({ date: 0, client_id: 1, amount: 2 });
    expect(m.issues.map((i) => i.code)).toEqual(['column_missing_optional']);
    expect(() => mapExplicit(['Дата', 'Сумма'], 'invoices', { date: 1, client: 'Контрагент', amount: 2 }, ctx))
      .toThrow(/Контрагент/);
  });

  it('an index past the last column counts as missing', () => {
    expect(() => mapExplicit(headers, 'leads', { created_at: 9 }, ctx)).toThrow(KpiError);
  });

  it('headerless files take indexes only; a header name there is a config error (exit 2)', () => {
    const m = mapExplicit(null, 'calls', { started_at: 10, from: 2, to: 3 }, ctx);
    expect(m.fields).toEqual({ started_at: 9, from: 1, to: 2 });
    expect(m.byIndex).toHaveLength(10);
    try {
      mapExplicit(null, 'calls', { started_at: 'start' }, ctx);
      expect.unreachable();
    } catch (e) {
      expect((e as KpiError).exitCode).toBe(2);
    }
  });

  it('rejects unknown fields and two fields on one column (exit 2)', () => {
    expect(() => mapExplicit(headers, 'leads', { created: 1 }, ctx)).toThrow(/not a field of leads/);
    expect(() => mapExplicit(headers, 'leads', { created_at: 1, won_at: 'Дата создания' }, ctx)).toThrow(/both name column 1/);
  });

  it('an explicitly named is_lost column still reads inverted', () => {
    const m = mapExplicit(['start_time', 'is_lost'], 'calls', { started_at: 1, answered: 'is_lost' }, ctx);
    expect(m.answeredRead).toBe('inverted');
  });
});
