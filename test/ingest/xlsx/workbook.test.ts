import { describe, it, expect } from 'vitest';
import { KpiError } from '../../../src/errors/kpi-error.js';
import { chooseSheet, parseRels, parseWorkbook, relsPathOf, resolveTarget } from '../../../src/ingest/xlsx/workbook.js';
import type { SheetRef } from '../../../src/ingest/xlsx/workbook.js';

describe('resolveTarget / relsPathOf', () => {
  it.each([
    ['xl/', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/', '../customXml/item1.xml', 'customXml/item1.xml'],
    ['xl/', './styles.xml', 'xl/styles.xml'],
    ['', 'xl/workbook.xml', 'xl/workbook.xml'],
    ['xl/', 'worksheets\\sheet2.xml', 'xl/worksheets/sheet2.xml'],
  ])('%s + %s → %s', (base, target, expected) => {
    expect(resolveTarget(base, target)).toBe(expected);
  });

  it('finds the rels part of a part', () => {
    expect(relsPathOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPathOf('workbook.xml')).toBe('_rels/workbook.xml.rels');
  });
});

describe('parseRels', () => {
  it('keeps internal relationships with the last segment of their type', () => {
    const xml =
      '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/>' +
      '<Relationship Id="rId3" Type="http://x/hyperlink" Target="https://example.com" TargetMode="External"/></Relationships>';
    expect(parseRels(xml, 'xl/')).toEqual([
      { id: 'rId1', type: 'worksheet', target: 'xl/worksheets/sheet1.xml' },
      { id: 'rId2', type: 'sharedStrings', target: 'xl/sharedStrings.xml' },
    ]);
  });
});

describe('parseWorkbook', () => {
  it.each([
    ['<workbookPr date1904="1"/>', true],
    ['<workbookPr date1904="true"/>', true],
    ['<workbookPr date1904="0"/>', false],
    ['<workbookPr defaultThemeVersion="1"/>', false],
    ['', false],
  ])('%s → date1904 %s', (pr, expected) => {
    expect(parseWorkbook(`<workbook>${pr}<sheets/></workbook>`).date1904).toBe(expected);
  });

  it('lists sheets in tab order with state and relationship id (any prefix)', () => {
    const xml =
      '<workbook xmlns:r="r"><sheets><sheet name="B &amp; C" sheetId="9" r:id="rId3"/>' +
      '<sheet name="Hidden" sheetId="1" state="hidden" ns2:id="rId1"/></sheets></workbook>';
    expect(parseWorkbook(xml).sheets).toEqual([
      { name: 'B & C', state: 'visible', relId: 'rId3' },
      { name: 'Hidden', state: 'hidden', relId: 'rId1' },
    ]);
  });
});

describe('chooseSheet', () => {
  const sheets: SheetRef[] = [
    { name: 'Hidden', state: 'hidden', relId: '1' },
    { name: 'Very', state: 'veryHidden', relId: '2' },
    { name: 'Data', state: 'visible', relId: '3' },
    { name: 'data', state: 'visible', relId: '4' },
  ];
  it.each([
    [null, 'Data'],
    ['data', 'data'], // the exact name wins over a case-insensitive one
    ['DATA', 'Data'],
    ['Very', 'Very'],
  ])('%j → %s', (wanted, expected) => {
    expect(chooseSheet(sheets, wanted, 'f.xlsx').name).toBe(expected);
  });

  it('falls back to the first worksheet when all are hidden', () => {
    expect(chooseSheet(sheets.slice(0, 2), null, 'f.xlsx').name).toBe('Hidden');
  });

  it('no worksheets at all → exit 3', () => {
    expect(() => chooseSheet([], null, 'f.xlsx')).toThrow(KpiError);
    expect(() => chooseSheet([], null, 'f.xlsx')).toThrow('f.xlsx: the workbook has no worksheet to read');
  });
});
