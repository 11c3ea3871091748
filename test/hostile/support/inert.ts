/**
 * What "inert" means for outputs that carry hostile text (SPEC §5, SPEC-DECISIONS #47, #48): CSV
 * cells never start a formula, HTML runs nothing and fetches nothing.
 */
import { expect } from 'vitest';

/** Cells of RFC 4180 CSV text (quotes respected), for checking what a spreadsheet would see. */
export function parseCsv(text: string, delimiter = ','): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unclosed quote in CSV output');
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
      cell = text.slice(i, j);
      i = j;
    }
    cells.push(cell);
    if (text[i] === delimiter) i++;
    else if (text[i] === '\r') i += text[i + 1] === '\n' ? 2 : 1;
    else if (text[i] === '\n') i++;
  }
  return cells;
}

/**
 * No cell a spreadsheet would evaluate: every text cell starting with = + - @ tab or CR has a
 * leading quote. Plain numbers (`-0.01`, excel-ru `-1234,5`) are numbers, not text, and stay as
 * they are (SPEC §5: real numbers stay numbers).
 */
export function expectNoFormulaCells(csv: string, delimiter = ','): string[] {
  const cells = parseCsv(csv, delimiter);
  const live = cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+([.,]\d+)?$/.test(c));
  expect(live).toEqual([]);
  return cells;
}

/**
 * No script, no event-handler attribute, nothing fetched (href/src/url()/@import/link/base/meta
 * refresh/embedded documents), and only the tags the renderer writes. Tags and attributes are
 * scanned as a browser would (quoted values skipped), so hostile text that appears escaped inside
 * text or a quoted attribute value is inert and allowed.
 */
export function expectInertHtml(html: string): void {
  expect(htmlViolations(html)).toEqual([]);
}

/** What makes `html` active, in words (empty when it is inert); one `expect` per page keeps fuzzing fast. */
export function htmlViolations(html: string): string[] {
  const bad: string[] = [];
  const style = /<style>([\s\S]*?)<\/style>/i.exec(html)?.[1] ?? '';
  if (/url\s*\(|@import|expression\s*\(/i.test(style)) bad.push('a fetch or expression in <style>');
  for (const tag of tags(html, bad)) {
    if (!ALLOWED_TAGS.has(tag.name)) bad.push(`<${tag.name}>`);
    for (const [name, value] of tag.attrs) {
      if (/^on/i.test(name) || URL_ATTRS.has(name)) bad.push(`<${tag.name} ${name}=…>`);
      if (name === 'style' && /url\s*\(|expression\s*\(|javascript:/i.test(value)) bad.push(`<${tag.name} style="${value}">`);
    }
  }
  return bad;
}

const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'background', 'poster', 'srcset', 'data', 'http-equiv', 'content-security-policy']);

const ALLOWED_TAGS = new Set(['!doctype', 'html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'span', 'div', 'bdi', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'small', 'b', 'strong', 'em', 'sup', 'sub', 'br', 'ul', 'ol', 'li', 'svg', 'g', 'path', 'polyline', 'polygon', 'line', 'rect', 'circle', 'text', 'tspan', 'desc', 'abbr', 'footer', 'section', 'header', 'code', 'colgroup', 'col', 'hr']);

/** A start or end tag, attributes with double-, single- or unquoted values. */
const TAG = /<(\/?)([a-zA-Z!][^\s/>]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/y;
const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

/** Start tags with their attributes (`<style>` content skipped); a `<` that opens no well-formed tag is a violation. */
function tags(html: string, bad: string[]): { name: string; attrs: [string, string][] }[] {
  const body = html.replace(/(<style>)[\s\S]*?(<\/style>)/gi, '$1$2');
  const out: { name: string; attrs: [string, string][] }[] = [];
  for (let lt = body.indexOf('<'); lt >= 0; lt = body.indexOf('<', lt + 1)) {
    TAG.lastIndex = lt;
    const m = TAG.exec(body);
    if (!m) bad.push(`a stray "<" at ${JSON.stringify(body.slice(lt, lt + 40))}`);
    if (!m || m[1] === '/') continue;
    const attrs: [string, string][] = [];
    for (const a of (m[3] ?? '').matchAll(ATTR)) attrs.push([a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '']);
    out.push({ name: m[2]!.toLowerCase(), attrs });
  }
  return out;
}
