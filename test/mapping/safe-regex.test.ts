import { describe, expect, it } from 'vitest';
import { regexProblem } from '../../src/mapping/safe-regex.js';

describe('regexProblem', () => {
  it.each([
    'yandex|директ', '^1\\d\\d$', 'cold|холодн', '74951234567$', '^(seo|organic)$', '(\\d{3})+', '[a+]+', '\\(a+\\)+',
    '(?:ads)?', '(a+)?', '^PJSIP/(\\d+)-', 'a{2,5}b+', '(?<ext>\\d+)-x',
  ])('accepts %j', (p) => {
    expect(regexProblem(p)).toBeNull();
  });

  it.each([
    ['(a+)+', /catastrophic backtracking/],
    ['(a|aa)*', /alternation/],
    ['(x*y?)*', /catastrophic/],
    ['((ab)+c)+', /catastrophic/],
    ['(?:\\d+-)+$', /catastrophic/],
    ['(a+){2,}', /catastrophic/],
    ['(.*a){10}', /catastrophic/],
    ['(', /not a valid regular expression/],
    ['[z-a]', /not a valid regular expression/],
  ])('refuses %j', (p, why) => {
    expect(regexProblem(p)).toMatch(why);
  });
});
