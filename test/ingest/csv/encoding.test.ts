import { describe, it, expect } from 'vitest';
import iconv from 'iconv-lite';
import { detectEncoding, utf8Stats, cyrillicRunShare } from '../../../src/ingest/csv/encoding.js';
import { KpiError } from '../../../src/errors/kpi-error.js';

const RU = 'ID;Название лида;Дата создания;Источник;Ответственный\r\n1021;Заявка с сайта;05.03.2024;Веб-сайт;Иванова Мария\r\n';
const WEST = 'Customer;City;Contact\r\nMüller & Söhne;Köln;Jürgen Groß\r\nCafé Olé;Besançon;Françoise\r\n';
const bytes = (...b: number[]): Buffer => Buffer.from(b);
const cat = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
const u8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('detectEncoding (decision #57 order)', () => {
  it.each([
    ['UTF-8 BOM', cat(bytes(0xef, 0xbb, 0xbf), u8(RU)), 'utf-8-bom', 3],
    ['UTF-16LE BOM', iconv.encode(RU, 'utf-16le', { addBOM: true }), 'utf-16le', 2],
    ['UTF-16BE BOM', iconv.encode(RU, 'utf-16be', { addBOM: true }), 'utf-16be', 2],
    ['UTF-16LE, no BOM (NUL pattern)', iconv.encode(RU, 'utf-16le'), 'utf-16le', 0],
    ['UTF-16BE, no BOM (NUL pattern)', iconv.encode(RU, 'utf-16be'), 'utf-16be', 0],
    ['UTF-16LE, no BOM, ASCII only', iconv.encode('a,b\n1,2\n', 'utf-16le'), 'utf-16le', 0],
    ['UTF-16LE, no BOM, odd length (cut sample)', iconv.encode(RU, 'utf-16le').subarray(0, 51), 'utf-16le', 0],
    ['plain UTF-8 Cyrillic', u8(RU), 'utf-8', 0],
    ['ASCII only', u8('id,amount\n1,2\n'), 'utf-8', 0],
    ['empty', Buffer.alloc(0), 'utf-8', 0],
    ['UTF-8 cut mid-character at the end of the sample', u8(RU + 'Я').subarray(0, Buffer.byteLength(RU) + 1), 'utf-8', 0],
    ['UTF-8 cut inside a 3-byte character', u8(RU + '€').subarray(0, Buffer.byteLength(RU) + 2), 'utf-8', 0],
    ['windows-1251 Cyrillic', iconv.encode(RU, 'windows-1251'), 'windows-1251', 0],
    ['windows-1251 all-caps names', iconv.encode('ИНН;КОНТРАГЕНТ\r\n7701;ООО РОМАШКА\r\n', 'windows-1251'), 'windows-1251', 0],
  ])('%s → %s', (_name, sample, encoding, bomLength) => {
    expect(detectEncoding(sample, null)).toEqual({ encoding, bomLength, guessed: false });
  });

  it('falls back to windows-1252 flagged as guessed for Western 8-bit text', () => {
    expect(detectEncoding(iconv.encode(WEST, 'windows-1252'))).toEqual({ encoding: 'windows-1252', bomLength: 0, guessed: true });
  });

  it('keeps UTF-8 when ≥ 99 % of the high-byte sequences are valid (one corrupt byte)', () => {
    const text = u8(RU.repeat(4)); // > 100 valid Cyrillic sequences
    const corrupt = cat(text.subarray(0, 40), bytes(0xff), text.subarray(40));
    const s = utf8Stats(corrupt);
    expect(s.invalid).toBe(1);
    expect(s.valid).toBeGreaterThanOrEqual(99);
    expect(detectEncoding(corrupt).encoding).toBe('utf-8');
  });

  it('does not keep UTF-8 when more than 1 % of the sequences are broken', () => {
    const text = u8('Заявка с сайта;'); // 12 valid sequences
    const corrupt = cat(text, bytes(0xff), text);
    expect(detectEncoding(corrupt).encoding).not.toBe('utf-8');
  });

  it.each([
    ['cp437', 'cp437'],
    ['koi8-r', 'koi8-r'],
    ['Windows-1252', 'windows-1252'],
    ['UTF-16LE', 'utf-16le'],
  ])('a declared %s wins over detection, not guessed', (declared, shown) => {
    expect(detectEncoding(u8(RU), declared)).toEqual({ encoding: shown, bomLength: 0, guessed: false });
  });

  it('skips the BOM of a declared encoding only when it is that encoding\'s BOM', () => {
    expect(detectEncoding(cat(bytes(0xef, 0xbb, 0xbf), u8(RU)), 'utf-8').bomLength).toBe(3);
    expect(detectEncoding(iconv.encode(RU, 'utf-16le', { addBOM: true }), 'utf16le').bomLength).toBe(2);
    expect(detectEncoding(cat(bytes(0xef, 0xbb, 0xbf), u8(RU)), 'cp1251').bomLength).toBe(0);
  });

  it('takes inspect\'s own name utf-8-bom as declared (kpi init writes it)', () => {
    expect(detectEncoding(cat(bytes(0xef, 0xbb, 0xbf), u8(RU)), 'utf-8-bom')).toEqual({ encoding: 'utf-8-bom', bomLength: 3, guessed: false });
    expect(detectEncoding(u8(RU), 'UTF-8-BOM')).toEqual({ encoding: 'utf-8-bom', bomLength: 0, guessed: false });
  });

  it.each([null, undefined, 'auto', 'AUTO'])('declared %s means detect', (declared) => {
    expect(detectEncoding(iconv.encode(RU, 'windows-1251'), declared).encoding).toBe('windows-1251');
  });

  it('an unknown declared name is a usage error (exit 2)', () => {
    let err: unknown;
    try {
      detectEncoding(u8(RU), 'latin-9000');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).exitCode).toBe(2);
    expect((err as KpiError).message).toContain('latin-9000');
  });
});

describe('cyrillicRunShare', () => {
  it('is high for Russian cp1251 text and low for Western cp1252 text', () => {
    expect(cyrillicRunShare(iconv.encode(RU, 'windows-1251'))).toBeGreaterThan(0.8);
    expect(cyrillicRunShare(iconv.encode(WEST, 'windows-1252'))).toBeLessThan(0.2);
    expect(cyrillicRunShare(u8('plain ascii'))).toBe(0);
  });
});
