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
  ])('%j → %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    '', ' ', '-5', '+5', '1:5', '1:60', '1:02:60', '1:60:00', '1:2:3', '1:02:03:04', ':15', '15:', '1.', '1..2',
    '75 сек', '75s', '1e3', 'NaN', 'abc', '1234567890', '00:01:15.', '1,5,5',
  ])('%j → null', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
