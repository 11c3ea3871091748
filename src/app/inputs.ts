/**
 * Which files are read, with which kind and which source settings (SPEC-DECISIONS #1):
 * files on the command line replace the config's `sources`; a command-line file that matches a
 * source's glob still gets that source's settings; kind flag > source kind > detection.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Kind } from '../records/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { inputError, usageError } from '../errors/kpi-error.js';
import { expandGlob, hasMagic, segmentToRegExp } from './glob.js';
import type { SourceConfig } from './config-types.js';
import { sniffFormat } from './sniff.js';
import { readHead } from './open-table.js';

export interface InputSpec {
  /** Path to open ('-' = stdin). */
  path: string;
  /** The name shown in messages and meta: as given on the command line, or relative to cwd. */
  display: string;
  /** Kind forced by a flag or a source; null = detect from headers. */
  kind: Kind | null;
  /** Settings of the config source this file belongs to, if any. */
  source: SourceConfig | null;
  /**
   * The sheet of a workbook to read, where no source names it: `kpi init` reads each sheet with
   * data of a workbook given on the command line (see `sheetInputs`). Else the source's `sheet:`.
   */
  sheet?: string;
}

export interface CliFiles {
  positional: readonly string[];
  leads: readonly string[];
  calls: readonly string[];
  invoices: readonly string[];
}

/** Does `file` (absolute) match a source glob resolved against `dir`? */
function matchesSource(fileAbs: string, pattern: string, dir: string): boolean {
  const abs = path.resolve(dir, pattern);
  if (!hasMagic(pattern)) return abs === fileAbs;
  const pSegs = abs.split(path.sep);
  const fSegs = fileAbs.split(path.sep);
  const match = (pi: number, fi: number): boolean => {
    if (pi === pSegs.length) return fi === fSegs.length;
    const seg = pSegs[pi]!;
    if (seg === '**') {
      for (let k = fi; k <= fSegs.length; k++) if (match(pi + 1, k)) return true;
      return false;
    }
    if (fi === fSegs.length) return false;
    return segmentToRegExp(seg).test(fSegs[fi]!) && match(pi + 1, fi + 1);
  };
  return match(0, 0);
}

function sourceFiles(s: SourceConfig): string[] {
  return Array.isArray(s.files) ? [...s.files] : [s.files];
}

/** The sheet a source names, as `chooseSheet` matches it (case aside); '' for the default one. */
function sheetKey(src: SourceConfig | null): string {
  return src?.sheet?.trim().toLowerCase() ?? '';
}

/** Is the file a workbook, by its first bytes as `openTable` decides (`sniffFormat`)? False when it cannot be read. */
async function isWorkbook(p: string): Promise<boolean> {
  try {
    return sniffFormat(await readHead(p, 8)).format === 'xlsx';
  } catch {
    return false;
  }
}

async function realOf(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Resolve the input list. Throws exit 2 when there is nothing to read, exit 3 when a glob matches
 * nothing. Issues (file_repeated, kind_flag_conflict) are appended to `issues`.
 */
export async function resolveInputs(
  cli: CliFiles,
  sources: readonly SourceConfig[],
  configDir: string | null,
  cwd: string,
  issues: Issue[],
): Promise<InputSpec[]> {
  const out: InputSpec[] = [];
  const seen = new Map<string, InputSpec>();
  const add = async (spec: InputSpec): Promise<void> => {
    if (spec.path === '-') {
      out.push(spec);
      return;
    }
    // a workbook may be read once per sheet, by sources that name different sheets (a CSV file
    // has none: it is read once whatever its sources say)
    const real = await realOf(path.resolve(cwd, spec.path));
    const sheet = sheetKey(spec.source);
    const key = sheet !== '' && (await isWorkbook(real)) ? `${real}\u0000${sheet}` : real;
    const prev = seen.get(key);
    if (prev) {
      issues.push(makeIssue('file_repeated', { file: spec.display }, { message: `${spec.display} is the same file as ${prev.display}; it is read once` }));
      return;
    }
    seen.set(key, spec);
    out.push(spec);
  };
  const cliGiven = cli.positional.length + cli.leads.length + cli.calls.length + cli.invoices.length > 0;
  if (cliGiven) {
    const groups: [readonly string[], Kind | null][] = [
      [cli.positional, null],
      [cli.leads, 'leads'],
      [cli.calls, 'calls'],
      [cli.invoices, 'invoices'],
    ];
    for (const [list, flagKind] of groups) {
      for (const arg of list) {
        if (arg === '-') {
          if (!flagKind) throw usageError('standard input (-) needs a kind', 'use --leads -, --calls - or --invoices -');
          await add({ path: '-', display: '<stdin>', kind: flagKind, source: null });
          continue;
        }
        const matches = await expandGlob(arg, cwd);
        if (hasMagic(arg) && matches.length === 0) {
          throw inputError(`${arg}: no file matches this pattern`, { hint: 'check the path and the pattern; kpi expands * ? ** [..] {a,b} itself' });
        }
        for (const m of matches) {
          const abs = path.resolve(cwd, m);
          // the first source the file matches gives its settings; a workbook listed once per
          // sheet is read once per sheet (the first source naming each)
          const all = configDir ? sources.filter((s) => sourceFiles(s).some((f) => matchesSource(abs, f, configDir))) : [];
          const srcs = all.length > 1 && (await isWorkbook(abs)) ? all : all.slice(0, 1);
          const sheets = new Set<string>();
          for (const src of srcs.length === 0 ? [null] : srcs) {
            const sheet = sheetKey(src);
            if (sheets.has(sheet)) continue;
            sheets.add(sheet);
            let kind: Kind | null = flagKind;
            if (flagKind && src && src.kind !== flagKind) {
              issues.push(makeIssue('kind_flag_conflict', { file: m }, { message: `--${flagKind} overrides the config source kind "${src.kind}"` }));
            }
            if (!kind && src) kind = src.kind;
            await add({ path: m, display: m, kind, source: src });
          }
        }
      }
    }
  } else if (configDir) {
    for (const s of sources) {
      for (const pattern of sourceFiles(s)) {
        const matches = await expandGlob(pattern, configDir);
        if (matches.length === 0 || (!hasMagic(pattern) && !(await exists(path.resolve(configDir, pattern))))) {
          throw inputError(`config source ${JSON.stringify(pattern)}: no file matches (looked in ${path.relative(cwd, configDir) || '.'})`, {
            hint: 'paths in a config file are relative to the config file\'s folder',
          });
        }
        for (const m of matches) {
          const abs = path.resolve(configDir, m);
          await add({ path: abs, display: path.relative(cwd, abs) || abs, kind: s.kind, source: s });
        }
      }
    }
  }
  if (out.length === 0) {
    throw usageError('no input files', 'give files on the command line (kpi report exports/*.csv) or list them under `sources:` in kpi.config.yaml');
  }
  return out;
}

async function exists(p: string): Promise<boolean> {
  try {
    await realpath(p);
    return true;
  } catch {
    return false;
  }
}
