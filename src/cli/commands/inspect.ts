/** `kpi inspect FILE...` — what was detected, per file (SPEC §4, SPEC-DECISIONS #34). */
import { makeContext, pipeRun } from '../../app/context.js';
import { loadInputs } from '../../app/load.js';
import { buildInspectDoc } from '../../report/inspect-model.js';
import { renderInspectTable } from '../../render/inspect-table.js';
import { usageError, EXIT } from '../../errors/kpi-error.js';
import { rejectFlags, type SharedOptions } from '../options.js';
import { write, type Io } from '../io.js';
import { writeOutput } from '../../app/write-output.js';
import { collectingEvery } from '../../app/collect-garbage.js';
import { inspectJson } from '../../render/json.js';

export async function run(files: string[], o: SharedOptions, io: Io): Promise<number> {
  rejectFlags('inspect', o, ['groupBy', 'compare', 'explain', 'layout', 'csvDialect', 'period', 'begin', 'end', 'interval', 'rejects', 'strict']);
  const format = o.format ?? (o.output && /\.json$/i.test(o.output) ? 'json' : 'table');
  if (format !== 'table' && format !== 'json') throw usageError(`inspect writes table or json, not ${format}`);
  const ctx = await makeContext(files, o, io.env, io.cwd);
  const res = await loadInputs(ctx.inputs, ctx.settings, { keepRaw: false, lenient: true, pipe: pipeRun(io.env) });
  res.issues.unshift(...ctx.issues);
  const doc = buildInspectDoc(res);
  // in pieces: a file with an issue on every row would otherwise make one string past V8's limit
  const text = format === 'json' ? collectingEvery(inspectJson(doc)) : renderInspectTable(doc);
  if (o.output && o.output !== '-') await writeOutput(o.output, text, ctx.inputs);
  else await write(io.stdout, text);
  return EXIT.ok;
}
