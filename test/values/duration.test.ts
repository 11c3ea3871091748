import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/values/duration.js';

describe('parseDuration', () => {
  it.each<[string, number]>([
    ['75', 75],
    ['75.0', 75],
    ['75,5', 75.5],
    ['0', 0],
    [' 420 ', 420], // Zoho "Call Duration (in seconds)"
    ['1:15', 75],
    ['0:00', 0],
    ['75:30', 4530],
    ['00:01:15', 75], // 3CX Talking
    ['1:02:03', 3723],
    ['25:00:00', 90000],
    ['00:01:15.5', 75.5],
    ['123456789', 123456789],
    // in words, as CRM call lists and people write it
    ['75 сек', 75],
    ['75s', 75],
    ['90 sec', 90],
    ['2 min', 120],
    ['1m 30s', 90],
    ['1m30s', 90],
    ['1h 2m 3s', 3723],
    ['1 мин 30 сек', 90],
    ['1 МИН. 5 СЕК.', 65],
    ['1 ч. 5 мин.', 3900],
    ['45 секунд', 45],
    ['3 минуты', 180],
    ['1.5 min', 90],
    ['2 hours', 7200],
  ])('%j → %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    '', ' ', '-5', '+5', '1:5', '1:60', '1:02:60', '1:60:00', '1:2:3', '1:02:03:04', ':15', '15:', '1.', '1..2',
    '1e3', 'NaN', 'abc', '1234567890', '00:01:15.', '1,5,5',
    '75 ms', '1 day', '30s 1m', '1m 1m', 'min', 's', '-5 s', '1:30 min', '5 minutes ago',
  ])('%j → null', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
