/** Patterns that backtrack polynomially (not only exponentially) are refused; ordinary rules pass. */
import { describe, it, expect } from 'vitest';
import { regexProblem } from '../../src/mapping/safe-regex.js';
import { compileChannelRules, RULE_VALUE_LIMIT } from '../../src/mapping/rules.js';

describe('regexProblem beyond nested quantifiers', () => {
  it.each(['.*.*.*.*.*.*.*.*=', 'a*a*a*a*a*a*b', '(a{1,30}){1,30}b', '(a+)?(a+)?(a+)?(a+)?(a+)?(a+)?b', '(a?)+b'])('refuses %s', (p) => {
    expect(regexProblem(p)).not.toBeNull();
  });
  it.each(['^.*директ.*$', 'yandex|директ', '(\\d{3})+', '^1\\d\\d$', 'cold|холодн', '^(101|Иванов .*)$'])('accepts %s', (p) => {
    expect(regexProblem(p)).toBeNull();
  });
  it('matches only the first RULE_VALUE_LIMIT characters of a value, in bounded time', () => {
    const rule = compileChannelRules([{ match: '^.*x.*y$', channel: 'XY', direction: null } as never]);
    const huge = 'x'.repeat(1_000_000) + 'y';
    const t0 = Date.now();
    const r = rule(huge);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r.channel).not.toBe('XY'); // the y lies beyond the limit
    expect(rule('x' + 'a'.repeat(RULE_VALUE_LIMIT - 3) + 'y').channel).toBe('XY');
  });
});
