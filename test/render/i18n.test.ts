import { describe, it, expect } from 'vitest';
import { MESSAGES, groupLabel, inputKindLabel, periodLabel, sectionTitle, t, type MessageKey } from '../../src/render/i18n.js';
import { SECTION_IDS } from '../../src/kpi/registry.js';

const keys = Object.keys(MESSAGES) as MessageKey[];
const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('MESSAGES', () => {
  it.each(keys)('%s has English and Russian with the same slots', (key) => {
    const { en, ru } = MESSAGES[key];
    expect(en.trim()).not.toBe('');
    expect(ru.trim()).not.toBe('');
    expect(slots(ru)).toEqual(slots(en));
    // Russian text is Russian: anything with letters beyond the slot names has Cyrillic in it.
    const letters = ru.replace(/\{\w+\}/g, '').replace(/[^\p{L}]|Δ/gu, '');
    if (letters !== '') expect(ru, key).toMatch(/[А-Яа-яЁё]/);
  });

  it('has every section title', () => {
    for (const id of SECTION_IDS) {
      expect(sectionTitle(id, 'en')).not.toBe(sectionTitle(id, 'ru'));
    }
  });

  it('has the heads, footers and placeholders the human formats need', () => {
    const needed: MessageKey[] = [
      'col.deltaPrev', 'col.deltaYear', 'col.trend', 'col.plan', 'col.metric',
      'footer.notShown', 'footer.data', 'footer.timezone', 'placeholder.none', 'placeholder.unattributed',
    ];
    for (const k of needed) expect(keys).toContain(k);
  });
});

describe('t', () => {
  it.each([
    ['footer.notShown', 'en', { inputs: 'leads, invoices' }, 'Not shown (no input): leads, invoices'],
    ['footer.notShown', 'ru', { inputs: 'лиды' }, 'Не показано (нет входных данных): лиды'],
    ['footer.timezone', 'en', { tz: 'UTC', today: '2026-10-05' }, 'Time zone UTC; today 2026-10-05.'],
    ['footer.file', 'ru', { file: 'a.csv', read: 10, used: 9, rejected: 1 }, 'a.csv: прочитано 10, использовано 9, отклонено 1'],
    ['col.deltaPrev', 'en', undefined, 'Δ prev'],
    ['col.trend', 'ru', undefined, 'тренд'],
  ] as const)('%s (%s)', (key, lang, vars, out) => {
    expect(t(key, lang, vars)).toBe(out);
  });

  it('leaves braces in values alone', () => {
    expect(t('footer.data', 'en', { files: '{x}.csv' })).toBe('Data: {x}.csv');
  });

  it('throws on a missing slot value instead of printing a hole', () => {
    expect(() => t('footer.notShown', 'en')).toThrow(/inputs/);
    expect(() => t('footer.file', 'ru', { file: 'a', read: 1, used: 1 })).toThrow(/rejected/);
  });
});

describe('periodLabel', () => {
  it.each([
    ['2026-10', 'окт. 2026'],
    ['2026-01', 'янв. 2026'],
    ['2026-05', 'май 2026'],
    ['2026-12', 'дек. 2026'],
    ['2026-Q3', '3 кв. 2026'],
    ['2026-W42', '42 нед. 2026'],
    ['2026-W05', '5 нед. 2026'],
    ['2026-10-05', '05.10.2026'],
    ['2026', '2026'],
    ['2025-10..2025-12', 'окт. 2025 – дек. 2025'],
    ['2026-13', '2026-13'],
    ['2026-Q5', '2026-Q5'],
    ['2026-W54', '2026-W54'],
    ['2026-10-5', '2026-10-5'],
    ['last-month', 'last-month'],
    ['', ''],
  ])('ru %j → %j', (label, out) => {
    expect(periodLabel(label, 'ru')).toBe(out);
  });

  it.each(['2026-10', '2026-Q3', '2026-W42', '2026-10-05', '2026', '2025-10..2025-12'])('en keeps %s', (label) => {
    expect(periodLabel(label, 'en')).toBe(label);
  });
});

describe('labels', () => {
  it.each([
    ['(none)', 'en', '(none)'],
    ['(none)', 'ru', '(не указано)'],
    ['(unattributed)', 'ru', '(не определено)'],
    ['SEO', 'ru', 'SEO'],
    ['(None)', 'ru', '(None)'],
  ] as const)('group %j in %s → %j', (g, lang, out) => {
    expect(groupLabel(g, lang)).toBe(out);
  });

  it('names input kinds', () => {
    expect(['leads', 'calls', 'invoices'].map((k) => inputKindLabel(k as 'leads', 'ru'))).toEqual(['лиды', 'звонки', 'счета']);
  });
});
