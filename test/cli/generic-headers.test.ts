/**
 * A report over exports whose headers are plain words or kpi's own field names (a script's
 * output, a hand-made sheet), and over call logs with one column for the other party's number
 * (UIS `contact_phone_number`, ВАТС `client`): the numbers are those of the same data under a
 * CRM's or a PBX's headers. Each case fails if the column is left unmapped or read as one side only.
 */
import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { kpi, tempDir } from '../helpers/cli.js';

interface Row { metric: string; group: string | null; group_by: string | null; value: unknown }

function report(file: string, text: string, kind: string, extra: string[] = []): Row[] {
  const dir = tempDir({ [file]: text });
  const r = kpi(['report', `--${kind}`, file, '-p', '2025-03', '--no-config', '--today', '2025-04-01', '-O', 'json', '-q', ...extra], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { rows: Row[] }).rows;
}

const value = (rows: Row[], metric: string, group: string | null = null) =>
  rows.find((r) => r.metric === metric && r.group === group)?.value;

/** Two missed callers: +79990000001 is called back an hour later, +79990000002 never. */
function callLog(header: string, row: (at: string, dir: string, mgr: string, phone: string, dur: number, status: string) => string): string {
  return [
    header,
    row('2025-03-03 10:00:00', 'inbound', 'Anna', '+79990000001', 0, 'missed'),
    row('2025-03-03 10:05:00', 'inbound', 'Anna', '8 (999) 000-00-02', 0, 'missed'),
    row('2025-03-03 11:00:00', 'outbound', 'Boris', '8 999 000 00 01', 30, 'answered'),
    row('2025-03-04 12:00:00', 'outbound', 'Boris', '+79990000003', 0, 'missed'),
    row('2025-03-04 12:10:00', 'outbound', 'Anna', '+79990000004', 45, 'answered'),
  ].join('\n') + '\n';
}

describe('generic and own-name headers', () => {
  it('a call log with one phone column: callbacks are found, calls are per manager', () => {
    const text = callLog('id,started_at,direction,manager,phone,duration,status',
      (at, d, m, p, dur, st) => `${at.replace(/\D/g, '')},${at},${d},${m},${p},${dur},${st}`);
    const rows = report('calls.csv', text, 'calls', ['-g', 'manager']);
    expect(value(rows, 'calls_inbound_missed')).toBe(2);
    expect(value(rows, 'missed_unreturned')).toBe(1);
    expect(value(rows, 'calls_outbound', 'Boris')).toBe(2);
    expect(value(rows, 'calls_outbound', 'Anna')).toBe(1);
    expect(value(rows, 'calls_outbound', '(none)')).toBeUndefined();
  });

  it('a UIS report: contact_phone_number is the caller inbound and the number dialled outbound', () => {
    const text = callLog('communication_id,start_time,direction,is_lost,talk_duration,contact_phone_number,last_answered_employee_full_name',
      (at, d, m, p, dur, st) => `${at.replace(/\D/g, '')},${at},${d === 'inbound' ? 'in' : 'out'},${st === 'missed'},${dur},${p},${m}`);
    const rows = report('uis.csv', text, 'calls');
    expect(value(rows, 'calls_inbound_missed')).toBe(2);
    expect(value(rows, 'missed_unreturned')).toBe(1);
  });

  it('a From column wins over the phone column where it is filled', () => {
    const text = [
      'Date,Direction,From,To,Client Phone,Talk Time',
      '2025-03-03 10:00:00,Inbound,+79990000001,101,+79990000009,0',
      '2025-03-03 10:30:00,Inbound,,101,+79990000002,0',
      '2025-03-03 11:00:00,Outbound,101,,+79990000001,20',
      '2025-03-03 11:30:00,Outbound,101,+79990000002,+79990000009,20',
    ].join('\n') + '\n';
    const rows = report('calls.csv', text, 'calls');
    expect(value(rows, 'calls_inbound_missed')).toBe(2);
    // the first caller (From) and the second (its phone, From empty) were both called back
    expect(value(rows, 'missed_unreturned')).toBe(0);
  });

  it('an invoice register with a number column counts invoices, not lines; manager groups', () => {
    const text = [
      'number,date,client,amount,manager',
      'INV-1,2025-03-03,Acme,100.00,Anna',
      'INV-1,2025-03-03,Acme,50.00,Anna',
      'INV-2,2025-03-05,Beta,70.00,Boris',
    ].join('\n') + '\n';
    const rows = report('invoices.csv', text, 'invoices', ['-g', 'manager']);
    expect(value(rows, 'invoices')).toBe(2);
    expect(value(rows, 'revenue')).toBe(220);
    expect(value(rows, 'revenue', 'Anna')).toBe(150);
    expect(value(rows, 'revenue', 'Boris')).toBe(70);
  });

  it('a lead list given with --leads may call its created date just Date', () => {
    const text = ['Date,Source,Company', '03.03.2025,google,Acme', '04.03.2025,seo,Beta', '05.03.2025,seo,Gamma'].join('\n') + '\n';
    const rows = report('leads.csv', text, 'leads', ['-g', 'channel']);
    expect(value(rows, 'leads_total')).toBe(3);
    expect(value(rows, 'leads_total', 'seo')).toBe(2);
  });

  it('a lead list with a manager column groups by it', () => {
    const text = [
      'id,created_at,channel,manager,company,phone,amount',
      '1,2025-03-03 10:00:00,google,Anna,Acme,+79990000001,100',
      '2,2025-03-04 10:00:00,google,Boris,Beta,+79990000002,200',
      '3,2025-03-05 10:00:00,seo,Anna,Gamma,+79990000003,300',
    ].join('\n') + '\n';
    const rows = report('leads.csv', text, 'leads', ['-g', 'manager']);
    expect(value(rows, 'leads_total')).toBe(3);
    expect(value(rows, 'leads_total', 'Anna')).toBe(2);
    expect(value(rows, 'leads_total', 'Boris')).toBe(1);
  });

  it('a call log with the date and the time in two columns: calls keep their time of day', () => {
    // +79990000001 is called at 09:00 and misses a call at 18:00 (not returned); +79990000002 misses
    // at 10:05 and is called back at 11:00. Read from one column, the order of the day is lost.
    const text = [
      'Дата;Время;Тип;Сотрудник;Номер клиента;Длительность;Статус',
      '03.03.2025;09:00:00;Исходящий;Анна;+79990000001;40;Отвечен',
      '03.03.2025;10:05:00;Входящий;Анна;+79990000002;0;Не отвечен',
      '03.03.2025;11:00:00;Исходящий;Борис;+79990000002;25;Отвечен',
      '03.03.2025;18:00:00;Входящий;Борис;+79990000001;0;Не отвечен',
    ].join('\n') + '\n';
    const rows = report('calls.csv', text, 'calls');
    expect(value(rows, 'calls_inbound_missed')).toBe(2);
    expect(value(rows, 'missed_unreturned')).toBe(1);
    expect(value(rows, 'calls_outbound')).toBe(2);
  });

  it('a time that is not one fails its row alone, the message naming both columns', () => {
    const lines = ['Дата;Время;Тип;Номер клиента'];
    for (let k = 0; k < 9; k++) lines.push(`03.03.2025;1${k}:00:00;Входящий;+7999000000${k}`);
    lines.push('03.03.2025;утро;Входящий;+79990000009');
    const dir = tempDir({ 'calls.csv': lines.join('\n') + '\n' });
    const r = kpi(['report', '--calls', 'calls.csv', '-p', '2025-03', '--no-config', '--today', '2025-04-01', '-O', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('calls.csv:11: error[bad_date] column "Дата + Время" (1): found "03.03.2025 утро"');
    const input = (JSON.parse(r.stdout) as { meta: { inputs: { rows_used: number; rows_rejected: number }[] } }).meta.inputs[0]!;
    expect([input.rows_used, input.rows_rejected]).toEqual([9, 1]);
  });

  it('an XLSX call log with a date cell and a time cell: the same calls', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Calls');
    ws.addRow(['Дата', 'Время', 'Тип', 'Номер клиента', 'Длительность']);
    const day = new Date(Date.UTC(2025, 2, 3));
    for (const [h, m, type, phone, dur] of [[9, 0, 'Исходящий', '+79990000001', 40], [10, 5, 'Входящий', '+79990000002', 0], [11, 0, 'Исходящий', '+79990000002', 25], [18, 0, 'Входящий', '+79990000001', 0]] as const) {
      const r = ws.addRow([day, (h * 60 + m) / 1440, type, phone, dur]);
      r.getCell(1).numFmt = 'dd.mm.yyyy';
      r.getCell(2).numFmt = 'hh:mm:ss';
    }
    const dir = tempDir({ 'calls.xlsx': Buffer.from(await wb.xlsx.writeBuffer()) });
    const r = kpi(['report', '--calls', 'calls.xlsx', '-p', '2025-03', '--no-config', '--today', '2025-04-01', '-O', 'json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: Row[] }).rows;
    expect(value(rows, 'calls_inbound_missed')).toBe(2);
    expect(value(rows, 'missed_unreturned')).toBe(1);
  });

  it('a lead list with Date and Time columns: the created moment has both', () => {
    const text = ['Date,Time,Source,Company', '3/13/2025,13:45,google,Acme', '3/14/2025,9:05 AM,seo,Beta'].join('\n') + '\n';
    const dir = tempDir({ 'leads.csv': text });
    const r = kpi(['inspect', 'leads.csv', '--no-config', '-O', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const file = (JSON.parse(r.stdout) as { files: { columns: { header: string; field: string | null }[]; samples: { createdAt: string }[] }[] }).files[0]!;
    expect(file.columns.map((c) => c.field)).toEqual(['created_at', 'created_at', 'channel', 'client']);
    expect(file.samples.map((x) => x.createdAt)).toEqual(['2025-03-13 13:45:00', '2025-03-14 09:05:00']);
  });
});
