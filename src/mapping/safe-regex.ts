/**
 * Refuses user regexes that can backtrack catastrophically. `channels`, `managers` and
 * `internal_numbers` patterns run on every distinct value of possibly million-row files; a pattern
 * like `(a+)+$` or `(a|aa)*$` takes exponential time on a value such as `aaaa…b`, which would hang
 * a cron job. JavaScript has no linear-time regex engine, so we refuse the shape instead:
 * a group that contains an unbounded quantifier (`*`, `+`, `{n,}`) or an alternation may not
 * itself be repeated (`*`, `+`, `{n,}`, `{n,m}` with m > 1). This is deliberately conservative —
 * `(foo|bar)+` is refused too — and the message shows how to write it flat.
 */

interface Frame { unbounded: boolean; alternation: boolean; repeats: boolean }
interface Atom { group: Frame | null }

/** At most this many `*`, `+`, `{n,}` in one pattern. */
export const MAX_UNBOUNDED = 2;

/** Read a quantifier at `i`: its length and whether it repeats (max > 1) and is unbounded. */
function quantifierAt(p: string, i: number): { len: number; repeats: boolean; unbounded: boolean; variable: boolean } | null {
  const c = p[i];
  if (c === '*' || c === '+') return { len: 1, repeats: true, unbounded: true, variable: true };
  if (c === '?') return { len: 1, repeats: false, unbounded: false, variable: true };
  if (c !== '{') return null;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
  if (!m) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { len: m[0].length, repeats: max > 1, unbounded: max === Infinity, variable: max > min };
}

/**
 * Returns null when the pattern compiles (case-insensitive) and is safe, else the problem in
 * words: the compile error, or the nested repetition found.
 */
export function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'i');
  } catch (e) {
    return `not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  const stack: Frame[] = [{ unbounded: false, alternation: false, repeats: false }];
  let unboundedCount = 0;
  let last: Atom | null = null;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') { i++; last = { group: null }; continue; }
    if (c === '[') {
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      last = { group: null };
      continue;
    }
    if (c === '(') {
      stack.push({ unbounded: false, alternation: false, repeats: false });
      if (pattern[i + 1] === '?') i++; // (?: (?= (?<name> …: the `?` is no quantifier
      last = null;
      continue;
    }
    if (c === ')') {
      const inner = stack.length > 1 ? stack.pop()! : top;
      const parent = stack[stack.length - 1]!;
      if (inner.unbounded) parent.unbounded = true;
      if (inner.repeats) parent.repeats = true;
      last = { group: inner };
      continue;
    }
    if (c === '|') { top.alternation = true; last = null; continue; }
    const q = quantifierAt(pattern, i);
    if (q) {
      if (last?.group && q.repeats && (last.group.unbounded || last.group.alternation || last.group.repeats)) {
        const what = last.group.alternation ? 'an alternation' : 'a repeated part';
        return `a group with ${what} inside is itself repeated (like "(a+)+" or "(a|aa)*"): such patterns can take `
          + 'exponential time on some values (catastrophic backtracking); write it without repeating the group, e.g. "a+" or "(a|b)" once';
      }
      if (q.unbounded) {
        top.unbounded = true;
        // several unbounded parts in a row (`.*.*.*=`, `a*a*a*b`, `(a+)?(a+)?(a+)?b`) backtrack in
        // polynomial time of high degree: a 3,000-character value never finishes. Two are plenty for
        // real channel and manager rules (`^.*директ.*$`).
        if (++unboundedCount > MAX_UNBOUNDED) {
          return `more than ${MAX_UNBOUNDED} unbounded repetitions (* + {n,}) in one pattern: such patterns can take very long on long values; `
            + 'anchor or simplify it (a plain word like "директ" is searched anywhere in the value already)';
        }
      }
      // a part of variable length (`a{1,30}`, `a?`) inside a repeated group can split a value many ways
      if (q.variable) top.repeats = true;
      i += q.len - 1;
      if (pattern[i + 1] === '?') i++; // lazy form
      last = null;
      continue;
    }
    last = { group: null };
  }
  return null;
}
