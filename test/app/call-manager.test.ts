/**
 * A call's manager (Decision #11(c), EXPORT-FORMATS §2): FreePBX's `cnum` is the caller's number,
 * so on an inbound call it is the outside caller, never a manager — the internal side (`dst`)
 * answers for it; on an outbound call it is the extension that dialled.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { tempDir } from '../helpers/cli.js';

const settings = compileSettings({ ...defaultConfig(), internal_numbers: ['^2\\d\\d$'] }, 'UTC', 20_000);

describe('the manager of a FreePBX call', () => {
  it('is the extension: dst on an inbound call, cnum on an outbound one', async () => {
    const text = [
      'calldate,src,dst,dcontext,duration,billsec,disposition,uniqueid,cnum,cnam',
      '2026-10-01 10:01:00,79165550001,201,from-pstn,15,0,NO ANSWER,1.1,79165550001,79165550001',
      '2026-10-01 10:02:00,202,79165550001,from-internal,75,60,ANSWERED,1.2,202,User 9',
      '2026-10-01 10:03:00,79165550003,203,from-pstn,40,30,ANSWERED,1.3,79165550003,79165550003',
    ].join('\n');
    const dir = tempDir({ 'cdr.csv': text });
    const res = await loadInputs([{ path: path.join(dir, 'cdr.csv'), display: 'cdr.csv', kind: 'calls', source: null }], settings, { keepRaw: false, lenient: false });
    expect(res.files[0]!.setup.mapping!.fields).toMatchObject({ manager: 8 });
    expect(res.calls.map((c) => [c.direction, c.manager])).toEqual([['inbound', '201'], ['outbound', '202'], ['inbound', '203']]);
  });
});
