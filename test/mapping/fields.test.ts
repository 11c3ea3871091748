import { describe, expect, it } from 'vitest';
import { FIELDS, isFieldOf, missingRequired } from '../../src/mapping/fields.js';

describe('missingRequired', () => {
  it.each([
    ['leads', [], ['created_at']],
    ['leads', ['created_at'], []],
    ['calls', ['direction'], ['started_at']],
    ['calls', ['started_at'], []],
    ['invoices', [], ['date', 'client or client_id', 'amount or quantity+unit_price']],
    ['invoices', ['date', 'client_id', 'amount'], []],
    ['invoices', ['date', 'client', 'quantity', 'unit_price'], []],
    ['invoices', ['date', 'client', 'quantity'], ['amount or quantity+unit_price']],
  ] as const)('%s with %j → %j', (kind, mapped, missing) => {
    expect(missingRequired(kind, new Set(mapped))).toEqual(missing);
  });
});

describe('FIELDS', () => {
  it('names every field of the brief, in order (and `phone`, the other party of a call: docs/decisions.md)', () => {
    expect(FIELDS.calls).toEqual(['id', 'started_at', 'direction', 'from', 'to', 'phone', 'duration_s', 'answered', 'status', 'manager', 'tracking_number']);
    expect(isFieldOf('invoices', 'unit_cost')).toBe(true);
    expect(isFieldOf('leads', 'number')).toBe(false);
  });
});
