import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { streamDecoder } from '../../../src/ingest/csv/decoder.js';

/** Decode `bytes` cut at `cuts` with a fresh decoder. */
function decodeIn(decoder: { write(b: Buffer): string; end(): string | undefined }, bytes: Buffer, cuts: number[]): string {
  const at = [0, ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
  let out = '';
  for (let k = 0; k + 1 < at.length; k++) out += decoder.write(bytes.subarray(at[k], at[k + 1]));
  return out + (decoder.end() ?? '');
}

describe('streamDecoder (UTF-8 through TextDecoder)', () => {
  it('reads malformed UTF-8 exactly as iconv-lite does, however the bytes are chunked', () => {
    // bytes biased to UTF-8 lead and continuation bytes, so truncated and overlong sequences abound
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.constantFrom(0xd0, 0xd1, 0xe2, 0xf0, 0xc0, 0xed, 0xf4, 0xff), fc.integer({ min: 0x80, max: 0xbf }));
    fc.assert(
      fc.property(fc.array(byte, { minLength: 1, maxLength: 48 }), fc.array(fc.nat(), { maxLength: 4 }), (arr, cuts) => {
        const bytes = Buffer.from(arr);
        expect(decodeIn(streamDecoder('utf-8'), bytes, cuts)).toBe(decodeIn(iconv.getDecoder('utf-8'), bytes, cuts));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a character split across chunks whole and a second BOM as text', () => {
    const bytes = Buffer.from('\uFEFFПривет, мир €', 'utf8');
    expect(decodeIn(streamDecoder('utf8'), bytes, [1, 2, 5, 9])).toBe('\uFEFFПривет, мир €');
  });

  it('reads windows-1251 text', () => {
    const bytes = iconv.encode('Сделка', 'windows-1251');
    expect(decodeIn(streamDecoder('windows-1251'), bytes, [3])).toBe('Сделка');
  });
});

describe('streamDecoder (single-byte Cyrillic encodings)', () => {
  it.each(['windows-1251', 'koi8-r', 'iso-8859-5', 'cp866', 'windows-1252', 'cp437'])('%s: any bytes, however chunked, read as iconv-lite reads them', (encoding) => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }), fc.array(fc.nat(), { maxLength: 4 }), (arr, cuts) => {
        const bytes = Buffer.from(arr);
        expect(decodeIn(streamDecoder(encoding), bytes, cuts)).toBe(iconv.decode(bytes, encoding));
      }),
      { numRuns: 1000 },
    );
  });

  it("windows-1251's undefined byte 0x98 reads as iconv-lite reads it, in a chunk of its own or among others", () => {
    const bytes = Buffer.concat([iconv.encode('Сумма ', 'windows-1251'), Buffer.from([0x98]), iconv.encode(' руб.', 'windows-1251')]);
    expect(decodeIn(streamDecoder('windows-1251'), bytes, [])).toBe('Сумма \uFFFD руб.');
    expect(decodeIn(streamDecoder('windows-1251'), bytes, [6, 7])).toBe('Сумма \uFFFD руб.');
  });
});
