/**
 * What the telephony simulation passes around within one day: shifts, calls wanting to come in,
 * calls a manager has to make, calls that happened, and leads born on the phone.
 */
import type { Wall } from '../../src/period/types.js';
import type { Channel, LeadMode, Trunk } from './channels.js';
import type { Company } from './companies.js';
import type { Manager } from './staff.js';
import type { Disposition } from './types.js';

/** A would-be lead before it reaches the CRM. */
export interface LeadIntent {
  /** First contact (the call, the form, the e-mail). */
  at: Wall;
  channel: Channel;
  company: Company;
  mode: LeadMode;
  /** A lapsed client won back (always ends in an order). */
  reactivation: boolean;
}

/** A lead as the CRM gets it: who created it and when. */
export interface CreatedLead {
  intent: LeadIntent;
  at: Wall;
  ext: string;
}

/** A manager's working day. */
export interface Shift {
  m: Manager;
  start: Wall;
  end: Wall;
  lunchStart: Wall;
  lunchEnd: Wall;
  /** Answered inbound calls, [start, end) pairs in time order. */
  busy: Wall[];
}

/** A call that wants to come in. */
export interface InboundIntent {
  at: Wall;
  /** National 10-digit number; null for a hidden caller. */
  digits: string | null;
  trunk: Trunk;
  kind: 'lead' | 'client' | 'inquiry' | 'spam';
  /** Extension dialled directly (a client calling their manager); null: the ring group. */
  ext: string | null;
  talkMedian: number;
  lead: LeadIntent | null;
}

/** A call a manager has to make. */
export interface Task {
  /** Not before this moment. */
  due: Wall;
  /** Manager who should make it; null: whoever is at work. */
  ext: string | null;
  kind: 'followup' | 'callback' | 'client';
  digits: string;
  /** How the number was shown to the manager (a redial repeats it as received). */
  shownAs: string;
  /** A phone lead that only exists once somebody gets through. */
  lead: LeadIntent | null;
  attempts: number;
}

/** One call as it happened, before it becomes a CDR row. */
export interface CallEvent {
  start: Wall;
  ringS: number;
  talkS: number;
  disposition: Disposition;
  direction: 'inbound' | 'outbound' | 'internal';
  /** The manager's extension (callee of inbound calls, caller otherwise). */
  ext: string;
  /** The other extension of an internal call. */
  peerExt: string | null;
  /** The external number as the PBX shows it: src of inbound, dst of outbound; null if hidden. */
  external: string | null;
  trunk: Trunk;
}

/** The caller-number format each provider delivers (real trunks disagree). */
export function asDelivered(trunk: Trunk, digits: string): string {
  return trunk === 'mtt' ? `+7${digits}` : trunk === 'beeline' ? `7${digits}` : `8${digits}`;
}
