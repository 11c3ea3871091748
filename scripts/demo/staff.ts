/**
 * The sales team: eight managers over the two years, five seats at any time (sales staff turn
 * over: three leave and are replaced), each with an extension 101–108, a CRM name, a 1C user name, a personal calling
 * pace, and vacations. Who is at work on a given day drives every other part of the simulation.
 */
import type { Day } from '../../src/period/types.js';
import { DEMO_END, DEMO_START, dayOf, isWorkingDay } from './calendar.js';
import type { Rng } from './rng.js';

/** One sales manager. */
export interface Manager {
  /** Internal extension, `101`…`108`. */
  ext: string;
  /** Name in the CRM and in the PBX caller ID: «Иванов Иван». */
  name: string;
  /** Name of the 1C user («Иванов Иван Петрович»): the same person spelled as 1C spells it. */
  fullName: string;
  /** First and last-plus-one employed day. */
  from: Day;
  to: Day;
  /** Calling pace relative to an average manager (the best make ~20 % more calls). */
  pace: number;
  /** The manager who takes over this one's clients on leaving (ext), if any. */
  successor: string | null;
  /** Days off besides weekends and holidays (vacations, sick days), filled by `planAbsences`. */
  absent: Set<Day>;
}

interface ManagerSeed {
  ext: string;
  name: string;
  fullName: string;
  from: Day;
  to: Day;
  pace: number;
  successor: string | null;
}

const ROSTER: readonly ManagerSeed[] = [
  { ext: '101', name: 'Иванов Иван', fullName: 'Иванов Иван Петрович', from: DEMO_START, to: DEMO_END, pace: 1.2, successor: null },
  { ext: '102', name: 'Петрова Анна', fullName: 'Петрова Анна Сергеевна', from: DEMO_START, to: DEMO_END, pace: 1.05, successor: null },
  { ext: '103', name: 'Смирнов Алексей', fullName: 'Смирнов Алексей Викторович', from: DEMO_START, to: DEMO_END, pace: 1.0, successor: null },
  { ext: '104', name: 'Кузнецова Елена', fullName: 'Кузнецова Елена Андреевна', from: DEMO_START, to: dayOf(2024, 11, 1), pace: 0.85, successor: '107' },
  { ext: '105', name: 'Соколов Дмитрий', fullName: 'Соколов Дмитрий Олегович', from: DEMO_START, to: dayOf(2024, 6, 1), pace: 0.9, successor: '106' },
  { ext: '106', name: 'Морозова Ольга', fullName: 'Морозова Ольга Николаевна', from: dayOf(2024, 6, 3), to: dayOf(2025, 7, 1), pace: 0.95, successor: '108' },
  { ext: '107', name: 'Волков Сергей', fullName: 'Волков Сергей Александрович', from: dayOf(2024, 11, 1), to: DEMO_END, pace: 1.1, successor: null },
  { ext: '108', name: 'Новикова Мария', fullName: 'Новикова Мария Игоревна', from: dayOf(2025, 7, 1), to: DEMO_END, pace: 1.0, successor: null },
];

/** Days a new manager needs to reach full pace. */
const RAMP_DAYS = 60;

/** The team, with vacations and sick days drawn from `rng`. */
export function buildTeam(rng: Rng): Manager[] {
  return ROSTER.map((seed) => {
    const m: Manager = { ...seed, absent: new Set<Day>() };
    planAbsences(m, rng);
    return m;
  });
}

function addRun(m: Manager, start: Day, calendarDays: number): void {
  for (let d = start; d < start + calendarDays; d++) m.absent.add(d);
}

/**
 * Two weeks in summer and one more week at another time each year (Russian managers mostly
 * take summer leave — part of the July dip), plus a few single sick days.
 */
function planAbsences(m: Manager, rng: Rng): void {
  for (const year of [2024, 2025]) {
    addRun(m, dayOf(year, 6, 10) + rng.int(0, 70), 14);
    addRun(m, dayOf(year, rng.pick([2, 3, 4, 10, 11]), rng.int(1, 20)), 7);
  }
  for (let d = DEMO_START; d < DEMO_END; d++) if (rng.chance(0.012)) m.absent.add(d);
}

/** True when the manager is employed, it is a working day, and they are not away. */
export function isAtWork(m: Manager, day: Day): boolean {
  return day >= m.from && day < m.to && isWorkingDay(day) && !m.absent.has(day);
}

/** True while employed (vacations included). */
export function isEmployed(m: Manager, day: Day): boolean {
  return day >= m.from && day < m.to;
}

/** Pace on a given day: newcomers ramp up over their first two months. */
export function paceOn(m: Manager, day: Day): number {
  if (m.from === DEMO_START) return m.pace;
  const t = Math.min(1, (day - m.from) / RAMP_DAYS);
  return m.pace * (0.45 + 0.55 * t);
}

/** Look a manager up by extension. */
export function byExt(team: readonly Manager[], ext: string): Manager {
  const m = team.find((x) => x.ext === ext);
  if (m === undefined) throw new Error(`no manager with extension ${ext}`);
  return m;
}

/**
 * The manager who owns a client on `day`: the original owner while employed, else the chain of
 * successors. Clients of a manager who left without a successor never occur in this roster.
 */
export function ownerOn(team: readonly Manager[], ext: string, day: Day): Manager {
  let m = byExt(team, ext);
  while (day >= m.to && m.successor !== null) m = byExt(team, m.successor);
  return m;
}
