import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ANSWERED_STATUSES, DEFAULT_MISSED_STATUSES, DEFAULT_VOID_STATUSES, DEFAULT_WON_STATUSES,
  makeAnsweredReader, makeDirectionParser, makeStatusSet, parseFlag,
} from '../../src/mapping/vocab.js';

describe('status sets', () => {
  const won = makeStatusSet(DEFAULT_WON_STATUSES);
  it.each([
    ['Сделка успешна', true], ['  успешно реализовано ', true], ['Closed Won', true], ['closedwon', true], ['WON', true],
    ['Closed - won', true], ['C3:WON', true], ['Сделка заключена', true], ['success', true], ['Успешно', true], ['выиграна', true],
    ['closed-won', true], ['unsuccessful', false], ['Неуспешно', false],
    ['Closed Lost', false], ['Качественный лид', false], ['Closed - Converted', false], ["won't", false], ['', false],
  ])('won %j → %s', (s, v) => {
    expect(won(s)).toBe(v);
  });

  const voided = makeStatusSet(DEFAULT_VOID_STATUSES);
  it.each([['Отменён', true], ['отменен', true], ['VOIDED', true], ['Cancelled', true], ['DELETED', true], ['Paid', false], ['Оплачен', false]])(
    'void %j → %s', (s, v) => expect(voided(s)).toBe(v));

  const answered = makeStatusSet(DEFAULT_ANSWERED_STATUSES);
  const missed = makeStatusSet(DEFAULT_MISSED_STATUSES);
  it.each([
    ['ANSWERED', true, false], ['Отвечен', true, false], ['ANSWERD', true, false], ['completed', true, false],
    ['NO ANSWER', false, true], ['Не отвечен', false, true], ['Занято', false, true], ['no-answer', false, true],
    ['in-progress', false, false],
  ])('call status %j: answered %s, missed %s', (s, a, m) => {
    expect(answered(s)).toBe(a);
    expect(missed(s)).toBe(m);
  });

  it('a config list replaces the defaults', () => {
    const custom = makeStatusSet(['Оплачено']);
    expect(custom('оплачено')).toBe(true);
    expect(custom('won')).toBe(false);
  });

  it('* is a wildcard, everything else literal', () => {
    const s = makeStatusSet(['Успешно*', 'a.b']);
    expect(s('Успешно реализовано')).toBe(true);
    expect(s('a.b')).toBe(true);
    expect(s('axb')).toBe(false);
  });
});

describe('makeDirectionParser (Decision #20)', () => {
  const dir = makeDirectionParser();
  it.each([
    ['in', 'inbound'], ['Inbound', 'inbound'], ['Inbound Queue', 'inbound'], ['incoming', 'inbound'], ['Входящий', 'inbound'],
    ['входящие', 'inbound'], ['out', 'outbound'], ['outbound-api', 'outbound'], ['outbound-dial', 'outbound'], ['Outgoing', 'outbound'],
    ['Исходящий', 'outbound'], ['internal', 'internal'], ['Внутренний', 'internal'], [' Internal ', 'internal'],
    ['', null], ['missed', null], ['1', null], ['New Business', null],
  ])('%j → %s', (s, d) => {
    expect(dir(s)).toBe(d);
  });

  it('direction_values extends and overrides the vocabulary', () => {
    const p = makeDirectionParser({ '1': 'inbound', '2': 'Outbound', in: 'outbound' });
    expect(p('1')).toBe('inbound');
    expect(p('2')).toBe('outbound');
    expect(p('IN')).toBe('outbound');
    expect(p('исходящий')).toBe('outbound');
    expect(() => makeDirectionParser({ x: 'sideways' })).toThrow(/inbound, outbound or internal/);
  });
});

describe('answered columns', () => {
  it.each([
    ['yes', true], ['TRUE', true], ['1', true], ['да', true], ['no', false], ['false', false], ['0', false], ['Нет', false], ['maybe', null],
  ])('flag %j → %s', (s, v) => expect(parseFlag(s)).toBe(v));

  it('reads inverted, missed-if-filled and answered-if-filled columns', () => {
    expect(makeAnsweredReader('inverted')('true')).toBe(false);
    expect(makeAnsweredReader('inverted')('false')).toBe(true);
    expect(makeAnsweredReader('inverted')('?')).toBeNull();
    expect(makeAnsweredReader('missed_if_filled')('no_available_agent')).toBe(false);
    expect(makeAnsweredReader('missed_if_filled')('')).toBe(true);
    expect(makeAnsweredReader('answered_if_filled')('2026-05-01 10:00:05')).toBe(true);
    expect(makeAnsweredReader('answered_if_filled')('0')).toBe(false);
    expect(makeAnsweredReader('answered_if_filled')(' ')).toBe(false);
  });
});
