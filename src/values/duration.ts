/**
 * Call durations (SPEC §2): seconds, or clock forms as telephony exports write them (3CX Talking
 * `00:01:15`, Sipuni `1:15`), or in words as CRM call lists write them (`1 мин 30 сек`).
 */
import { hasLetter } from './letters.js';

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f;
}

/**
 * A duration in words, as CRM call lists and people write it: `90s`, `90 sec`, `2 min`,
 * `1m 30s`, `1h 2m 3s`, `1 мин 30 сек`, `1 ч. 5 мин.`, `45 секунд`. Hours, minutes, seconds, each
 * at most once and in that order; a fraction only makes sense as written (`1.5 min` = 90 s).
 */
const UNITS = new RegExp(
  '^(?:(\\d{1,6}(?:[.,]\\d{1,3})?) ?(?:h|hrs?|hours?|ч|час|часа|часов)\\.?,? ?)?'
  + '(?:(\\d{1,6}(?:[.,]\\d{1,3})?) ?(?:m|mins?|minutes?|м|мин|минута|минуты|минут)\\.?,? ?)?'
  + '(?:(\\d{1,9}(?:[.,]\\d{1,3})?) ?(?:s|secs?|seconds?|с|сек|секунда|секунды|секунд)\\.?)?$',
);

function parseUnits(text: string): number | null {
  const m = UNITS.exec(text.toLowerCase().replace(/\s+/g, ' ').trim());
  if (m === null || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return null;
  const part = (t: string | undefined) => (t === undefined ? 0 : Number(t.replace(',', '.')));
  return Math.round((part(m[1]) * 3600 + part(m[2]) * 60 + part(m[3])) * 1000) / 1000;
}

/**
 * `75`, `75.0`, `75,5` → seconds; `1:15` (m:ss) and `00:01:15`, `1:02:03` (h:mm:ss), optionally
 * with a fraction on the seconds. Minutes and seconds after a colon must be two digits below 60;
 * the leading part is unbounded (`75:30` is 75 min 30 s). Or in words (`1 мин 30 сек`, `1m 30s`:
 * see `UNITS`). Anything else — signs, unknown units, empty text — is null, never 0.
 */
export function parseDuration(text: string): number | null {
  const v = parseClock(text);
  return v !== null || !hasLetter(text) ? v : parseUnits(text);
}

function parseClock(text: string): number | null {
  let i = 0;
  let end = text.length;
  while (i < end && isWs(text.charCodeAt(i))) i++;
  while (end > i && isWs(text.charCodeAt(end - 1))) end--;
  if (i === end) return null;
  let total = 0;
  let parts = 0;
  for (;;) {
    // One part: digits, then ':' (another part follows), a decimal fraction, or the end.
    const start = i;
    let v = 0;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 9) return null;
    if (parts > 0 && (digits !== 2 || v > 59)) return null;
    total = total * 60 + v;
    parts++;
    if (i === end) break;
    const c = text.charCodeAt(i);
    if (c === 58 && parts < 3) {
      i++;
      continue;
    }
    if (c !== 46 && c !== 44) return null;
    // A fraction of a second: only on the last part, digits to the end.
    let scale = 1;
    let frac = 0;
    i++;
    if (i === end) return null;
    while (i < end) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || scale > 1e9) return null;
      frac = frac * 10 + d;
      scale *= 10;
      i++;
    }
    return total + frac / scale;
  }
  return total;
}
