/**
 * Texts past the dictionaries' growth points are found again. A typed-array dictionary once lost
 * the hash of the texts it numbered 2048, 4096–4098, 8192–8198, …: such a text seen again (an
 * invoice's later line, a caller's number written another way) got a second id, so one invoice
 * counted twice and a returned call stayed unreturned.
 */
import { describe, it, expect } from 'vitest';
import { kpi, tempDir } from '../helpers/cli.js';

function metric(json: string, id: string): unknown {
  const rows = (JSON.parse(json) as { rows: { metric: string; value: unknown }[] }).rows;
  return rows.find((r) => r.metric === id)?.value;
}

describe('a text seen again after thousands of others', () => {
  it('an invoice number whose lines are far apart is one invoice', () => {
    const lines = ['date;invoice_number;client;amount'];
    for (let i = 0; i < 2100; i++) lines.push(`05.03.2025;N-${String(i).padStart(5, '0')};Client ${i};100,00`);
    lines.push('05.03.2025;N-02048;Client 2048;50,00');
    const dir = tempDir({ 'inv.csv': lines.join('\n') + '\n' });
    const r = kpi(['report', '--invoices', 'inv.csv', '-p', '2025-03', '--no-config', '--today', '2025-04-01', '-O', 'json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(metric(r.stdout, 'invoices')).toBe(2100);
  });

  it('a missed caller dialled back under another spelling of the number is returned', () => {
    const lines = ['Call Start Time,Call Type,Call Owner,From,To,Call Duration (in seconds),Status'];
    const n = (i: number) => String(i).padStart(4, '0');
    for (let i = 0; i < 4200; i++) lines.push(`2025-03-03 10:00:00,Inbound,Anna,+7999000${n(i)},101,60,ANSWERED`);
    // the numbers around the growth points call again, written another way, and are called back
    const again = [...Array(30).keys()].flatMap((k) => [2035 + k, 4085 + k]);
    for (const i of again) lines.push(`2025-03-04 10:00:00,Inbound,Anna,+7 (999) 000-${n(i).slice(0, 2)}-${n(i).slice(2)},101,0,NO ANSWER`);
    for (const i of again) lines.push(`2025-03-04 11:00:00,Outbound,Anna,101,+7999000${n(i)},30,ANSWERED`);
    const dir = tempDir({ 'calls.csv': lines.join('\n') + '\n' });
    const r = kpi(['report', '--calls', 'calls.csv', '-p', '2025-03', '--no-config', '--today', '2025-04-01', '-O', 'json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(metric(r.stdout, 'calls_inbound_missed')).toBe(60);
    expect(metric(r.stdout, 'missed_unreturned')).toBe(0);
  });
});
