import { describe, expect, it } from 'vitest';
import { detectKind } from '../../src/mapping/detect-kind.js';

describe('detectKind (Overrides #17)', () => {
  it('a date + client + amount file is invoices, not also leads', () => {
    const d = detectKind(['Дата', 'Контрагент', 'Сумма']);
    expect(d.kind).toBe('invoices');
    expect(d.ambiguous).toBe(false);
    // Leads needs only a date it cannot find here; invoices maps everything it requires.
    expect(d.scores.find((s) => s.kind === 'invoices')).toEqual({ kind: 'invoices', score: 1, missing: [] });
  });

  it('prefers a kind whose required fields map over a higher-scoring incomplete one', () => {
    const d = detectKind(['Дата создания', 'Источник', 'Статус', 'Количество', 'Цена']);
    // leads: complete (created_at), scores channel + status; invoices lacks date and client.
    expect(d.kind).toBe('leads');
  });

  it('a tie between complete kinds is ambiguous, never a guess', () => {
    // calls: started_at ← date, from/to → 1; invoices: date, client, amount → 1.
    const d = detectKind(['date', 'from', 'Customer', 'Amount']);
    expect(d.ambiguous).toBe(true);
    expect(d.kind).toBeNull();
  });

  it('ids with outcomes and no created date are a closed-deals list: leads (SPEC §2)', () => {
    for (const headers of [['ID', 'Стадия', 'Дата закрытия', 'Сумма'], ['Id', 'StageName', 'CloseDate', 'Amount'], ['ID', 'Стадия', 'Сумма']]) {
      const d = detectKind(headers);
      expect([d.kind, d.ambiguous, d.tied]).toEqual(['leads', false, []]);
    }
  });

  it('a tie where no kind has its required fields is unknown, not ambiguous (nothing to name)', () => {
    for (const headers of [['Стадия', 'Сумма'], ['StageName', 'Amount']]) {
      const d = detectKind(headers);
      expect([d.kind, d.ambiguous, d.tied]).toEqual([null, false, []]);
      expect(d.scores.map((s) => [s.kind, s.missing])).toEqual([
        ['leads', ['created_at']],
        ['calls', ['started_at']],
        ['invoices', ['date', 'client or client_id']],
      ]);
    }
  });

  it('a tie among incomplete kinds while another kind has its fields stays ambiguous, and `tied` names the tie', () => {
    const d = detectKind(['Created Time', 'Amount', 'Status', 'Duration', 'Call Type', 'Invoice Number']);
    expect([d.kind, d.ambiguous]).toEqual([null, true]);
    expect(d.tied.map((s) => [s.kind, s.score])).toEqual([['calls', 2], ['invoices', 2]]);
    expect(detectKind(['date', 'from', 'Customer', 'Amount']).tied.map((s) => [s.kind, s.missing])).toEqual([['calls', []], ['invoices', []]]);
  });

  it('generic words (Type, Status) map but do not make a file a call log', () => {
    const d = detectKind(['CAMPAIGNID', 'Campaign Name', 'Type', 'Status', 'Created Time', 'Expected Revenue', 'Actual Cost']);
    expect(d.kind).toBeNull();
    expect(d.ambiguous).toBe(false);
  });

  it('nothing recognisable → null, with every kind\'s missing fields', () => {
    const d = detectKind(['foo', 'bar']);
    expect(d.kind).toBeNull();
    expect(d.scores.map((s) => [s.kind, s.missing])).toEqual([
      ['leads', ['created_at']],
      ['calls', ['started_at']],
      ['invoices', ['date', 'client or client_id', 'amount or quantity+unit_price']],
    ]);
  });

  it('a deal title counts for leads', () => {
    const withTitle = detectKind(['Deal Name', 'Create Date', 'Amount']);
    expect(withTitle.kind).toBe('leads');
    // Without it the amount is the only telling column, and amounts are an invoice signal.
    const without = detectKind(['Create Date', 'Amount']);
    expect(without.kind).toBe('invoices');
  });
});
