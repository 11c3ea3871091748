/**
 * Turns simulated calls into Asterisk CDR records the way a stock PJSIP box logs them: channel
 * names with an 8-hex-digit sequence, uniqueids `<epoch>.<n>` from one counter shared by all
 * channels, caller ID as `"Name" <ext>`, and records in the order calls hang up (cdr_csv
 * appends a line when the call ends).
 */
import { dayOfWall, epochSeconds, monthOf } from './calendar.js';
import type { Trunk } from './channels.js';
import type { CallEvent } from './phone-types.js';
import type { Manager } from './staff.js';
import type { DemoCall } from './types.js';

/**
 * The PBX's channel counters just after a restart. The box is rebooted for updates at the start
 * of every month, so the counters start over (uniqueids stay unique: their epoch part differs).
 */
const FIRST_UNIQUE = 3;
const FIRST_CHANNEL = 0x1;

/** PJSIP endpoint names of the provider trunks, as the PBX admin named them. */
const ENDPOINT: Record<Trunk, string> = { rostelecom: 'rt', mtt: 'mtt', beeline: 'bee' };

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Caller-ID text as Asterisk merges name and number: `"name" <number>`, or the bare number. */
function callerId(name: string | null, num: string): string {
  return name === null ? num : `"${name}" <${num}>`;
}

/** Builds the CDR rows of all calls, in log (hang-up) order. */
export function toCdr(events: readonly CallEvent[], team: readonly Manager[]): DemoCall[] {
  const names = new Map(team.map((m) => [m.ext, m.name] as const));
  const nameOf = (ext: string): string => names.get(ext) ?? ext;
  const ordered = [...events].sort((a, b) => a.start - b.start || (a.ext < b.ext ? -1 : a.ext > b.ext ? 1 : 0));
  let unique = FIRST_UNIQUE;
  let chan = FIRST_CHANNEL;
  let bootMonth = -1;
  const rows: (DemoCall & { order: number })[] = [];
  for (const e of ordered) {
    const month = monthOf(dayOfWall(e.start));
    if (month !== bootMonth) {
      bootMonth = month;
      unique = FIRST_UNIQUE;
      chan = FIRST_CHANNEL;
    }
    const seq = unique;
    // Each call creates two channels (caller and callee), each taking a number from the counters.
    unique += 2;
    const callerChan = hex8(chan);
    const calleeChan = hex8(chan + 1);
    chan += 2;
    const answered = e.disposition === 'ANSWERED';
    const end = e.start + (e.ringS + e.talkS) * 1000;
    let src: string;
    let dst: string;
    let clid: string;
    let channel: string;
    let dstchannel: string;
    let lastdata: string;
    let dcontext: string;
    if (e.direction === 'inbound') {
      src = e.external ?? 'Anonymous';
      dst = e.ext;
      // Beeline sends no caller name; the other providers repeat the number as the name.
      clid = e.external === null ? '"Anonymous" <Anonymous>' : callerId(e.trunk === 'beeline' ? null : src, src);
      channel = `PJSIP/${ENDPOINT[e.trunk]}-${callerChan}`;
      dstchannel = `PJSIP/${e.ext}-${calleeChan}`;
      lastdata = `PJSIP/${e.ext},30`;
      dcontext = 'from-trunk';
    } else {
      src = e.ext;
      dst = e.direction === 'internal' ? (e.peerExt ?? '') : (e.external ?? '');
      clid = callerId(nameOf(e.ext), e.ext);
      channel = `PJSIP/${e.ext}-${callerChan}`;
      dstchannel = e.direction === 'internal' ? `PJSIP/${dst}-${calleeChan}` : `PJSIP/${ENDPOINT[e.trunk]}-${calleeChan}`;
      lastdata = e.direction === 'internal' ? `PJSIP/${dst},30` : `PJSIP/${dst}@${ENDPOINT[e.trunk]}`;
      dcontext = 'from-internal';
    }
    rows.push({
      accountcode: '',
      src,
      dst,
      dcontext,
      clid,
      channel,
      dstchannel,
      lastapp: 'Dial',
      lastdata,
      start: e.start,
      answer: answered ? e.start + e.ringS * 1000 : null,
      end,
      duration: e.ringS + e.talkS,
      billsec: answered ? e.talkS : 0,
      disposition: e.disposition,
      amaflags: 'DOCUMENTATION',
      uniqueid: `${epochSeconds(e.start)}.${seq}`,
      userfield: '',
      direction: e.direction,
      order: rows.length,
    });
  }
  rows.sort((a, b) => a.end - b.end || a.order - b.order);
  return rows.map(({ order: _order, ...row }) => row);
}
