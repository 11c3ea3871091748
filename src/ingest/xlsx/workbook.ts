/**
 * The package map: relationships (`*.rels`), the workbook's sheet list and date system, and the
 * choice of which worksheet to read. Pure: works on the parts' text.
 */
import { makeIssue } from '../../errors/issue.js';
import { inputError } from '../../errors/kpi-error.js';
import type { KpiError } from '../../errors/kpi-error.js';
import { attrByLocalName, findTags } from './xml-text.js';

/** One relationship of a part. */
export interface Relationship {
  id: string;
  /** The type URI's last segment: `worksheet`, `chartsheet`, `sharedStrings`, `styles`, `officeDocument`, … */
  type: string;
  /** Package path of the target, resolved against the source part's folder. */
  target: string;
}

/** A sheet as listed in `workbook.xml`, in tab order. */
export interface SheetRef {
  name: string;
  /** `visible`, `hidden` or `veryHidden`. */
  state: string;
  relId: string;
}

/** What `workbook.xml` says about reading. */
export interface WorkbookInfo {
  /** The 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
  date1904: boolean;
  sheets: SheetRef[];
}

/**
 * Resolve a relationship target against the folder of the part that owns the rels
 * (`xl/` for `xl/_rels/workbook.xml.rels`). Absolute targets (`/xl/…`) start at the package root.
 */
export function resolveTarget(baseDir: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const joined = t.startsWith('/') ? t.slice(1) : baseDir + t;
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Parse a `.rels` part; `baseDir` is the owning part's folder, with a trailing slash or ''. */
export function parseRels(xml: string, baseDir: string): Relationship[] {
  const rels: Relationship[] = [];
  for (const a of findTags(xml, 'Relationship')) {
    const id = a.get('Id');
    const type = a.get('Type');
    const target = a.get('Target');
    if (id === undefined || type === undefined || target === undefined) continue;
    if (a.get('TargetMode') === 'External') continue;
    rels.push({ id, type: type.slice(type.lastIndexOf('/') + 1), target: resolveTarget(baseDir, target) });
  }
  return rels;
}

/** The folder of a package path, with its trailing slash (`xl/workbook.xml` → `xl/`). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

/** The rels part that belongs to a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
export function relsPathOf(path: string): string {
  const dir = dirOf(path);
  return `${dir}_rels/${path.slice(dir.length)}.rels`;
}

/** Parse `workbook.xml`: the date system and every sheet entry in tab order. */
export function parseWorkbook(xml: string): WorkbookInfo {
  const pr = findTags(xml, 'workbookPr')[0];
  const d1904 = pr?.get('date1904')?.trim().toLowerCase();
  const sheets: SheetRef[] = [];
  for (const a of findTags(xml, 'sheet')) {
    const name = a.get('name');
    const relId = attrByLocalName(a, 'id');
    if (name === undefined || relId === undefined) continue;
    sheets.push({ name, state: a.get('state') ?? 'visible', relId });
  }
  return { date1904: d1904 === '1' || d1904 === 'true', sheets };
}

/**
 * Pick the sheet to read among the worksheets (tab order): the one named `wanted` (exact name,
 * else case-insensitive), or the first visible one. A workbook whose worksheets are all hidden
 * (Excel refuses to save one, other writers do not) falls back to the first worksheet rather
 * than failing. Missing name → exit 3 naming the sheets that exist.
 */
export function chooseSheet(worksheets: readonly SheetRef[], wanted: string | null | undefined, file: string): SheetRef {
  if (wanted !== null && wanted !== undefined) {
    const exact = worksheets.find((s) => s.name === wanted);
    if (exact) return exact;
    const lower = wanted.toLowerCase();
    const loose = worksheets.find((s) => s.name.toLowerCase() === lower);
    if (loose) return loose;
    throw sheetNotFound(file, wanted, worksheets);
  }
  const first = worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? worksheets[0];
  if (!first) throw sheetNotFound(file, null, worksheets);
  return first;
}

function sheetNotFound(file: string, wanted: string | null, worksheets: readonly SheetRef[]): KpiError {
  const names = worksheets.map((s) => `"${s.name}"`).join(', ');
  const message =
    wanted === null
      ? `${file}: the workbook has no worksheet to read`
      : `${file}: no sheet named "${wanted}"; the workbook has ${names || 'no worksheets'}`;
  const issue = makeIssue('sheet_not_found', { file, sheet: wanted }, {
    message,
    value: wanted,
    expected: names ? `one of ${names}` : 'a worksheet',
    // no worksheet at all: chart sheets only (a damaged package is refused before, as file_unreadable)
    hint: wanted === null ? 'open the workbook in Excel or LibreOffice and export the sheet with the data as .xlsx or CSV' : 'set `sheet:` for this source to one of the names listed',
  });
  return inputError(message, { issue });
}
