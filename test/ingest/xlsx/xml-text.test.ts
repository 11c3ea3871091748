import { describe, it, expect } from 'vitest';
import {
  decodeCellText, decodeEntities, decodeOoxmlEscapes, findTags, parseAttrs, richText, rootPrefix, textTags, attrByLocalName,
} from '../../../src/ingest/xlsx/xml-text.js';

describe('decodeEntities', () => {
  it.each([
    ['plain', 'plain'],
    ['a &amp; b', 'a & b'],
    ['&lt;tag&gt;', '<tag>'],
    ['&quot;q&quot; &apos;a&apos;', `"q" 'a'`],
    ['&#1055;&#x440;&#X438;', 'При'],
    ['&#128512;', '😀'],
    ['&amp;amp;', '&amp;'], // decoded once, not twice
    ['&unknown; stays', '&unknown; stays'],
    ['&#xZZ; &#; &#0;', '&#xZZ; &#; &#0;'], // invalid references are kept as written
    ['&#xD800;', '&#xD800;'], // a lone surrogate is not a character
    ['AT&T no semicolon', 'AT&T no semicolon'],
    ['&amp', '&amp'],
  ])('%j → %j', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('decodeOoxmlEscapes', () => {
  it.each([
    ['line1_x000D_\nline2', 'line1\r\nline2'],
    ['_x0009_tab', '\ttab'],
    ['_x005F_x000D_', '_x000D_'], // escaped underscore: the literal text
    ['_x005f_', '_'],
    ['snake_x_case', 'snake_x_case'],
    ['_x12_', '_x12_'],
    ['_x00GZ_', '_x00GZ_'],
    ['end_x000D', 'end_x000D'],
  ])('%j → %j', (input, expected) => {
    expect(decodeOoxmlEscapes(input)).toBe(expected);
  });

  it('entities are decoded before escapes', () => {
    expect(decodeCellText('a &amp; b_x000A_c')).toBe('a & b\nc');
  });
});

describe('parseAttrs / findTags', () => {
  it('reads both quote styles, spaces around =, and entity-decodes values', () => {
    const s = `<sheet name="A &amp; B" sheetId = '2' state="hidden" r:id="rId5"/>`;
    const a = parseAttrs(s, 6, s.length - 2);
    expect(Object.fromEntries(a)).toEqual({ name: 'A & B', sheetId: '2', state: 'hidden', 'r:id': 'rId5' });
    expect(attrByLocalName(a, 'id')).toBe('rId5');
  });

  it('finds tags by local name, skipping comments and > inside attribute values', () => {
    const xml = `<a><!-- <numFmt numFmtId="1" formatCode="no"/> --><x:numFmt numFmtId="164" formatCode="[>100]0"/><numFmts/><numFmt numFmtId="165" formatCode="0"></numFmt></a>`;
    expect(findTags(xml, 'numFmt').map((m) => Object.fromEntries(m))).toEqual([
      { numFmtId: '164', formatCode: '[>100]0' },
      { numFmtId: '165', formatCode: '0' },
    ]);
  });
});

describe('rootPrefix', () => {
  it.each([
    ['<?xml version="1.0"?><worksheet xmlns="x">', ''],
    ['<?xml version="1.0"?>\n<!-- c --><x:worksheet xmlns:x="x">', 'x:'],
    ['<sst>', ''],
    ['<?xml version="1.0"?><wor', null], // incomplete: wait for more text
  ])('%j → %j', (xml, expected) => {
    expect(rootPrefix(xml)).toBe(expected);
  });
});

describe('richText', () => {
  const tags = textTags('');
  it.each([
    ['<t>plain</t>', 'plain'],
    ['<t xml:space="preserve">  kept  </t>', '  kept  '],
    ['<r><rPr><b/><color rgb="FF0000"/></rPr><t>bold </t></r><r><t>run</t></r>', 'bold run'],
    ['<t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/>', '漢字'],
    ['<t/>', ''],
    ['<r><t/></r><r><t>x</t></r>', 'x'],
    ['<t>a&amp;b_x000D_</t>', 'a&b\r'],
    ['<tabColor/><t>not the tab</t>', 'not the tab'],
  ])('%j → %j', (inner, expected) => {
    const s = `<si>${inner}</si>`;
    expect(richText(s, 4, s.length - 5, tags)).toBe(expected);
  });

  it('stops at the item end: text after it is not included', () => {
    const s = '<si><t>one</t></si><si><t>two</t></si>';
    expect(richText(s, 4, s.indexOf('</si>'), tags)).toBe('one');
  });
});
