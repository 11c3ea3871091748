import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, SUPPORTED_COUNTRIES, type PhoneKind } from '../../src/values/phone.js';

describe('normalizePhone', () => {
  it.each<[string, string, PhoneKind, string | null]>([
    // Russia: every way of writing one mobile number
    ['8 (912) 345-67-89', 'RU', 'e164', '+79123456789'],
    ['+7 912 3456789', 'RU', 'e164', '+79123456789'],
    ['+7 (912) 345-67-89', 'RU', 'e164', '+79123456789'],
    ['79123456789', 'RU', 'e164', '+79123456789'],
    ['89123456789', 'RU', 'e164', '+79123456789'],
    ['9123456789', 'RU', 'e164', '+79123456789'],
    ['8-912-345-67-89', 'RU', 'e164', '+79123456789'],
    ['+8 912 345 67 89', 'RU', 'e164', '+79123456789'], // a common slip
    ['8 812 123-45-67', 'RU', 'e164', '+78121234567'],
    ['8123456789', 'RU', 'e164', '+78123456789'], // St Petersburg without the trunk 8
    ['8 800 555-35-35', 'RU', 'e164', '+78005553535'],
    ['+7 912 345-67-89 доб. 12', 'RU', 'e164', '+79123456789'],
    ['+7 912 345-67-89, ext. 12', 'RU', 'e164', '+79123456789'],
    ['810 49 30 1234567', 'RU', 'e164', '+49301234567'],
    ['0049 30 1234567', 'RU', 'e164', '+49301234567'],
    ['+49 30 1234567', 'RU', 'e164', '+49301234567'],
    ['8 (7172) 12-34-56', 'KZ', 'e164', '+77172123456'],
    ['8 029 123-45-67', 'BY', 'e164', '+375291234567'],
    ['+375 29 123-45-67', 'BY', 'e164', '+375291234567'],
    ['050 123 45 67', 'UA', 'e164', '+380501234567'],
    ['(415) 555-2671', 'US', 'e164', '+14155552671'],
    ['1-415-555-2671', 'US', 'e164', '+14155552671'],
    ['415.555.2671', 'US', 'e164', '+14155552671'],
    ['011 44 20 7946 0958', 'US', 'e164', '+442079460958'],
    ['(416) 555-0199', 'CA', 'e164', '+14165550199'],
    ['020 7946 0958', 'GB', 'e164', '+442079460958'],
    ['07911 123456', 'GB', 'e164', '+447911123456'],
    ['030 123456', 'DE', 'e164', '+4930123456'],
    ['0171 1234567', 'DE', 'e164', '+491711234567'],
    ['06 12 34 56 78', 'FR', 'e164', '+33612345678'],
    ['06 1234 5678', 'IT', 'e164', '+390612345678'], // Italy keeps the 0
    ['ru', 'RU', 'sip', 'ru'],
    ['8 912 345 67 89', 'ru', 'e164', '+79123456789'], // country code case-insensitive
    // extensions
    ['101', 'RU', 'ext', '101'],
    ['1001', 'RU', 'ext', '1001'],
    ['123456', 'RU', 'ext', '123456'],
    ['"User 9" <113>', 'RU', 'ext', '113'], // FreePBX clid
    ['"Иван Петров" <+7 912 345-67-89>', 'RU', 'e164', '+79123456789'],
    ['John Smith (101)', 'RU', 'ext', '101'], // 3CX
    ['sip:101@pbx.local', 'RU', 'ext', '101'],
    ['tel:+79123456789', 'RU', 'e164', '+79123456789'],
    // SIP peers
    ['client1', 'RU', 'sip', 'client1'],
    ['"" <client1>', 'RU', 'sip', 'client1'], // the shared Asterisk sample
    ['PJSIP/101', 'RU', 'sip', 'pjsip/101'],
    ['SIP/Trunk-Out', 'RU', 'sip', 'sip/trunk-out'],
    // anonymous
    ['', 'RU', 'anonymous', null],
    ['   ', 'RU', 'anonymous', null],
    ['Anonymous', 'RU', 'anonymous', null],
    ['"Anonymous" <anonymous>', 'RU', 'anonymous', null],
    ['anonymous@anonymous.invalid', 'RU', 'anonymous', null],
    ['Unknown', 'RU', 'anonymous', null],
    ['PRIVATE', 'RU', 'anonymous', null],
    ['Restricted', 'US', 'anonymous', null],
    ['Скрытый номер', 'RU', 'anonymous', null],
    ['номер скрыт', 'RU', 'anonymous', null],
    ['Неизвестный', 'RU', 'anonymous', null],
    ['---', 'RU', 'anonymous', null],
    ['()', 'RU', 'anonymous', null],
    // invalid: digits only
    ['345-67-89', 'RU', 'invalid', '3456789'],
    ['8 912 345', 'RU', 'invalid', '8912345'],
    ['+0 123 456 789', 'RU', 'invalid', '0123456789'],
    ['1234567890123456', 'RU', 'invalid', '1234567890123456'],
    ['555-2671', 'US', 'invalid', '5552671'],
    ['(015) 555-2671', 'US', 'invalid', '0155552671'],
  ])('%j (%s) → %s %s', (raw, country, kind, value) => {
    expect(normalizePhone(raw, country)).toEqual({ kind, value });
  });

  it('one number written differently meets itself', () => {
    const forms = ['8 (912) 345-67-89', '+7 912 3456789', '79123456789', '9123456789', '+7-912-345-67-89'];
    expect(new Set(forms.map((f) => normalizePhone(f, 'RU').value)).size).toBe(1);
  });

  it('a cell of several numbers is its first (Bitrix joins them with ", ")', () => {
    for (const raw of ['+7 495 100-00-01, +7 916 200-00-01', '+7 495 100-00-01; 8 916 200-00-01', '+7 495 100-00-01\n+7 916 200-00-01', ', +7 495 100-00-01, +7 916 200-00-01']) {
      expect(normalizePhone(raw, 'RU')).toEqual({ kind: 'e164', value: '+74951000001' });
    }
    expect(normalizePhone('+7 912 345-67-89, доб. 12', 'RU')).toEqual({ kind: 'e164', value: '+79123456789' });
    // an Asterisk clid whose name has a comma stays the extension in brackets
    expect(normalizePhone('"Ivanov, Ivan" <113>', 'RU')).toEqual({ kind: 'ext', value: '113' });
  });

  it('under an unsupported default country only international forms are E.164', () => {
    expect(normalizePhone('+358 40 1234567', 'FI')).toEqual({ kind: 'e164', value: '+358401234567' });
    expect(normalizePhone('00358 40 1234567', 'FI')).toEqual({ kind: 'e164', value: '+358401234567' });
    expect(normalizePhone('040 1234567', 'FI')).toEqual({ kind: 'invalid', value: '0401234567' });
    expect(normalizePhone('101', 'FI')).toEqual({ kind: 'ext', value: '101' });
  });

  it('supports at least the required countries', () => {
    expect(SUPPORTED_COUNTRIES).toEqual(expect.arrayContaining(['RU', 'KZ', 'BY', 'UA', 'US', 'CA', 'GB', 'DE']));
  });
});

describe('normalizePhone reads the digits of any punctuation', () => {
  /** The digits and the leading `+` as read one character at a time (the reading before runs). */
  function reference(s: string): { digits: string; plus: boolean } {
    let digits = '';
    let plus = false;
    for (const ch of s) {
      if (ch >= '0' && ch <= '9') digits += ch;
      else if (ch === '+' && digits === '') plus = true;
    }
    return { digits, plus };
  }

  it('matches a character-by-character reading for texts of digits and phone punctuation', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '7', '8', '9', '+', ' ', '-', '(', ')', '.', '/'), maxLength: 20 }), (text) => {
        const { digits, plus } = reference(text.trim());
        const got = normalizePhone(text, 'RU');
        if (digits === '') expect(got.kind).toBe('anonymous');
        else if (digits.length <= 6) expect(got).toEqual({ kind: 'ext', value: digits });
        else if (got.kind === 'invalid') expect(got.value).toBe(digits);
        else {
          expect(got.kind).toBe('e164');
          // the E.164 form ends with the number's last digits, and a `+` keeps the country code
          expect(got.value!.slice(-7)).toBe(digits.slice(-7));
          if (plus && !(digits.length === 11 && digits.startsWith('8'))) expect(got.value).toBe(`+${digits}`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
