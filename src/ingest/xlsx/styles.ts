/**
 * `styles.xml` reduced to what reading needs: for each cell style index (`s="3"` → the 4th
 * `<xf>` of `<cellXfs>`), how its number format says a numeric value is to be read. Pure.
 */
import { classifyBuiltinFormat, classifyFormatCode, PLAIN_NUMBER } from './number-format.js';
import type { NumberFormatKind } from './number-format.js';
import { findTags } from './xml-text.js';

/** Per-style number-format kinds, indexed by the cell's `s` attribute. */
export type CellStyles = readonly NumberFormatKind[];

/** No styles part: every cell is General. */
export const NO_STYLES: CellStyles = [];

/** Section of `s` from the start tag `<…local` to its end tag, or '' when absent. */
function section(s: string, local: string): string {
  const open = new RegExp(`<(?:[A-Za-z0-9_.-]+:)?${local}[\\s>/]`).exec(s);
  if (!open) return '';
  const close = new RegExp(`</(?:[A-Za-z0-9_.-]+:)?${local}>`).exec(s.slice(open.index));
  return close ? s.slice(open.index, open.index + close.index) : '';
}

/** Parse `styles.xml`. Custom codes (`<numFmt>`) override built-in ids with the same number. */
export function parseStyles(xml: string): CellStyles {
  const custom = new Map<number, NumberFormatKind>();
  for (const a of findTags(section(xml, 'numFmts'), 'numFmt')) {
    const id = Number(a.get('numFmtId'));
    const code = a.get('formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, classifyFormatCode(code));
  }
  const kinds: NumberFormatKind[] = [];
  for (const a of findTags(section(xml, 'cellXfs'), 'xf')) {
    const id = Number(a.get('numFmtId') ?? '0');
    kinds.push(Number.isInteger(id) ? custom.get(id) ?? classifyBuiltinFormat(id) : PLAIN_NUMBER);
  }
  return kinds;
}
