/**
 * The columnar record store (src/records/table): dictionaries, the three tables' round trip to
 * objects, reordering, hand-over between threads (export → append with dictionary remapping),
 * and the id index behind merging.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { StringDict, flatten } from '../../src/records/table/dict.js';
import { LeadTable } from '../../src/records/table/lead-table.js';
import { CallTable } from '../../src/records/table/call-table.js';
import { InvoiceTable } from '../../src/records/table/invoice-table.js';
import { IdIndex } from '../../src/records/table/id-index.js';
import { dottedId, numericId, TEXT_ID_BASE } from '../../src/records/table/id-keys.js';
import { call, inv, lead } from '../kpi/factories.js';

describe('StringDict', () => {
  it('gives equal texts one id, in first-seen order, and -1 to null', () => {
    const d = new StringDict();
    expect([d.id('b'), d.id('a'), d.id('b'), d.id(null)]).toEqual([0, 1, 0, -1]);
    expect(d.values).toEqual(['b', 'a']);
    expect([d.value(1), d.value(-1), d.find('a'), d.find('zz')]).toEqual(['a', null, 1, -1]);
  });

  it('stores a copy equal to a slice of a big string', () => {
    const big = 'ООО «Ромашка-Сервис» '.repeat(1000);
    const slice = big.slice(21, 60);
    expect(flatten(slice)).toBe(slice);
    const d = new StringDict();
    expect(d.value(d.id(slice))).toBe(slice);
  });
});

describe('numericId', () => {
  it.each([
    ['123456', 123456],
    ['0', 0],
    ['999999999999999', 999999999999999],
  ])('%s is the number %d', (text, n) => expect(numericId(text)).toBe(n));
  it.each(['0123', '1234567890123456', '12a', '', '-5', '1.5', ' 12'])('%j stays text', (text) => expect(numericId(text)).toBeNaN());
});

describe('tables round-trip records', () => {
  it('leads: every field, ids numeric and text, placeholders', () => {
    const leads = [
      lead('2026-10-01 10:00', { id: '100', channelRaw: 'yandex', channel: 'Ads', direction: 'outbound', client: 'Ромашка', clientId: '7701', phone: '+79120000001', email: 'a@b.ru', manager: 'Ann', segment: 'SMB', status: 'Won', won: true, wonAt: 1_000, amount: 12_345, excluded: false }),
      lead('2026-10-02', { id: 'L-7', excluded: true }),
      lead('2026-10-03'),
    ];
    const t = LeadTable.from(leads);
    expect(t.toArray()).toEqual(leads);
    expect([t.idOf(0), t.idOf(1), t.idOf(2)]).toEqual(['100', 'L-7', null]);
    expect([t.hasId(0), t.hasId(1), t.hasId(2)]).toEqual([true, true, false]);
  });

  it('calls: direction, answered (unknown too), duration, tracking', () => {
    const calls = [
      call('2026-10-01 09:00', { id: 'c1', direction: 'outbound', answered: null, durationS: null, trackingNumber: '+74950000000', channel: 'Ads' }),
      call('2026-10-01 09:05', { direction: 'internal', from: null, fromAnonymous: true, answered: false }),
    ];
    expect(CallTable.from(calls).toArray()).toEqual(calls);
  });

  it('invoice lines: cost and paid date may be unknown; numbers are trimmed', () => {
    const lines = [inv('2026-10-01', 'Alpha', 100, { number: '001', cost: null, paidAt: 5 }), inv('2026-10-02', 'Beta', -5, { number: null, void: true, segment: 'Retail', status: 'Отменён' })];
    expect(InvoiceTable.from(lines).toArray()).toEqual(lines);
    expect(InvoiceTable.from([inv('2026-10-01', 'A', 1, { number: ' 7 ' })]).get(0).number).toBe('7');
  });

  it('select keeps the records in the given order, ids included', () => {
    const t = LeadTable.from([lead('2026-10-01', { id: '1' }), lead('2026-10-02', { id: 'x-2' }), lead('2026-10-03')]);
    t.select(Int32Array.from([2, 1]));
    expect(t.length).toBe(2);
    expect(t.toArray().map((l) => [l.id, l.createdAt])).toEqual([[null, lead('2026-10-03').createdAt], ['x-2', lead('2026-10-02').createdAt]]);
  });

  it('grows past its first capacity and by reserve, keeping every value', () => {
    const many = Array.from({ length: 5000 }, (_, i) => inv('2026-10-01', `C${i % 37}`, i + 1, { number: String(i) }));
    const t = InvoiceTable.from(many);
    t.reserve(20_000);
    expect(t.length).toBe(5000);
    expect(t.toArray()).toEqual(many);
  });

  it('grows geometrically when each of many small files reserves its rows', () => {
    // 2,000 daily exports reserve a few rows each: growing to the exact sum copied every column per file
    const t = InvoiceTable.from([]);
    const capacity = () => (t as unknown as { capacity: number }).capacity;
    const seen = new Set<number>();
    for (let f = 1; f <= 2000; f++) {
      t.reserve(f * 50);
      seen.add(capacity());
      expect(capacity()).toBeGreaterThanOrEqual(f * 50);
    }
    expect(seen.size).toBeLessThanOrEqual(1 + Math.ceil(Math.log(2000) / Math.log(1.5))); // 20 sizes, not 2,000
  });
});

describe('export and append (a worker hands its part over)', () => {
  it('appends records with their dictionary ids mapped to the receiving table', () => {
    const a = LeadTable.from([lead('2026-10-01', { id: '1', manager: 'Ann', client: 'Alpha' })]);
    const partLeads = [lead('2026-10-02', { id: '2', manager: 'Bob', client: 'Alpha' }), lead('2026-10-03', { id: 'T-3', manager: 'Ann' }), lead('2026-10-04')];
    const b = LeadTable.from(partLeads);
    const source = a.addSource('leads.csv', null);
    a.appendState(b.exportState(), [source]);
    expect(a.length).toBe(4);
    expect(a.toArray().slice(1).map(({ origin: _o, ...r }) => r)).toEqual(partLeads.map(({ origin: _o, ...r }) => r));
    expect(a.managers.values).toEqual(['Ann', 'Bob', '(none)']);
    expect([a.idOf(1), a.idOf(2), a.idOf(3)]).toEqual(['2', 'T-3', null]);
  });

  it('maps text ids to the receiving table\'s id dictionary', () => {
    const a = CallTable.from([call('2026-10-01T10:00', { id: 'CA-9' }), call('2026-10-01T11:00', { id: '42' })]);
    const b = CallTable.from([call('2026-10-02T10:00', { id: 'CA-10' }), call('2026-10-02T11:00', { id: 'CA-9' }), call('2026-10-02T12:00')]);
    a.appendState(b.exportState(), [a.addSource('Master.csv', null)]);
    expect([0, 1, 2, 3, 4].map((i) => a.idOf(i))).toEqual(['CA-9', '42', 'CA-10', 'CA-9', null]);
    expect(a.idKeyOf(3)).toBe(a.idKeyOf(0));
    expect(a.idTexts.size).toBe(2);
    expect([a.hasId(2), a.hasId(4)]).toEqual([true, false]);
  });

  it('keeps Asterisk\'s dotted ids as numbers, apart from numeric and text ids, across a hand-over', () => {
    const ids = ['1709633702.9', '1709633702.10', '1709633702.090', '0.0', '4294967295.1048575', '4294967296.1', '1.1048576', '42', 'CA-9'];
    const a = CallTable.from(ids.slice(0, 5).map((id) => call('2026-10-01T10:00', { id })));
    a.appendState(CallTable.from(ids.slice(5).map((id) => call('2026-10-01T11:00', { id }))).exportState(), [a.addSource('b.csv', null)]);
    expect(ids.map((_, i) => a.idOf(i))).toEqual(ids);
    // every id its own key; the dotted ones kept no text (a leading zero, too many seconds or a
    // sequence of 2^20 or more stay text)
    expect(new Set(ids.map((_, i) => a.idKeyOf(i))).size).toBe(ids.length);
    expect(a.idTexts.values).toEqual(['1709633702.090', '4294967296.1', '1.1048576', 'CA-9']);
    expect(ids.map((id, i) => a.findIdKey(id) === a.idKeyOf(i))).toEqual(ids.map(() => true));
    expect([dottedId('1709633702.26'), dottedId('1709633702'), dottedId('.5'), dottedId('5.'), dottedId('1.2.3'), dottedId('a.1')].map((k) => k === k)).toEqual([true, false, false, false, false, false]);
  });

  it('a table without ids allocates no id column, even after appending', () => {
    const a = InvoiceTable.from([inv('2026-10-01', 'A', 1)]);
    a.appendState(InvoiceTable.from([inv('2026-10-02', 'B', 2)]).exportState(), [0]);
    expect(a.idKey).toBeNull();
    expect(a.length).toBe(2);
  });
});

describe('lazy columns (null until a record has a value)', () => {
  const strip = <T extends { origin: unknown }>(rows: T[]) => rows.map(({ origin: _o, ...r }) => r);

  it('stay null while no record has a won date, ИНН, e-mail, cost, paid date or tracking number', () => {
    const leads = LeadTable.from([lead('2026-10-01', { client: 'A' }), lead('2026-10-02', { client: 'B', phone: '+79120000001' })]);
    expect([leads.wonAt, leads.clientId, leads.email]).toEqual([null, null, null]);
    const invoices = InvoiceTable.from([inv('2026-10-01', 'A', 100), inv('2026-10-02', 'B', 200)]);
    expect([invoices.cost, invoices.paidAt, invoices.clientId]).toEqual([null, null, null]);
    expect(CallTable.from([call('2026-10-01 09:00')]).tracking).toBeNull();
    // what is not there reads as "none", never as 0
    expect(leads.get(1)).toMatchObject({ wonAt: null, clientId: null, email: null });
    expect(invoices.get(0)).toMatchObject({ cost: null, paidAt: null, clientId: null });
  });

  it('are made with the first value, every earlier record reading as none, across growth', () => {
    const rows = Array.from({ length: 3000 }, (_, k) =>
      k < 2500 ? lead('2026-10-01', { client: `C${k}` }) : lead('2026-10-02', { client: `C${k}`, clientId: `77${k}`, email: `u${k}@x.ru`, won: true, wonAt: 1_000 + k }),
    );
    const t = LeadTable.from(rows);
    expect(t.wonAt).toBeInstanceOf(Float64Array);
    expect(t.toArray()).toEqual(rows);
    const invs = Array.from({ length: 3000 }, (_, k) => inv('2026-10-01', `C${k}`, 100 + k, k === 2999 ? { cost: 50, paidAt: 7, clientId: '7701' } : {}));
    expect(InvoiceTable.from(invs).toArray()).toEqual(invs);
  });

  it('hand over between tables whichever side made them', () => {
    const bare = [lead('2026-10-01', { id: '1', client: 'A' }), lead('2026-10-02', { id: '2', client: 'B' })];
    const full = [lead('2026-10-03', { id: '3', clientId: '7701', email: 'a@b.ru', won: true, wonAt: 9_000 }), lead('2026-10-04', { id: '4' })];
    // a part with the columns appended to a table without them, then one without to one with
    const a = LeadTable.from(bare);
    a.appendState(LeadTable.from(full).exportState(), [a.addSource('b.csv', null)]);
    a.appendState(LeadTable.from(bare).exportState(), [a.addSource('c.csv', null)]);
    expect(strip(a.toArray())).toEqual(strip([...bare, ...full, ...bare]));
    const b = LeadTable.from(full);
    b.appendState(LeadTable.from(bare).exportState(), [b.addSource('a.csv', null)]);
    expect(strip(b.toArray())).toEqual(strip([...full, ...bare]));
    expect(LeadTable.from(bare).exportState().columns).not.toHaveProperty('wonAt');
    // reordered with a column made and one not
    b.select(Int32Array.from([3, 0]));
    expect(strip(b.toArray())).toEqual(strip([bare[1]!, full[0]!]));
    const calls = [call('2026-10-01 09:00'), call('2026-10-01 10:00', { trackingNumber: '+74950000000', channel: 'Ads' })];
    const c = CallTable.from(calls.slice(0, 1));
    c.appendState(CallTable.from(calls.slice(1)).exportState(), [c.addSource('b.csv', null)]);
    expect(strip(c.toArray())).toEqual(strip(calls));
  });
});

/** An index over an id column the test fills the way a table does: the record right after its claim. */
function indexed(): { x: IdIndex; add: (id: string) => number; get: (id: string) => number } {
  const t = new LeadTable();
  const keys: number[] = [];
  const x = new IdIndex((i) => keys[i] ?? NaN);
  return {
    x,
    add: (id) => {
      const key = t.idKeyFor(id);
      const at = x.claim(key, keys.length);
      keys.push(key);
      return at;
    },
    get: (id) => {
      const key = t.findIdKey(id);
      return key === key ? x.get(key) : -1;
    },
  };
}

describe('IdIndex', () => {
  it('claims each id once, numeric or text', () => {
    const { add, get } = indexed();
    expect([add('100'), add('L-1'), add('100'), add('L-1'), add('0100'), add('1709633702.26'), add('1709633702.260')]).toEqual([-1, -1, 0, 1, -1, -1, -1]);
    expect([get('100'), get('L-1'), get('0100'), get('7'), get('1709633702.26'), get('1709633702.260'), get('L-2')]).toEqual([0, 1, 4, -1, 5, 6, -1]);
  });

  it('keeps text ids apart from every numeric id', () => {
    const t = new LeadTable();
    const keys = ['999999999999999', 'a', '0', 'b', '1'].map((id) => t.idKeyFor(id));
    expect(new Set(keys).size).toBe(5);
    expect(keys[0]).toBeLessThan(TEXT_ID_BASE);
    expect([keys[1], keys[3]]).toEqual([TEXT_ID_BASE, TEXT_ID_BASE + 1]);
    expect(t.findIdKey('c')).toBeNaN();
  });

  it('answers as a Map does for keys sorted either way, then out of order (the table built late)', () => {
    // a sorted run (rising or falling, steps of 1…1000) and then anything, repeats included
    const run = fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 3000 }), fc.boolean());
    const tail = fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 300 });
    fc.assert(
      fc.property(run, tail, fc.boolean(), ([start, step, n, rising], rest, reserve) => {
        const keys: number[] = [];
        const x = new IdIndex((i) => keys[i]!);
        if (reserve) x.reserve(n + rest.length);
        const model = new Map<number, number>();
        const claim = (key: number): void => {
          const want = model.get(key) ?? -1;
          expect(x.claim(key, keys.length)).toBe(want);
          if (want < 0) model.set(key, keys.length);
          keys.push(key);
        };
        for (let k = 0; k < n; k++) claim(rising ? start + k * step : start + (n - k) * step);
        // lookups while the run holds: found by binary search
        for (let k = 0; k < n; k += 97) expect(x.get(keys[k]!)).toBe(k);
        expect(x.get(start + (n + 2) * step + 1)).toBe(model.get(start + (n + 2) * step + 1) ?? -1);
        for (const r of rest) claim(start + r * step);
        for (const [key, at] of model) expect(x.get(key)).toBe(at);
        expect(x.get(-1)).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every id among many, consecutive or strided, across growth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.constantFrom(1, 16, 1024, 65536), (start, stride) => {
        const keys = new Float64Array(3000);
        const x = new IdIndex((i) => keys[i]!);
        const n = 3000;
        for (let k = 0; k < n; k++) {
          expect(x.claim(start + k * stride, k)).toBe(-1);
          keys[k] = start + k * stride;
        }
        for (let k = 0; k < n; k++) expect(x.get(start + k * stride)).toBe(k);
        expect(x.get(start + n * stride)).toBe(-1);
        expect(x.claim(start + stride, n)).toBe(1);
      }),
      { numRuns: 20 },
    );
  });
});

describe('narrow id columns (Int16 until the dictionary outgrows it)', () => {
  // 40,000 distinct managers: past the 32,768 ids an Int16Array holds
  const many = 40_000;
  const leads = Array.from({ length: many + 5 }, (_, k) => lead('2026-10-01', { manager: `M${k % many}`, status: k < 3 ? 'Won' : null, channel: 'Ads' }));

  it('start as Int16Array and become Int32Array without losing a value', () => {
    const small = LeadTable.from(leads.slice(0, 10));
    expect(small.manager).toBeInstanceOf(Int16Array);
    const t = LeadTable.from(leads);
    expect(t.manager).toBeInstanceOf(Int32Array);
    expect(t.status).toBeInstanceOf(Int16Array);
    let wrong = 0;
    for (let i = 0; i < t.length; i++) if (t.managers.value(t.manager[i]!) !== leads[i]!.manager) wrong++;
    expect(wrong).toBe(0);
  });

  it('of a packed dictionary too: 40,000 distinct channels (landing URLs) widen channel and channelRaw', () => {
    const urls = leads.map((l, k) => ({ ...l, channel: `https://example.com/?gclid=${k % many}`, channelRaw: `https://example.com/?gclid=${k % many}` }));
    expect(LeadTable.from(urls.slice(0, 10)).channel).toBeInstanceOf(Int16Array);
    const t = LeadTable.from(urls);
    expect(t.channel).toBeInstanceOf(Int32Array);
    expect(t.channelRaw).toBeInstanceOf(Int32Array);
    let wrong = 0;
    for (let i = 0; i < t.length; i++) if (t.channels.value(t.channel[i]!) !== urls[i]!.channel || t.channels.value(t.channelRaw[i]!) !== urls[i]!.channelRaw) wrong++;
    expect(wrong).toBe(0);
    // appended from another table past the limit at once (a worker part)
    const a = LeadTable.from(urls.slice(0, 30_000));
    a.appendState(LeadTable.from(urls.slice(30_000)).exportState(), [0]);
    expect(a.channel).toBeInstanceOf(Int32Array);
    for (let i = 0; i < a.length; i++) if (a.channels.value(a.channel[i]!) !== urls[i]!.channel) wrong++;
    expect(wrong).toBe(0);
  });

  it('widen while another table is appended to them (a worker part with its own dictionary)', () => {
    const a = LeadTable.from(leads.slice(0, 30_000));
    expect(a.manager).toBeInstanceOf(Int16Array);
    a.appendState(LeadTable.from(leads.slice(30_000)).exportState(), [0]);
    expect(a.manager).toBeInstanceOf(Int32Array);
    expect(a.length).toBe(leads.length);
    let wrong = 0;
    for (let i = 0; i < a.length; i++) if (a.managers.value(a.manager[i]!) !== leads[i]!.manager) wrong++;
    expect(wrong).toBe(0);
  });
});
