import { describe, it, expect } from 'vitest';
import { linkRecords } from '../../src/kpi/link.js';
import type { InvoiceLine, Lead } from '../../src/records/types.js';
import { day, inv, lead } from './factories.js';

const link = (leads: Lead[], invoices: InvoiceLine[], useInvoiceWinRule = true) =>
  linkRecords({ leads, calls: [], invoices }, { conversionWindowDays: 90, useInvoiceWinRule });

describe('client identity in two passes (Decision #5)', () => {
  it('a lead with only a company name adopts the client id its name is linked to', () => {
    const l = link([lead('2026-10-01', { client: 'Ромашка' })], [inv('2026-10-02', 'ООО «Ромашка»', 10, { clientId: '7701234567' })]);
    expect(l.leadClientKey).toEqual(['id:7701234567']);
    expect(l.invoiceClientKey).toEqual(['id:7701234567']);
    expect(l.issues).toEqual([]);
  });

  it('adopts through the phone when the name is not linked, and through the e-mail last', () => {
    const l = link(
      [
        lead('2026-10-01', { client: 'Alpha', clientId: '7701', phone: '+79120000001', email: 'a@alpha.ru' }),
        lead('2026-10-02', { client: 'Alpha Trading', phone: '+79120000001' }),
        lead('2026-10-03', { email: 'A@Alpha.ru' }),
        lead('2026-10-04', { phone: '+79129999999' }),
      ],
      [],
    );
    expect(l.leadClientKey).toEqual(['id:7701', 'id:7701', 'id:7701', 'phone:+79129999999']);
  });

  it('a name linked to two client ids stays name-keyed, with one client_ambiguous warning', () => {
    const l = link(
      [lead('2026-10-01', { client: 'Ромашка' }), lead('2026-10-02', { client: 'ООО Ромашка' })],
      [inv('2026-10-02', 'Ромашка', 10, { clientId: '7701' }), inv('2026-10-03', 'Ромашка', 10, { clientId: '7702' })],
    );
    expect(l.invoiceClientKey).toEqual(['id:7701', 'id:7702']); // two client ids never merge
    expect(l.leadClientKey[0]).toBe(l.leadClientKey[1]);
    expect(l.leadClientKey[0]?.startsWith('name:')).toBe(true);
    expect(l.issues.map((i) => i.code)).toEqual(['client_ambiguous']);
    expect(l.issues[0]?.severity).toBe('warning');
  });

  it('one phone on the leads of many client ids: one warning naming the first ten ids and counting the rest', () => {
    const leads = Array.from({ length: 25 }, (_, k) => lead('2026-10-01', { client: `Company ${k}`, clientId: String(7700000000 + k), phone: '+74951234567' }));
    leads.push(lead('2026-10-02', { client: 'Someone new', phone: '+74951234567' }));
    const l = link(leads, []);
    expect(l.leadClientKey[25]).toBe('name:someone new'); // adopts none of the 25
    expect(l.issues).toHaveLength(1);
    const first10 = Array.from({ length: 10 }, (_, k) => String(7700000000 + k)).join(', ');
    expect(l.issues[0]!.message).toBe(`phone "+74951234567" belongs to 25 client ids (${first10}, … and 15 more); records without a client id keep their own key`);
    // the same id twice is one id
    const twice = link([...leads.slice(0, 2), leads[0]!, leads[25]!], []);
    expect(twice.issues[0]!.message).toContain('belongs to 2 client ids (7700000000, 7700000001);');
  });

  it('an id text without digits is no id: each record with it is keyed by its other attributes', () => {
    const l = link(
      [
        lead('2026-10-01', { client: 'Ромашка', clientId: 'нет' }),
        lead('2026-10-02', { client: 'Лютик', clientId: 'нет' }),
        lead('2026-10-03', { client: 'Лютик', clientId: '7702' }),
      ],
      [inv('2026-10-04', 'Ромашка', 10, { clientId: 'нет' }), inv('2026-10-05', 'Ромашка', 10, { clientId: '7701' })],
    );
    expect(l.leadClientKey).toEqual(['id:7701', 'id:7702', 'id:7702']);
    expect(l.invoiceClientKey).toEqual(['id:7701', 'id:7701']);
  });

  it('a lead with no client information has no key', () => {
    expect(link([lead('2026-10-01')], []).leadClientKey).toEqual([null]);
  });

  it('a client text that normalizes to nothing keeps its raw text; a line with none is its own client', () => {
    const l = link([], [inv('2026-10-01', 'ООО', 10), inv('2026-10-01', ' ооо ', 10), { ...inv('2026-10-01', '', 10), client: null }]);
    expect(l.invoiceClientKey[0]).toBe('raw:ооо');
    expect(l.invoiceClientKey[1]).toBe('raw:ооо');
    expect(l.invoiceClientKey[2]).toMatch(/^line:invoices\.csv:\d+$/);
  });

  it('invoice lines that repeat a client text share its key, an id on a line still wins, and each line with no text is its own client', () => {
    const none = (at: string) => ({ ...inv(at, '', 10), client: null });
    const lines = [
      inv('2026-10-01', 'Ромашка', 10),
      inv('2026-10-01', 'Ромашка', 10, { clientId: '7701' }),
      inv('2026-10-02', 'Лютик', 10),
      inv('2026-10-02', 'Ромашка', 10),
      none('2026-10-03'),
      inv('2026-10-03', 'Лютик', 10, { clientId: '7702' }),
      inv('2026-10-04', 'Лютик', 10),
      none('2026-10-04'),
      inv('2026-10-05', 'Ромашка', 10, { clientId: '7703' }),
      inv('2026-10-05', 'Ромашка', 10),
    ];
    const l = link([], lines);
    const k = l.invoiceClientKey;
    // «Ромашка» is linked to 7701 and 7703: lines without an id stay name-keyed, one warning
    expect([k[0], k[3], k[9]]).toEqual(['name:ромашка', 'name:ромашка', 'name:ромашка']);
    expect([k[1], k[8]]).toEqual(['id:7701', 'id:7703']);
    // «Лютик» is linked to 7702 alone: its lines without an id adopt it
    expect([k[2], k[5], k[6]]).toEqual(['id:7702', 'id:7702', 'id:7702']);
    expect(k[4]).toMatch(/^line:/);
    expect(k[7]).toMatch(/^line:/);
    expect(k[4]).not.toBe(k[7]);
    // reported once, at the first line that could not adopt an id
    expect(l.issues.map((i) => [i.code, i.line])).toEqual([['client_ambiguous', lines[0]!.origin.line]]);
    expect(l.issues[0]?.value).toBe('ромашка');
  });
});

describe('clients: newness, acquisition, segment', () => {
  it('first positive line ignores credit notes and void lines', () => {
    const l = link(
      [],
      [
        inv('2026-09-01', 'Alpha', -10),
        inv('2026-09-05', 'Alpha', 10, { void: true }),
        inv('2026-10-03', 'Alpha', 10),
        inv('2026-10-03', 'Alpha', 20),
      ],
    );
    const c = [...l.clients.values()][0]!;
    expect(c.firstPositiveDay).toBe(day('2026-10-03'));
    expect(c.firstPositiveLine).toBe(2); // the earlier line in input order on equal dates
    expect(c.acquisition).toBeNull();
    expect(c.segment).toBe('(unattributed)');
  });

  it.each([
    ['the earliest lead on or before the first line wins', ['2026-09-01', '2026-08-01'], 'L1'],
    ['a lead the same calendar day, later hour, counts', ['2026-10-03 18:00'], 'L0'],
    ['a lead after the first line is a repeat request: unattributed', ['2026-10-04'], null],
  ] as const)('%s', (_what, dates, want) => {
    const leads = dates.map((d, i) => lead(d, { client: 'Alpha', channel: `L${i}`, direction: i === 1 ? 'outbound' : 'inbound' }));
    const l = link(leads, [inv('2026-10-03', 'Alpha', 10)]);
    const c = [...l.clients.values()][0]!;
    expect(c.acquisition?.channel ?? null).toBe(want);
    if (want === 'L1') expect(c.acquisition?.direction).toBe('outbound');
  });

  it('an excluded (junk) lead never acquires a client', () => {
    const l = link(
      [lead('2026-09-01', { client: 'Alpha', channel: 'Junk', excluded: true }), lead('2026-09-02', { client: 'Alpha', channel: 'SEO' })],
      [inv('2026-10-03', 'Alpha', 10)],
    );
    expect([...l.clients.values()][0]!.acquisition?.channel).toBe('SEO');
  });

  it('segment: first non-empty invoice segment by date, else the acquisition lead\'s', () => {
    const l = link(
      [lead('2026-09-01', { client: 'Alpha', segment: 'Lead-seg' }), lead('2026-09-01', { client: 'Beta', segment: 'Lead-seg' })],
      [
        inv('2026-10-05', 'Alpha', 10, { segment: 'Later' }),
        inv('2026-10-03', 'Alpha', 10, { segment: '(none)' }),
        inv('2026-10-04', 'Alpha', 10, { segment: 'Retail' }),
        inv('2026-10-04', 'Beta', 10),
      ],
    );
    expect(l.clients.get(l.invoiceClientKey[0]!)!.segment).toBe('Retail');
    expect(l.clients.get(l.invoiceClientKey[3]!)!.segment).toBe('Lead-seg');
  });

  it('names a client by its earliest invoice line, else by its earliest lead', () => {
    const l = link(
      [lead('2026-09-01', { client: 'Alpha (CRM)', clientId: '1' }), lead('2026-09-01', { client: 'Gamma', clientId: '3' })],
      [inv('2026-10-05', 'ООО Альфа', 10, { clientId: '1' })],
    );
    expect(l.clients.get('id:1')!.name).toBe('ООО Альфа');
    expect(l.clients.get('id:3')!.name).toBe('Gamma');
  });
});

describe('won after the invoice rule', () => {
  it('keeps status wins, adds invoice wins, and does nothing when the rule is off', () => {
    const leads = [lead('2026-10-01', { won: true }), lead('2026-10-01', { client: 'Alpha' }), lead('2026-10-01', { client: 'Beta' })];
    const invoices = [inv('2026-10-20', 'Alpha', 10)];
    expect(Array.from(link(leads, invoices).leadWon, Boolean)).toEqual([true, true, false]);
    expect(Array.from(link(leads, invoices, false).leadWon, Boolean)).toEqual([true, false, false]);
  });
});
