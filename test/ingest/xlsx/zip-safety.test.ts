import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { KpiError } from '../../../src/errors/kpi-error.js';
import { isZip, PART_SIZE_LIMIT, SHEET_SIZE_LIMIT } from '../../../src/ingest/xlsx/read-xlsx.js';
import { findEntry, inflateEntry, readZipIndex } from '../../../src/ingest/xlsx/zip.js';
import { buildPackage, patchDeclaredSize, rezip, worksheetXml } from './support/build-package.js';
import { fixture, readAll } from './support/read-all.js';
import { deflateBomb, rawZip } from './support/zip-bomb.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-xlsx-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** The KpiError a read fails with (null when it does not fail). */
async function failure(path: string, file = 'book.xlsx', sheet: string | null = null): Promise<KpiError | null> {
  try {
    await readAll(path, sheet, file);
    return null;
  } catch (e) {
    if (e instanceof KpiError) return e;
    throw e;
  }
}

const sheet = (rows: number) =>
  worksheetXml(Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>row ${i + 1}</t></is></c></row>`).join(''));

/** Overwrite a field of the central-directory entry named `name`. */
function patchCentral(zip: Uint8Array, name: string, field: 'method' | 'compressedSize' | 'flags', value: number): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  const want = strToU8(name);
  for (let p = 0; p + 46 <= out.length; p++) {
    if (dv.getUint32(p, true) !== 0x02014b50 || dv.getUint16(p + 28, true) !== want.length) continue;
    if (!want.every((b, i) => out[p + 46 + i] === b)) continue;
    if (field === 'method') dv.setUint16(p + 10, value, true);
    else if (field === 'flags') dv.setUint16(p + 8, value, true);
    else dv.setUint32(p + 20, value, true);
    return out;
  }
  throw new Error(`no central entry ${name}`);
}

describe('isZip', () => {
  it.each([
    [[0x50, 0x4b, 0x03, 0x04, 0x14], true],
    [[0x50, 0x4b, 0x05, 0x06], false], // an empty archive has no entries to read
    [[0xd0, 0xcf, 0x11, 0xe0], false], // legacy .xls
    [[0x3c, 0x68, 0x74, 0x6d], false], // "<htm": Bitrix "Excel"
    [[0x50, 0x4b], false],
    [[], false],
  ])('%j → %s', (bytes, expected) => {
    expect(isZip(new Uint8Array(bytes))).toBe(expected);
  });
});

describe('zip-bomb limits', () => {
  it('exports the limits', () => {
    expect(SHEET_SIZE_LIMIT).toBe(1024 ** 3);
    expect(PART_SIZE_LIMIT).toBe(256 * 1024 ** 2);
  });

  it('refuses a sheet whose declared size is over 1 GiB, before inflating anything', async () => {
    const err = await failure(fixture('bomb-declared.xlsx'), 'bomb-declared.xlsx');
    expect(err?.exitCode).toBe(3);
    expect(err?.issue?.code).toBe('xlsx_too_large');
    expect(err?.message).toBe(
      'bomb-declared.xlsx: refusing to read XLSX part xl/worksheets/sheet1.xml: it declares an inflated size over the 1 GiB limit',
    );
  });

  it('stops inflating once the actual output passes the limit, whatever the declared size', async () => {
    const xml = sheet(5000); // ~330 KB inflated
    const path = write('lying.xlsx', patchDeclaredSize(buildPackage({ sheets: [{ name: 'S', xml }] }), 'xl/worksheets/sheet1.xml', 100));
    const fh = await open(path);
    try {
      const index = await readZipIndex(fh, 'lying.xlsx');
      const entry = findEntry(index, 'xl/worksheets/sheet1.xml');
      expect(entry?.size).toBe(100);
      let seen = 0;
      const run = async () => {
        for await (const chunk of inflateEntry(fh, index, entry!, 64 * 1024, 'lying.xlsx')) seen += chunk.length;
      };
      await expect(run()).rejects.toThrow('lying.xlsx: refusing to read XLSX part xl/worksheets/sheet1.xml: it inflates to more than the 64 KiB limit');
      expect(seen).toBeLessThanOrEqual(64 * 1024); // nothing past the limit was handed on
    } finally {
      await fh.close();
    }
  });

  it('a reader that stops after the first chunk leaves nothing running, and the file reads again', async () => {
    const xml = sheet(20000); // ~1.3 MB inflated: many chunks
    const path = write('early.xlsx', buildPackage({ sheets: [{ name: 'S', xml }] }));
    const fh = await open(path);
    try {
      const index = await readZipIndex(fh, 'early.xlsx');
      const entry = findEntry(index, 'xl/worksheets/sheet1.xml')!;
      for (let round = 0; round < 3; round++) {
        let first = 0;
        for await (const chunk of inflateEntry(fh, index, entry, SHEET_SIZE_LIMIT, 'early.xlsx')) {
          first = chunk.length;
          break;
        }
        expect(first).toBeGreaterThan(0);
      }
      let all = '';
      const decoder = new TextDecoder();
      for await (const chunk of inflateEntry(fh, index, entry, SHEET_SIZE_LIMIT, 'early.xlsx')) all += decoder.decode(chunk, { stream: true });
      expect(all).toBe(xml);
    } finally {
      await fh.close();
    }
  });

  it('deflate data that stops before its last block is corrupt, not an empty sheet', async () => {
    const good = unzipSync(buildPackage({ sheets: [{ name: 'S', xml: sheet(3000) }] }));
    const entries = Object.entries(good).map(([name, data]) => ({ name, data, method: 0 as const, declaredSize: data.length }));
    const sheetName = 'xl/worksheets/sheet1.xml';
    const full = deflateRawSync(good[sheetName]!);
    const cut = { name: sheetName, data: full.subarray(0, full.length >> 1), method: 8 as const, declaredSize: good[sheetName]!.length };
    const path = write('cut-deflate.xlsx', rawZip([...entries.filter((x) => x.name !== sheetName), cut]));
    const err = await failure(path, 'cut-deflate.xlsx');
    expect(err?.message).toBe('cut-deflate.xlsx: not a valid XLSX (zip entry xl/worksheets/sheet1.xml is corrupt: its compressed data ends early)');
  });

  it('refuses a sharedStrings part that really inflates past 256 MiB while declaring 1 KiB', async () => {
    const good = unzipSync(buildPackage({ sheets: [{ name: 'S', xml: sheet(1) }] }));
    const entries = Object.entries(good).map(([name, data]) => ({ name, data, method: 0 as const, declaredSize: data.length }));
    const bomb = { name: 'xl/sharedStrings.xml', data: deflateBomb(PART_SIZE_LIMIT + 64 * 1024 * 1024), method: 8 as const, declaredSize: 1024 };
    const path = write('bomb-actual.xlsx', rawZip([...entries, bomb]));
    const err = await failure(path, 'bomb-actual.xlsx');
    expect(err?.issue?.code).toBe('xlsx_too_large');
    expect(err?.message).toBe('bomb-actual.xlsx: refusing to read XLSX part xl/sharedStrings.xml: it inflates to more than the 256 MiB limit');
  });
});

describe('damaged files are exit 3 "not a valid XLSX", never a stack trace', () => {
  const good = () => buildPackage({ sheets: [{ name: 'S', xml: sheet(400) }] });

  it.each([
    ['truncated.xlsx', /no zip end-of-directory record/],
    ['not-a-zip.xlsx', /no zip end-of-directory record/],
    ['corrupt-deflate.xlsx', /zip entry xl\/worksheets\/sheet1\.xml is corrupt/],
  ])('fixture %s', async (name, reason) => {
    const err = await failure(fixture(name), name);
    expect(err?.exitCode).toBe(3);
    expect(err?.issue?.code).toBe('file_unreadable');
    expect(err?.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: not a valid XLSX \\(`));
    expect(err?.message).toMatch(reason);
    expect(err?.message).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['data cut short', () => patchCentral(good(), 'xl/worksheets/sheet1.xml', 'compressedSize', 10_000_000), /is cut short: the file is truncated/],
    ['unsupported compression', () => patchCentral(good(), 'xl/worksheets/sheet1.xml', 'method', 12), /unsupported compression method 12/],
    ['encrypted entry', () => patchCentral(good(), 'xl/worksheets/sheet1.xml', 'flags', 1), /is encrypted/],
    ['deflate stream ends early', () => patchCentral(good(), 'xl/worksheets/sheet1.xml', 'compressedSize', 200), /corrupt|ends inside/],
    ['no workbook part', () => { const p = unzipSync(good()); delete p['xl/workbook.xml']; return rezip(p); }, /no workbook part/],
    ['sheet part missing', () => { const p = unzipSync(good()); delete p['xl/worksheets/sheet1.xml']; return rezip(p); }, /sheet "S" points to xl\/worksheets\/sheet1\.xml, which is missing/],
    ['sheet XML cut inside sheetData', () => { const p = unzipSync(good()); p['xl/worksheets/sheet1.xml'] = strToU8(sheet(3).slice(0, 150)); return rezip(p); }, /ends before its <\/sheetData>/],
    ['empty file', () => new Uint8Array(0), /too short to be a zip/],
  ])('%s', async (_what, make, reason) => {
    const err = await failure(write('damaged.xlsx', make()));
    expect(err?.exitCode).toBe(3);
    expect(err?.message).toMatch(/^book\.xlsx: not a valid XLSX \(/);
    expect(err?.message).toMatch(reason);
  });

  it('a missing file is file_not_found', async () => {
    const err = await failure(join(dir, 'nope.xlsx'), 'nope.xlsx');
    expect(err?.exitCode).toBe(3);
    expect(err?.issue?.code).toBe('file_not_found');
  });

  it('stored (uncompressed) entries read like deflated ones', async () => {
    const parts = unzipSync(good());
    const stored = Object.entries(parts).map(([name, data]) => ({ name, data, method: 0 as const, declaredSize: data.length }));
    const { rows } = await readAll(write('stored.xlsx', rawZip(stored)));
    expect(rows).toHaveLength(400);
    expect(rows[399]).toEqual({ line: 400, cells: ['row 400'] });
  });
});
