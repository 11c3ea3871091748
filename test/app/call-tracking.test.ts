/**
 * Call-tracking logs (EXPORT-FORMATS §2, §5): Roistat's and Calltouch's calls came in on a
 * tracking number, so they are inbound by construction — no `internal_numbers:` needed; Calltouch
 * marks the callbacks it placed with `callbackCall=true` (outbound), its `callerNumber` the client
 * either way. A CDR without such headers still needs a direction.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { mapByAliases } from '../../src/mapping/map-columns.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { tempDir } from '../helpers/cli.js';

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);

async function load(name: string, text: string) {
  const dir = tempDir({ [name]: text });
  return loadInputs([{ path: path.join(dir, name), display: name, kind: 'calls', source: null }], settings, { keepRaw: false, lenient: false });
}

describe('call-tracking logs', () => {
  it('Roistat: every call inbound, from its caller, on the tracking number', async () => {
    const res = await load('roistat.csv', [
      'id,date,caller,callee,status,duration,visit_id,marker',
      '1,2026-10-01T15:00:00+0300,79167770001,74950001122,NOANSWER,0,1001,google_cpc',
      '2,2026-10-02T15:00:00+0300,79167770002,74950001122,ANSWER,35,1002,seo',
    ].join('\n'));
    expect(res.files[0]!.setup.mapping!.inboundOnly).toBe(true);
    expect(res.calls.map((c) => [c.direction, c.from, c.trackingNumber, c.answered])).toEqual([
      ['inbound', '+79167770001', '+74950001122', false],
      ['inbound', '+79167770002', '+74950001122', true],
    ]);
  });

  it('Calltouch: callbackCall=true is an outbound callback to the caller, which returns the missed call', async () => {
    const res = await load('calltouch.csv', [
      'callId;date;callerNumber;phoneNumber;successful;duration;callbackCall;source',
      '1;01/10/2026 14:01:00;79166660001;74951234000;false;0;false;google',
      '2;01/10/2026 14:31:00;79166660001;74951234000;true;45;true;google',
      '3;13/10/2026 14:01:00;79166660003;74951234000;false;0;false;seo',
    ].join('\n'));
    const m = res.files[0]!.setup.mapping!;
    expect([m.directionRead, m.fields.phone, m.fields.from]).toEqual(['callback', 2, undefined]);
    expect(res.calls.map((c) => [c.direction, c.from, c.to])).toEqual([
      ['inbound', '+79166660001', null],
      ['outbound', null, '+79166660001'],
      ['inbound', '+79166660003', null],
    ]);
  });

  it('a CDR with no call-tracking header still needs a direction (direction_undecidable)', async () => {
    expect(mapByAliases(['calldate', 'src', 'dst', 'billsec', 'disposition', 'did'], 'calls', { file: 'x', sheet: null, headerLine: 1 }).inboundOnly).toBeUndefined();
    const err = await load('cdr.csv', 'calldate,src,dst,billsec,disposition,did\n2026-10-01 10:00:00,79161234567,201,30,ANSWERED,74951234567\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).issue?.code).toBe('direction_undecidable');
  });
});
