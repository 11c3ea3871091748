/**
 * Finishing touches on the zip exceljs writes: the `quotePrefix` style on formula-like text
 * (SPEC-DECISIONS #48; exceljs has no such style property), and a re-zip with one fixed entry
 * time, so that the same report gives the same bytes (exceljs stamps entries with the clock).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/** Cell formats (`<xf>` in `<cellXfs>`) with the Text number format get `quotePrefix="1"`. */
export function addQuotePrefix(stylesXml: string): string {
  const open = stylesXml.indexOf('<cellXfs');
  const close = stylesXml.indexOf('</cellXfs>', open);
  if (open < 0 || close < 0) return stylesXml;
  // Whole tags, attribute order unknown: `[^>]*` stops at the tag's end, so this stays linear.
  const xfs = stylesXml
    .slice(open, close)
    .replace(/<xf\b[^>]*>/g, (tag) => (tag.includes(' numFmtId="49"') && !tag.includes('quotePrefix') ? '<xf quotePrefix="1"' + tag.slice(3) : tag));
  return stylesXml.slice(0, open) + xfs + stylesXml.slice(close);
}

/**
 * The package `bytes` with quotePrefix styles added, directory entries dropped (they are
 * optional in OPC) and every entry dated noon of `stamp`'s UTC calendar day.
 */
export function finishPackage(bytes: Uint8Array, stamp: Date): Uint8Array {
  // Zip entry times are local wall-clock fields, and fflate reads them with local getters: a
  // Date built from local fields gives the same bytes whatever time zone the process runs in.
  const mtime = new Date(stamp.getUTCFullYear(), stamp.getUTCMonth(), stamp.getUTCDate(), 12);
  const parts = unzipSync(bytes);
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    if (name.endsWith('/')) continue;
    out[name] = name === 'xl/styles.xml' ? strToU8(addQuotePrefix(strFromU8(data))) : data;
  }
  return zipSync(out, { level: 6, mtime });
}
