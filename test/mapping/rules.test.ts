import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanGroupName, compileChannelRules, compileInternalNumbers, compileManagerRules } from '../../src/mapping/rules.js';
import { KpiError } from '../../src/errors/kpi-error.js';

describe('compileChannelRules (SPEC §2)', () => {
  const rules = [
    { match: 'yandex|директ', channel: 'Context ads' },
    { match: 'cold|холодн', channel: 'Cold calls', direction: 'outbound' as const },
    { match: '^seo$', direction: 'inbound' as const },
    { match: 'google' },
  ];
  const ch = compileChannelRules(rules, { '+7 495 123-45-67': 'Tracking A' });

  it.each([
    ['Yandex.Direct', 'Context ads', null],
    ['Яндекс ДИРЕКТ', 'Context ads', null],
    ['холодный обзвон', 'Cold calls', 'outbound'],
    ['SEO', 'SEO', 'inbound'],
    ['seo blog', 'seo blog', null],
    ['  Google   Ads ', 'Google Ads', null],
    ['Partner', 'Partner', null],
    ['   ', '(none)', null],
    ['74951234567', 'Tracking A', null],
    ['+7 (495) 123 45 67', 'Tracking A', null],
  ])('%j → %j %s', (raw, channel, direction) => {
    expect(ch(raw)).toEqual({ channel, direction });
  });

  it('null is (none)', () => {
    expect(ch(null)).toEqual({ channel: '(none)', direction: null });
  });

  it('first matching rule wins, even one without a channel', () => {
    const c = compileChannelRules([{ match: 'ads', direction: 'inbound' }, { match: 'google ads', channel: 'PPC' }]);
    expect(c('Google Ads')).toEqual({ channel: 'Google Ads', direction: 'inbound' });
  });

  it('tracking numbers are checked before the rules, with a caller-supplied normalizer', () => {
    const c = compileChannelRules([{ match: '.', channel: 'Any' }], { '8 495 111 22 33': 'Line 1' },
      (s) => s.replace(/\D/g, '').replace(/^8/, '7'));
    expect(c('+74951112233')).toEqual({ channel: 'Line 1', direction: null });
    expect(c('+74950000000')).toEqual({ channel: 'Any', direction: null });
  });

  it('memoizes per distinct raw value: one regex run per value', () => {
    let runs = 0;
    const c = compileChannelRules([{ match: 'x', channel: 'X' }]);
    const orig = RegExp.prototype.test;
    RegExp.prototype.test = function (this: RegExp, s: string) { runs++; return orig.call(this, s); };
    try {
      for (let i = 0; i < 1000; i++) c('box');
    } finally {
      RegExp.prototype.test = orig;
    }
    expect(runs).toBe(1);
  });

  it('refuses unsafe or invalid patterns (exit 2)', () => {
    expect(() => compileChannelRules([{ match: '(a+)+$' }])).toThrow(KpiError);
    expect(() => compileChannelRules([{ match: '(' }])).toThrow(/not a valid regular expression/);
  });
});

describe('compileManagerRules (Decision #11d)', () => {
  const mgr = compileManagerRules([{ match: '^(101|Иванов)', name: 'Иванов Иван' }, { match: 'petrov', name: 'Петров' }]);
  it.each([
    ['101', 'Иванов Иван'], ['Иванов И.И.', 'Иванов Иван'], ['PETROV', 'Петров'], [' Сидорова  Анна ', 'Сидорова Анна'], ['', '(none)'],
  ])('%j → %j', (raw, name) => expect(mgr(raw)).toBe(name));
  it('null → (none)', () => expect(mgr(null)).toBe('(none)'));
});

describe('compileInternalNumbers', () => {
  it('matches any pattern on the raw number', () => {
    const internal = compileInternalNumbers(['^1\\d\\d$', '^PJSIP/']);
    expect(internal('101')).toBe(true);
    expect(internal('PJSIP/client1')).toBe(true);
    expect(internal('+79161234567')).toBe(false);
    expect(internal(null)).toBe(false);
  });

  it('answers right past its memo, over a log of distinct external numbers', () => {
    const internal = compileInternalNumbers(['^1\\d\\d$']);
    for (let i = 0; i < 120_000; i++) {
      expect(internal(`+7912${String(i).padStart(7, '0')}`)).toBe(false);
      expect(internal(String(100 + (i % 100)))).toBe(true);
    }
    expect(internal('1000')).toBe(false);
  });
});

describe('rules past their memo', () => {
  it('channel and manager rules answer the same for every distinct value', () => {
    const ch = compileChannelRules([{ match: '7$', channel: 'Sevens' }]);
    const mgr = compileManagerRules([{ match: '^agent 1', name: 'Первый' }]);
    for (let i = 0; i < 110_000; i++) {
      expect(ch(`src ${i}`).channel).toBe(i % 10 === 7 ? 'Sevens' : `src ${i}`);
      expect(mgr(`agent ${i}`)).toBe(String(i).startsWith('1') ? 'Первый' : `agent ${i}`);
    }
  });
});

describe('cleanGroupName (Decision #50)', () => {
  it.each([
    ['  Иванов\u00a0 Иван ', 'Иванов Иван'], ['SEO', 'SEO'], ['a\tb\nc', 'a b c'], ['', '(none)'], ['  ', '(none)'],
  ])('%j → %j', (s, v) => expect(cleanGroupName(s)).toBe(v));
  it('keeps case', () => expect(cleanGroupName('иванов')).toBe('иванов'));
  it('null → (none)', () => expect(cleanGroupName(null)).toBe('(none)'));
  it('trims and collapses every kind of space as the character-by-character rule does, for any text (property)', () => {
    // the rule as first written: every run of spaces inside becomes one plain space, none at the ends
    const SPACES = new Set([32, 9, 10, 13, 0xa0, 0x2007, 0x2009, 0x202f, 0x3000, 0xfeff, 11, 12]);
    const reference = (s: string): string => {
      let out = '';
      let gap = false;
      for (const ch of s) {
        if (SPACES.has(ch.charCodeAt(0))) {
          gap = out !== '';
          continue;
        }
        if (gap) out += ' ';
        gap = false;
        out += ch;
      }
      return out === '' ? '(none)' : out;
    };
    const unit = fc.constantFrom('a', 'Я', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u3000', '\ufeff', '\u2009', '-', '😀', '\u2028');
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), (s) => {
      expect(cleanGroupName(s)).toBe(reference(s));
    }), { numRuns: 5000 });
  });
});
