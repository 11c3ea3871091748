/**
 * `--others`: the "always faster than Miller, sqlite3 and csvkit", checked by timing
 * each installed tool once on the same files. Each does the same grouping as the DuckDB baseline
 * where its language allows (sqlite3 does all of it; Miller and csvkit the per-month counts and
 * sums, without retention — less work than kpi does, so a win over them is not flattered).
 * csvkit loads rows through Python one by one; at 1M rows it takes minutes, so it runs on the
 * 100k files. A tool that is not installed is listed as not run, never guessed.
 */
import { spawnSync } from 'node:child_process';
import type { Kind } from './datasets.js';
import { timeProcess } from './measure.js';
import type { OtherToolResult, WorkloadResult } from './results.js';

/** `YYYY-MM` from `dd.mm.yyyy…` or `yyyy-mm-dd…` in SQL (sqlite has no strptime). */
const SQL_MONTH = (col: string): string =>
  `CASE WHEN substr(${col}, 3, 1) = '.' THEN substr(${col}, 7, 4) || '-' || substr(${col}, 4, 2) ELSE substr(${col}, 1, 7) END`;
const SQL_MONEY = (col: string): string => `CAST(replace(replace(replace(${col}, ' ', ''), char(160), ''), ',', '.') AS REAL)`;

/** The per-kind query in SQLite's dialect (sqlite3 and csvkit's csvsql both run it). */
export function sqliteQuery(kind: Kind, table: string, withRetention: boolean): string {
  switch (kind) {
    case 'leads':
      return `SELECT ${SQL_MONTH('"Дата создания"')} AS m, coalesce(nullif(trim("Источник"), ''), '(none)') AS ch, count(*) AS n, ` +
        `sum(coalesce("Источник", '') NOT LIKE '%холодн%') AS inbound FROM ${table} GROUP BY m, ch ORDER BY m, ch`;
    case 'calls':
      return `SELECT ${SQL_MONTH('"Call Start Time"')} AS m, "Call Owner" AS mgr, sum("Call Type" = 'Outbound') AS outbound, ` +
        `sum("Call Type" = 'Inbound' AND "Status" <> 'ANSWERED') AS missed FROM ${table} GROUP BY m, mgr ORDER BY m, mgr`;
    case 'invoices': {
      const lines = `SELECT ${SQL_MONTH('"Дата"')} AS m, coalesce(nullif("ИНН", ''), "Контрагент") AS client, "Номер" AS num, ` +
        `${SQL_MONEY('"Сумма"')} AS amount, ${SQL_MONEY('"Себестоимость"')} AS cost FROM ${table}`;
      if (!withRetention) {
        return `WITH l AS (${lines}) SELECT m, sum(amount) AS revenue, sum(amount - cost) AS profit, ` +
          `count(DISTINCT CASE WHEN amount > 0 THEN client END) AS active FROM l GROUP BY m ORDER BY m`;
      }
      return `CREATE TABLE l AS ${lines}; ` +
        `CREATE TABLE act AS SELECT DISTINCT m, client FROM l WHERE amount > 0; ` +
        `SELECT p.m, p.revenue, p.active, (SELECT count(*) FROM act a JOIN act b ON b.client = a.client ` +
        `AND b.m = strftime('%Y-%m', a.m || '-01', '-1 month') WHERE a.m = p.m) AS retained ` +
        `FROM (SELECT m, sum(amount) AS revenue, sum(amount - cost) AS profit, count(DISTINCT CASE WHEN amount > 0 THEN client END) AS active FROM l GROUP BY m) p ORDER BY p.m;`;
    }
  }
}

/** Miller verbs for the same grouping (month by regex, then counts or sums). */
export function millerArgs(kind: Kind, file: string): string[] {
  const month = (field: string): string =>
    `$m = ${field} =~ "^(\\d\\d)\\.(\\d\\d)\\.(\\d{4})" ? "\\3-\\2" : substr(${field}, 0, 6)`;
  switch (kind) {
    case 'leads':
      return ['--icsv', '--ifs', ';', '--ojson', 'put', '-q', `${month('${Дата создания}')}; ch = ${'${Источник}'}; ` +
        `if (ch == "") { ch = "(none)" } @n[$m][ch] += 1; end { emit @n, "m", "ch" }`, file];
    case 'calls':
      return ['--icsv', '--ojson', 'put', '-q', `${month('${Call Start Time}')}; if (${'${Call Type}'} == "Outbound") { @out[$m][${'${Call Owner}'}] += 1 } ` +
        `elif (${'$Status'} != "ANSWERED") { @missed[$m] += 1 } end { emit @out, "m", "mgr"; emit @missed, "m" }`, file];
    case 'invoices':
      return ['--icsv', '--ifs', ';', '--ojson', 'put', '-q', `${month('$Дата')}; ` +
        `a = float(gsub(gsub($Сумма, "[ \u00a0]", ""), ",", ".")); @rev[$m] += a; if (a > 0) { @act[$m][$ИНН] = 1 } ` +
        `end { emit @rev, "m"; for (m, cs in @act) { @active[m] = length(cs) } emit @active, "m" }`, file];
  }
}

function installed(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

interface Tool {
  name: string;
  binary: string;
  maxRows: number;
  args: (kind: Kind, file: string, delim: string) => string[];
}

const TOOLS: readonly Tool[] = [
  {
    name: 'sqlite3', binary: 'sqlite3', maxRows: 1_000_000,
    args: (kind, file, delim) => ['-bail', ':memory:', '-cmd', '.mode csv', '-cmd', `.separator "${delim}"`, '-cmd', `.import "${file}" t`, sqliteQuery(kind, 't', true)],
  },
  { name: 'Miller', binary: 'mlr', maxRows: 1_000_000, args: (kind, file) => millerArgs(kind, file) },
  {
    name: 'csvkit', binary: 'csvsql', maxRows: 100_000,
    args: (kind, file, delim) => ['-d', delim, '-I', '--tables', 't', '--query', sqliteQuery(kind, 't', false), file],
  },
];

/** Time each installed tool once on the largest CSV of each kind it is allowed. */
export async function timeOtherTools(results: readonly WorkloadResult[], cwd: string, log: (l: string) => void): Promise<OtherToolResult[]> {
  const out: OtherToolResult[] = [];
  for (const tool of TOOLS) {
    const have = installed(tool.binary);
    for (const kind of ['leads', 'calls', 'invoices'] as const) {
      const candidates = results.filter((r) => r.kind === kind && r.format === 'csv' && r.rows <= tool.maxRows);
      const w = candidates.sort((a, b) => b.rows - a.rows)[0];
      if (!w) continue;
      if (!have) {
        out.push({ tool: tool.name, workload: w.name, rows: w.rows, wall_s: null, kpi_s: null, kpi_faster: null, error: `${tool.binary} not installed` });
        continue;
      }
      const delim = kind === 'calls' ? ',' : ';';
      const r = await timeProcess(tool.binary, tool.args(kind, w.file, delim), { cwd, timeoutMs: 20 * 60_000 });
      const ok = r.exitCode === 0 && r.stdout.trim().length > 0;
      const kpiS = w.kpi.error === null ? w.kpi.median_s : null;
      const res: OtherToolResult = {
        tool: tool.name, workload: w.name, rows: w.rows,
        wall_s: ok ? r.wallMs / 1000 : null,
        kpi_s: kpiS,
        kpi_faster: ok && kpiS !== null ? kpiS < r.wallMs / 1000 : null,
        error: ok ? null : `exit ${r.exitCode}: ${r.stderr.trim().slice(0, 200)}`,
      };
      log(`  ${tool.name} on ${w.name} ${w.rows}: ${res.wall_s === null ? res.error : res.wall_s.toFixed(2) + ' s'}`);
      out.push(res);
    }
  }
  return out;
}
