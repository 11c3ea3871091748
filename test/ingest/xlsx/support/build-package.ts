/**
 * Builds XLSX packages from literal XML with fflate `zipSync`, for fixtures that Excel-like
 * writers cannot produce on demand (Google Sheets quirks, prefixed namespaces, broken zips) and
 * for generated test inputs. Deterministic: fixed entry times, parts in a fixed order.
 */
import { zipSync, strToU8 } from 'fflate';

/**
 * Entry time for every generated zip entry, so fixture bytes never change between runs. Built
 * from local components because zip (DOS) times are local: a UTC instant would give different
 * bytes in different time zones.
 */
export const FIXED_MTIME = new Date(2024, 0, 1, 0, 0, 0);

export interface SheetSpec {
  name: string;
  /** Full part XML (a worksheet or chartsheet document). */
  xml: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  kind?: 'worksheet' | 'chartsheet';
}

export interface PackageSpec {
  sheets: SheetSpec[];
  /** Full `sharedStrings.xml`, if any. */
  sharedStrings?: string;
  /** Full `styles.xml`, if any. */
  styles?: string;
  date1904?: boolean;
  /** Write relationship targets as absolute package paths (`/xl/worksheets/…`), as some writers do. */
  absoluteTargets?: boolean;
  /** Deflate level (default 6, as Excel); 1 builds big generated inputs faster. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Escape text for an XML attribute or text node. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A worksheet document around the given `<sheetData>` content; `extra` follows sheetData. */
export function worksheetXml(rows: string, opts: { dimension?: string; extra?: string } = {}): string {
  const dim = opts.dimension ? `<dimension ref="${opts.dimension}"/>` : '';
  return `${XML_DECL}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">${dim}<sheetData>${rows}</sheetData>${opts.extra ?? ''}</worksheet>`;
}

/** A shared-string table from raw `<si>` inner XML items. */
export function sharedStringsXml(items: readonly string[]): string {
  const body = items.map((i) => `<si>${i}</si>`).join('');
  return `${XML_DECL}<sst xmlns="${NS}" count="${items.length}" uniqueCount="${items.length}">${body}</sst>`;
}

/** A styles part: custom number formats and the numFmtId of each cellXfs entry (index = `s`). */
export function stylesXml(numFmts: ReadonlyArray<{ id: number; code: string }>, xfNumFmtIds: readonly number[]): string {
  const fmts = numFmts.length
    ? `<numFmts count="${numFmts.length}">${numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${esc(f.code)}"/>`).join('')}</numFmts>`
    : '';
  const xfs = xfNumFmtIds.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join('');
  return (
    `${XML_DECL}<styleSheet xmlns="${NS}">${fmts}<fonts count="1"><font><sz val="11"/></font></fonts>` +
    `<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${xfNumFmtIds.length}">${xfs}</cellXfs></styleSheet>`
  );
}

/** Zip a full package. Part order follows Excel's: content types, rels, workbook, sheets, styles, strings. */
export function buildPackage(spec: PackageSpec): Uint8Array {
  const t = (p: string): string => (spec.absoluteTargets ? `/xl/${p}` : p);
  const files: Record<string, Uint8Array> = {};
  const overrides: string[] = [];
  const wbRels: string[] = [];
  const sheetTags: string[] = [];
  spec.sheets.forEach((s, i) => {
    const kind = s.kind ?? 'worksheet';
    const folder = kind === 'worksheet' ? 'worksheets' : 'chartsheets';
    const part = `${folder}/sheet${i + 1}.xml`;
    overrides.push(`<Override PartName="/xl/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`);
    wbRels.push(`<Relationship Id="rId${i + 1}" Type="${REL_NS}/${kind}" Target="${t(part)}"/>`);
    const state = s.state && s.state !== 'visible' ? ` state="${s.state}"` : '';
    sheetTags.push(`<sheet name="${esc(s.name)}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`);
  });
  const n = spec.sheets.length;
  if (spec.styles) wbRels.push(`<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="${t('styles.xml')}"/>`);
  if (spec.sharedStrings) wbRels.push(`<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="${t('sharedStrings.xml')}"/>`);
  files['[Content_Types].xml'] = strToU8(
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      overrides.join('') +
      `</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const pr = spec.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>';
  files['xl/workbook.xml'] = strToU8(`${XML_DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}">${pr}<sheets>${sheetTags.join('')}</sheets></workbook>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(`${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${wbRels.join('')}</Relationships>`);
  spec.sheets.forEach((s, i) => {
    files[`xl/${(s.kind ?? 'worksheet') === 'worksheet' ? 'worksheets' : 'chartsheets'}/sheet${i + 1}.xml`] = strToU8(s.xml);
  });
  if (spec.styles) files['xl/styles.xml'] = strToU8(spec.styles);
  if (spec.sharedStrings) files['xl/sharedStrings.xml'] = strToU8(spec.sharedStrings);
  return zipSync(files, { level: spec.level ?? 6, mtime: FIXED_MTIME });
}

/** Re-zip any package deterministically (fixed entry times), keeping its parts and their order. */
export function rezip(parts: Record<string, Uint8Array>): Uint8Array {
  return zipSync(parts, { level: 6, mtime: FIXED_MTIME });
}

/**
 * Overwrite the declared inflated size of one entry (central directory and local header), to
 * build zip bombs that lie about their size without inflating anything large.
 */
export function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = new Uint8Array(zip); // a copy, even when given a Buffer (whose slice() is a view)
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const want = strToU8(name);
  const nameAt = (at: number): boolean => want.every((b, i) => out[at + i] === b);
  let patched = 0;
  for (let p = 0; p + 46 <= out.length; p++) {
    const sig = dv.getUint32(p, true);
    if (sig === 0x02014b50 && dv.getUint16(p + 28, true) === want.length && nameAt(p + 46)) {
      dv.setUint32(p + 24, size, true);
      patched++;
    } else if (sig === 0x04034b50 && dv.getUint16(p + 26, true) === want.length && nameAt(p + 30)) {
      dv.setUint32(p + 22, size, true);
      patched++;
    }
  }
  if (patched < 2) throw new Error(`patchDeclaredSize: entry ${name} not found`);
  return out;
}
