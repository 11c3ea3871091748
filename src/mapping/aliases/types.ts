/**
 * Shape of the header-alias data (one file per kind). The lists are data, not code: adding a
 * system's header is adding a string. Matching is exact after `normalizeHeader` (Decision #19).
 */

/**
 * How the values of a calls `answered` column are read:
 * - `flag`: yes/no, true/false, 1/0, да/нет (Aircall `answered`, Calltouch `successful`);
 * - `inverted`: the same words with the opposite meaning (UIS `is_lost`);
 * - `missed_if_filled`: any non-empty value means missed (Aircall `missed_call_reason`);
 * - `answered_if_filled`: any non-empty, non-zero value means answered (3CX `time-answered`).
 */
export type AnsweredRead = 'flag' | 'inverted' | 'missed_if_filled' | 'answered_if_filled';

export interface AliasSpec {
  /** A header, compared after `normalizeHeader`. */
  header?: string;
  /** A fragment found inside the normalized header; ranks after every exact alias. */
  contains?: string;
  /** Maps the column but is too generic (`Type`, `Status`) to count toward kind detection. */
  weak?: boolean;
  /** For the calls `answered` field: how its values read. */
  read?: AnsweredRead;
  /** The alias is not used when any of these headers is present (Asterisk `duration`). */
  unlessHeaders?: readonly string[];
}

export type AliasEntry = string | AliasSpec;

export interface KindAliases<F extends string> {
  /**
   * Field → ordered aliases, earliest wins. The order of the fields is their priority when one
   * column fits two fields (a column maps to at most one field).
   */
  fields: { readonly [K in F]: readonly AliasEntry[] };
  /** Headers that must never map to a field, even through a `contains` alias (the "not"s). */
  never: { readonly [K in F]?: readonly string[] };
  /** Headers that tell the kind apart without mapping to a field (a lead/deal title). */
  hints: readonly string[];
  /**
   * Overrides #17: the fields that tell this kind apart. Each group scores 1 when one of its
   * fields is mapped by a non-weak alias; `hints` score 1 more.
   */
  signals: readonly (readonly F[])[];
}
