/**
 * `kpi init` on a workbook with a sheet per month: each sheet with data becomes an input of its
 * own, so that the config it writes has a source per sheet (the note `sheets_not_read` otherwise
 * says the report reads one). A sheet whose kind is not detected (a summary, a pivot) is written
 * commented out, like any such file.
 */
import type { InputSpec } from './inputs.js';
import type { ReaderInfo } from '../ingest/types.js';

/**
 * The inputs with, after each workbook read from its default sheet (the first visible one with
 * data: an empty first sheet is passed over, and is not among the others), an input per other
 * sheet with data; null when there is none (the inputs stand as they are). A workbook a source
 * reads (its `sheet:` named) is left as the config has it.
 */
export function sheetInputs(specs: readonly InputSpec[], files: readonly { spec: InputSpec; info: ReaderInfo }[]): InputSpec[] | null {
  const out: InputSpec[] = [];
  let added = false;
  for (const spec of specs) {
    out.push(spec);
    const f = files.find((x) => x.spec === spec);
    if (!f || f.info.format !== 'xlsx' || spec.sheet !== undefined || spec.source?.sheet) continue;
    for (const sheet of f.info.otherSheetsWithData ?? []) {
      out.push({ ...spec, sheet });
      added = true;
    }
  }
  return added ? out : null;
}
