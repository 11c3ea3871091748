/** `kpi report` and `kpi leads|active|inbound|calls|clients` (SPEC §4, §5). */
import { runReport } from '../../app/report-run.js';
import { collectingEvery } from '../../app/collect-garbage.js';
import { writeRejects } from '../../app/rejects.js';
import { writeOutput } from '../../app/write-output.js';
import { summarizeIssues } from '../../errors/format.js';
import { EXIT, usageError } from '../../errors/kpi-error.js';
import type { SectionId } from '../../kpi/registry.js';
import type { SharedOptions } from '../options.js';
import { write, type Io } from '../io.js';

const EXT: Record<string, string> = { csv: 'csv', tsv: 'tsv', json: 'json', md: 'md', markdown: 'md', html: 'html', htm: 'html', xlsx: 'xlsx' };

export function chooseFormat(o: SharedOptions): string {
  if (o.format) return o.format;
  if (o.output && o.output !== '-') {
    const ext = o.output.split('.').pop()?.toLowerCase() ?? '';
    return EXT[ext] ?? 'table';
  }
  return 'table';
}

export function colorOn(o: SharedOptions, io: Io, toFile: boolean): boolean {
  if (o.color === 'always') return true;
  if (o.color === 'never' || toFile) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdout.isTTY === true;
}

export async function run(files: string[], o: SharedOptions, io: Io, extra: Record<string, unknown>): Promise<number> {
  const format = chooseFormat(o);
  if (!['table', 'csv', 'tsv', 'json', 'md', 'html', 'xlsx'].includes(format)) throw usageError(`unknown format "${format}"`, 'use table, csv, tsv, json, md, html or xlsx');
  if (o.csvDialect !== null && o.csvDialect !== 'excel-ru') throw usageError(`unknown --csv-dialect "${o.csvDialect}"`, 'the only dialect is excel-ru');
  if (o.csvDialect && format !== 'csv') throw usageError(`--csv-dialect applies to csv output, not ${format}`);
  if (o.layout && !['csv', 'tsv', 'md'].includes(format) && !o.quiet) io.stderr.write(`kpi: note: --layout applies to csv, tsv and md; ${format} ignores it\n`);
  const toTerminal = !o.output || o.output === '-';
  if (format === 'xlsx' && toTerminal && io.stdout.isTTY) throw usageError('an XLSX workbook cannot be written to a terminal', 'use -o report.xlsx, or redirect stdout to a file');
  const only = (extra.section as SectionId | undefined) ?? null;
  const toFile = o.output !== null && o.output !== '-';
  const { ctx, load, report } = await runReport(files, o, io.env, io.cwd, only, format === 'table');
  const lang = o.lang ?? ctx.config.lang ?? 'en';
  const layout = o.layout ?? 'wide';
  // each renderer is loaded when asked for: a JSON run never loads chalk, fflate or the HTML
  // templates (start-up time, see docs/performance.md)
  const text: string | Uint8Array | Iterable<string> =
    format === 'xlsx' ? await (await import('../../render/xlsx.js')).renderXlsx(report, { lang })
    : format === 'html' ? collectingEvery((await import('../../render/html.js')).renderHtmlChunks(report, { lang }))
    : format === 'json' ? collectingEvery((await import('../../render/json.js')).renderJsonChunks(report))
    : format === 'csv' ? collectingEvery((await import('../../render/csv.js')).renderCsvChunks(report, { layout, delimiter: ',', dialect: o.csvDialect === 'excel-ru' ? 'excel-ru' : 'default' }))
    : format === 'tsv' ? collectingEvery((await import('../../render/csv.js')).renderCsvChunks(report, { layout, delimiter: '\t', dialect: 'default' }))
    : format === 'md' ? collectingEvery((await import('../../render/md.js')).renderMarkdownChunks(report, { layout, lang }))
    : collectingEvery((await import('../../render/table.js')).renderTableChunks(report, { color: colorOn(o, io, toFile), lang }));
  if (o.rejects) await writeRejects(o.rejects, load.rejects, ctx.inputs);
  if (toFile) await writeOutput(o.output!, text, ctx.inputs);
  else await write(io.stdout, text);
  for (const line of summarizeIssues(load.issues, { quiet: o.quiet, lang })) io.stderr.write(`kpi: ${line}\n`);
  const rejected = load.files.reduce((n, f) => n + f.stats.rows_rejected, 0);
  const warnings = load.issues.filter((i) => i.severity === 'warning').length;
  if (!o.quiet && rejected > 0) io.stderr.write(lang === 'ru' ? `kpi: всего отклонено строк: ${rejected}; причины — выше, в -O json или --rejects ФАЙЛ\n` : `kpi: ${rejected} row(s) rejected in all; see the lines above, -O json or --rejects FILE\n`);
  if (o.strict && (rejected > 0 || warnings > 0)) {
    io.stderr.write(lang === 'ru' ? `kpi: --strict: отклонено строк ${rejected}, предупреждений ${warnings}\n` : `kpi: --strict: ${rejected} rejected row(s), ${warnings} warning(s)\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
