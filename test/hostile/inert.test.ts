/**
 * The checkers the corpus and the fuzzers rely on (support/inert.ts) catch what they claim to:
 * a checker that passes everything would make every injection test pass vacuously.
 */
import { describe, it, expect } from 'vitest';
import { htmlViolations, parseCsv } from './support/inert.js';

describe('htmlViolations', () => {
  it.each([
    ['<p>x <img src=x></p>', '<img src=…>'],
    ['<p onclick="x()">x</p>', '<p onclick=…>'],
    ['<td ONMOUSEOVER=go>1</td>', '<td onmouseover=…>'],
    ['<a href="http://evil.example">x</a>', '<a>'],
    ['<svg><image xlink:href="http://x/"/></svg>', '<image>'],
    ['<div style="background:url(http://x/)">x</div>', 'style='],
    ['<style>td { background: url(x.png) }</style><p>x</p>', '<style>'],
    ['<p>a < b</p>', 'stray "<"'],
    ['<script>alert(1)</script>', '<script>'],
    ['<meta http-equiv="refresh" content="0;url=http://x/">', 'http-equiv'],
  ])('%s is caught', (html, what) => {
    const bad = htmlViolations(html);
    expect(bad.length, html).toBeGreaterThan(0);
    expect(bad.join(' | ')).toContain(what.replace(/…>$/, ''));
  });

  it.each([
    '<p>&lt;img src=x onerror=alert(1)&gt;</p>',
    '<tr data-group="&quot;&gt;&lt;svg onload=alert(1)&gt;"><td>1</td></tr>',
    '<p title=\'a > b\'>=HYPERLINK(&quot;http://evil.example&quot;)</p>',
    '<style>td { color: #333 } .a > .b { margin: 0 }</style><table><tr><td style="width:40px">1</td></tr></table>',
    '<svg width="80" height="20"><title>trend</title><polyline points="0,1 2,3"/></svg>',
  ])('inert: %s', (html) => {
    expect(htmlViolations(html)).toEqual([]);
  });
});

describe('parseCsv', () => {
  it.each([
    ['a,b\r\nc,d\n', ',', ['a', 'b', 'c', 'd']],
    ['"x,y","he said ""hi""",\'=1\n', ',', ['x,y', 'he said "hi"', "'=1"]],
    ['"two\nlines";3,5\n', ';', ['two\nlines', '3,5']],
    ['a\t"b\tc"\n', '\t', ['a', 'b\tc']],
  ])('%j', (text, d, cells) => {
    expect(parseCsv(text, d)).toEqual(cells);
  });
});
