/**
 * Everything a normalizer needs from the config, compiled once per run (sets, rule functions),
 * so the per-row path only calls closures.
 */
export type DirectionParser = (s: string) => 'inbound' | 'outbound' | 'internal' | null;

export interface NormalizeSettings {
  tz: string;
  defaultCountry: string;
  /** Start of the day after --today, wall ms: a won_at after it does not win (Decision #29). */
  todayEndWall: number;
  isNull: (s: string) => boolean;
  /** The texts `isNull` was made from, for a reading worker to make the same test (absent: it cannot). */
  nullValues?: readonly string[];
  isWon: (s: string) => boolean;
  isVoid: (s: string) => boolean;
  isAnswered: (s: string) => boolean;
  isExcluded: (s: string) => boolean;
  direction: DirectionParser;
  channel: (raw: string | null) => { channel: string; direction: 'inbound' | 'outbound' | null };
  manager: (raw: string | null) => string;
  /** internal_numbers test on a raw number, or null when none configured. */
  isInternal: ((raw: string) => boolean) | null;
  /** The patterns `isInternal` was made from, for a reading worker to make the same test (absent: it cannot). */
  internalNumbers?: readonly string[];
}
