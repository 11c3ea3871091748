import { describe, expect, it } from 'vitest';
import { detectHeaderlessProfile, profileColumns } from '../../src/mapping/profiles.js';
import { findHeaderRow } from '../../src/mapping/header-row.js';
import { HAVE_SHARED, allRecords, requireSharedData } from './shared-data.js';

/** A stock cdr_csv row (18 fields) as Asterisk writes it. */
function stockRow(i: number, disposition: string, billsec: number): string[] {
  return ['', `10${i}`, '79161234567', 'from-internal', `"Ivan" <10${i}>`, `PJSIP/10${i}-0000000${i}`, 'PJSIP/trunk-00000001', 'Dial',
    'PJSIP/79161234567@trunk', `2026-05-0${i} 10:00:00`, billsec ? `2026-05-0${i} 10:00:05` : '', `2026-05-0${i} 10:01:00`,
    String(billsec + 5), String(billsec), disposition, 'DOCUMENTATION', `17000000${i}.${i}`, ''];
}

describe('profileColumns', () => {
  it.each([
    [18, { from: 1, to: 2, context: 3, started_at: 9, duration_s: 13, status: 14, id: 16 }],
    [21, { from: 1, to: 2, context: 3, started_at: 9, duration_s: 13, status: 14, id: 19 }],
  ])('asterisk-cdr with %i fields', (n, cols) => {
    expect(profileColumns('asterisk-cdr', n)).toEqual(cols);
  });

  it('other widths and unknown profiles do not fit', () => {
    expect(profileColumns('asterisk-cdr', 19)).toBeNull();
    expect(profileColumns('mango', 18)).toBeNull();
  });
});

describe('detectHeaderlessProfile', () => {
  it('recognises the stock 18-field order and says so', () => {
    const rows = [stockRow(1, 'ANSWERED', 42), stockRow(2, 'NO ANSWER', 0), stockRow(3, 'BUSY', 0)];
    expect(findHeaderRow(rows)).toBe(-1);
    const p = detectHeaderlessProfile(rows);
    expect(p).toEqual({ profile: 'asterisk-cdr', fieldCount: 18, stockOrder: true, fields: profileColumns('asterisk-cdr', 18) });
  });

  it('in the 21-field variant, linkedid (shared by legs) outranks uniqueid', () => {
    const rows = [1, 2, 3].map((i) => [...stockRow(i, 'ANSWERED', 10), '', '1700000001.1', String(i)]);
    const p = detectHeaderlessProfile(rows)!;
    expect(p.fields.id).toBe(19);
    expect(p.stockOrder).toBe(true);
  });

  it('returns null for rows without a disposition column', () => {
    expect(detectHeaderlessProfile([['1', '2026-05-01', '100'], ['2', '2026-05-02', '200']])).toBeNull();
    expect(detectHeaderlessProfile([])).toBeNull();
  });
});

requireSharedData('the Asterisk cdr_custom profile');

describe.skipIf(!HAVE_SHARED)('shared asterisk-cdr-pjsip/Master.csv (19 fields, clid first)', () => {
  it('is headerless and recognised from its content', () => {
    const rows = allRecords('asterisk-cdr-pjsip/Master.csv').filter((r) => r.some((c) => c !== ''));
    expect(findHeaderRow(rows)).toBe(-1);
    const p = detectHeaderlessProfile(rows)!;
    expect(p).not.toBeNull();
    expect(p.fieldCount).toBe(19);
    expect(p.stockOrder).toBe(false);
    expect(p.fields).toEqual({ from: 1, to: 2, context: 3, started_at: 8, duration_s: 12, status: 13, id: 16 });
    const first = rows[0]!;
    expect(first[p.fields.started_at!]).toBe('2023-07-26 01:51:32');
    expect(first[p.fields.duration_s!]).toBe('13'); // billsec, not the 31 s of ring + talk
    expect(first[p.fields.id!]).toBe('1690325492.2');
  });
});
