/**
 * The DuckDB baseline: for each CSV workload, SQL computing the core of what `kpi report`
 * computes from that file, so "kpi time / DuckDB time" compares like with like —
 * - leads: lead counts per month × channel, and inbound leads per month;
 * - calls: outbound (and answered outbound) per month × manager, missed inbound per month;
 * - invoices: revenue, profit, invoices, active clients per month, new clients, and
 *   month-over-month retention |A(P₋₁) ∩ A(P)| / |A(P₋₁)|.
 * Every cell is read as text (the layout is given, not sniffed) and parsed in SQL (dates in both styles the files mix, `12 500,00`
 * amounts), as kpi must. `strptime` with a list of formats fails loudly on a value that fits
 * none, so a baseline that silently skipped rows is impossible. Each query returns a `level`
 * column and `n`: the sum of `n` over `level = 'month'` rows is the number of input rows, which
 * the runner checks against the file's row count.
 */
import type { Kind } from './datasets.js';
import { CALL_HEADERS } from './calls.js';
import { INVOICE_HEADERS } from './invoices.js';
import { LEAD_HEADERS } from './leads.js';

/** The reported span (`-p 2024-01..2025-12`). */
const SPAN = `m >= DATE '2024-01-01' AND m < DATE '2026-01-01'`;

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * DuckDB's CSV reader told the layout instead of sniffing it: the sniffer alone costs DuckDB
 * ~0.7 s on a 1M-row file here, and a baseline should be DuckDB at its best, not its default.
 */
function readCsv(path: string, delim: string, headers: readonly string[]): string {
  const cols = headers.map((h) => `${lit(h)}: 'VARCHAR'`).join(', ');
  return `read_csv(${lit(path)}, delim=${lit(delim)}, quote='"', escape='"', header=true, auto_detect=false, columns={${cols}})`;
}

/** `12 500,00` / `12 500,00` (no-break space) / `-1 200,00` → DECIMAL. */
function money(col: string): string {
  return `CAST(replace(replace(replace(${col}, ' ', ''), chr(160), ''), ',', '.') AS DECIMAL(18, 2))`;
}

function leadsSql(path: string): string {
  return `
WITH l AS (
  SELECT date_trunc('month', strptime("Дата создания", ['%d.%m.%Y %H:%M', '%Y-%m-%d %H:%M:%S']))::DATE AS m,
         coalesce(nullif(trim("Источник"), ''), '(none)') AS channel
  FROM ${readCsv(path, ';', LEAD_HEADERS)}
)
SELECT CASE WHEN GROUPING(channel) = 1 THEN 'month' ELSE 'group' END AS level, m, channel,
       count(*) AS n,
       count(*) FILTER (WHERE channel NOT ILIKE '%холодн%') AS inbound
FROM l WHERE ${SPAN}
GROUP BY GROUPING SETS ((m, channel), (m))
ORDER BY m, channel`;
}

function callsSql(path: string): string {
  return `
WITH c AS (
  SELECT date_trunc('month', strptime("Call Start Time", ['%Y-%m-%d %H:%M:%S', '%d.%m.%Y %H:%M']))::DATE AS m,
         lower(trim("Call Type")) AS dir,
         coalesce(nullif(trim("Call Owner"), ''), '(none)') AS manager,
         upper(trim("Status")) = 'ANSWERED' AS answered
  FROM ${readCsv(path, ',', CALL_HEADERS)}
)
SELECT CASE WHEN GROUPING(manager) = 1 THEN 'month' ELSE 'group' END AS level, m, manager,
       count(*) AS n,
       count(*) FILTER (WHERE dir = 'outbound') AS outbound,
       count(*) FILTER (WHERE dir = 'outbound' AND answered) AS outbound_answered,
       count(*) FILTER (WHERE dir = 'inbound' AND NOT answered) AS missed
FROM c WHERE ${SPAN}
GROUP BY GROUPING SETS ((m, manager), (m))
ORDER BY m, manager`;
}

function invoicesSql(path: string): string {
  return `
WITH l AS (
  SELECT date_trunc('month', strptime("Дата", ['%d.%m.%Y', '%Y-%m-%d']))::DATE AS m,
         coalesce(nullif(trim("ИНН"), ''), lower(trim("Контрагент"))) AS client,
         trim("Номер") AS number,
         ${money('"Сумма"')} AS amount,
         ${money('"Себестоимость"')} AS cost
  FROM ${readCsv(path, ';', INVOICE_HEADERS)}
),
inp AS (SELECT * FROM l WHERE ${SPAN}),
per AS (
  SELECT m, count(*) AS n, sum(amount) AS revenue, sum(amount - cost) AS profit,
         count(DISTINCT number) FILTER (WHERE amount > 0) AS invoices,
         count(DISTINCT client) FILTER (WHERE amount > 0) AS active
  FROM inp GROUP BY m
),
act AS (SELECT DISTINCT m, client FROM inp WHERE amount > 0),
firsts AS (SELECT client, min(m) AS m FROM act GROUP BY client),
newc AS (SELECT m, count(*) AS new_clients FROM firsts GROUP BY m),
kept AS (
  SELECT cur.m, count(*) AS retained
  FROM act cur JOIN act prev ON prev.client = cur.client AND prev.m = CAST(cur.m - INTERVAL 1 MONTH AS DATE)
  GROUP BY cur.m
)
SELECT 'month' AS level, per.m, per.n, revenue, profit, invoices, active,
       coalesce(new_clients, 0) AS new_clients, coalesce(retained, 0) AS retained,
       coalesce(retained, 0) / lag(active) OVER (ORDER BY per.m) AS retention
FROM per LEFT JOIN newc USING (m) LEFT JOIN kept USING (m)
ORDER BY per.m`;
}

/** The baseline query for a CSV workload of `kind` reading `path`. */
export function baselineSql(kind: Kind, path: string): string {
  switch (kind) {
    case 'leads': return leadsSql(path);
    case 'calls': return callsSql(path);
    case 'invoices': return invoicesSql(path);
  }
}
