/** `kpi init FILE...` — write a starter config that reproduces what inspect detected (SPEC-DECISIONS #35). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { makeContext } from '../../app/context.js';
import { loadInputs } from '../../app/load.js';
import { buildInitConfig } from '../../app/init-config.js';
import { sheetInputs } from '../../app/sheet-inputs.js';
import { writeOutput } from '../../app/write-output.js';
import { usageError, EXIT } from '../../errors/kpi-error.js';
import { rejectFlags, type SharedOptions } from '../options.js';
import { write, type Io } from '../io.js';

export async function run(files: string[], o: SharedOptions, io: Io): Promise<number> {
  rejectFlags('init', o, ['groupBy', 'compare', 'explain', 'layout', 'csvDialect', 'period', 'begin', 'end', 'interval', 'rejects', 'strict']);
  const target = o.output ?? 'kpi.config.yaml';
  const toStdout = target === '-';
  const abs = path.resolve(io.cwd, target);
  if (!toStdout && existsSync(abs) && !o.force) throw usageError(`${target} exists`, 'use --force to overwrite it, or -o another path');
  const ctx = await makeContext(files, { ...o, noConfig: true, config: null }, io.env, io.cwd);
  const first = await loadInputs(ctx.inputs, ctx.settings, { keepRaw: false, lenient: true });
  // a workbook's other sheets with data get a source each: read again, a sheet an input
  const bySheet = sheetInputs(ctx.inputs, first.files);
  const res = bySheet === null ? first : await loadInputs(bySheet, ctx.settings, { keepRaw: false, lenient: true });
  const text = buildInitConfig(res.files, toStdout ? io.cwd : path.dirname(abs), io.cwd, ctx.tz);
  for (const f of res.files) {
    if (!f.setup.kind) io.stderr.write(`kpi: warning: ${f.spec.display}${f.info.sheet !== null && f.info.sheets.length > 1 ? ` [sheet ${f.info.sheet}]` : ''}: kind not detected; its source is commented out in the config\n`);
  }
  if (toStdout) await write(io.stdout, text);
  else {
    await writeOutput(abs, text, ctx.inputs);
    if (!o.quiet) io.stderr.write(`kpi: wrote ${target} (${res.files.length} source${res.files.length === 1 ? '' : 's'})\n`);
  }
  return EXIT.ok;
}
