/**
 * Random exports with hostile text through the whole pipeline (load → link → compute → report →
 * render), in-process. For every case:
 * - nothing throws but a KpiError (a user-facing refusal), and refusals stay rare;
 * - the JSON validates against the SPEC §5 schema (so read = used + rejected per file, one row per
 *   cell, group null where group_by is null);
 * - with -g, the additive metrics of the group rows sum to the total row, period by period;
 * - CSV and TSV (wide, tidy, excel-ru) hold no cell a spreadsheet would evaluate;
 * - HTML runs nothing and fetches nothing; Markdown tables keep their shape.
 * A second property renders XLSX (slower) and checks no formula cell is ever written.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { runReport } from '../../src/app/report-run.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { renderJson } from '../../src/render/json.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderHtml } from '../../src/render/html.js';
import { renderMarkdown } from '../../src/render/md.js';
import { renderXlsx } from '../../src/render/xlsx.js';
import type { Report } from '../../src/report/model.js';
import { reportJsonSchema, type ReportJson } from '../../src/report/json-schema.js';
import { expectInertHtml, expectNoFormulaCells } from '../hostile/support/inert.js';
import { callsCsv, invoicesCsv, leadsCsv, reportOptions } from './support/exports.js';
import { fuzzRuns, fuzzSeed } from './support/runs.js';

/**
 * Metrics where every record falls in exactly one group (SPEC §3 Groups), so the groups add up
 * to the total. Distinct-client and distinct-number counts (clients_active, invoices,
 * missed_unreturned) do not: one client can buy through two managers.
 */
const ADDITIVE = [
  'leads_total', 'leads_inbound', 'leads_outbound', 'leads_won', 'new_sales_inbound', 'new_sales_outbound',
  'calls_outbound', 'calls_outbound_answered', 'calls_internal', 'calls_inbound', 'calls_inbound_answered',
  'calls_inbound_missed', 'missed_anonymous', 'revenue', 'new_clients', 'new_clients_inbound', 'new_clients_outbound',
];

let dir = '';
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kpi-fuzz-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const inputs = fc.record({ leads: fc.option(leadsCsv), calls: fc.option(callsCsv), invoices: fc.option(invoicesCsv) })
  .filter((i) => i.leads !== null || i.calls !== null || i.invoices !== null);
interface CaseOptions {
  groupBy: 'channel' | 'manager' | 'segment' | null;
  compare: string | null;
  explain: boolean;
  interval: 'week' | 'quarter' | null;
  period: string | null;
}
const options: fc.Arbitrary<CaseOptions> = fc.record({
  groupBy: fc.constantFrom<CaseOptions['groupBy']>(null, 'channel', 'manager', 'segment'),
  compare: fc.constantFrom(null, 'prev', 'yoy'),
  explain: fc.boolean(),
  interval: fc.constantFrom<CaseOptions['interval']>(null, 'week', 'quarter'),
  period: fc.constantFrom(null, '2024-01..2024-06', '2024-03'),
});

/** Write the case's files; returns their paths (kind flags, so detection is not what is fuzzed here). */
function writeInputs(i: { leads: string | null; calls: string | null; invoices: string | null }): { leads: string[]; calls: string[]; invoices: string[] } {
  const k = ++n;
  const out = { leads: [] as string[], calls: [] as string[], invoices: [] as string[] };
  for (const kind of ['leads', 'calls', 'invoices'] as const) {
    const text = i[kind];
    if (text === null) continue;
    const p = path.join(dir, `${kind}-${k}.csv`);
    writeFileSync(p, text);
    out[kind].push(p);
  }
  return out;
}

/** Run a case; null when it was refused with a KpiError (the only acceptable failure). */
async function report(i: Parameters<typeof writeInputs>[0], o: CaseOptions): Promise<Report | null> {
  try {
    const files = writeInputs(i);
    return (await runReport([], reportOptions({ ...files, ...o }), { TZ: 'UTC' }, dir, null, false)).report;
  } catch (e) {
    if (e instanceof KpiError && (e.exitCode === 2 || e.exitCode === 3)) return null;
    throw e;
  }
}

function expectGroupsAddUp(doc: ReportJson): void {
  if (doc.meta.group_by === null) return;
  const totals = new Map<string, number>();
  const sums = new Map<string, number>();
  for (const r of doc.rows) {
    if (!ADDITIVE.includes(r.metric) || r.group_by === null || r.value === null) continue;
    const key = `${r.period}|${r.metric}`;
    if (r.group === null) totals.set(key, r.value);
    else sums.set(key, (sums.get(key) ?? 0) + r.value);
  }
  for (const [key, total] of totals) expect(Math.round((sums.get(key) ?? 0) * 100), key).toBe(Math.round(total * 100));
}

/** Every Markdown table row has as many unescaped `|` as its table's header. */
function expectMarkdownTables(md: string): void {
  let width = -1;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      width = -1;
      continue;
    }
    const pipes = line.split(/(?<!\\)\|/).length;
    if (width < 0) width = pipes;
    expect(pipes, line).toBe(width);
  }
  expect(md).not.toMatch(/(?<!\\)<script/i); // `\<` is an escaped, literal `<` in CommonMark
}

describe('random hostile exports through the whole pipeline', () => {
  it('JSON validates, groups add up, CSV/TSV/HTML/Markdown stay inert', async () => {
    let done = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(inputs, options, async (i, o) => {
        const r = await report(i, o);
        if (r === null) {
          refused++;
          return;
        }
        done++;
        const doc = reportJsonSchema.parse(JSON.parse(renderJson(r)));
        expectGroupsAddUp(doc);
        for (const layout of ['wide', 'tidy'] as const) {
          expectNoFormulaCells(renderCsv(r, { layout, delimiter: ',', dialect: 'default' }));
          expectNoFormulaCells(renderCsv(r, { layout, delimiter: ',', dialect: 'excel-ru' }).replace(/^\ufeff/, ''), ';');
          expectNoFormulaCells(renderCsv(r, { layout, delimiter: '\t', dialect: 'default' }), '\t');
          expectMarkdownTables(renderMarkdown(r, { layout, lang: 'en' }));
        }
        expectInertHtml(renderHtml(r, { lang: done % 2 ? 'en' : 'ru' }));
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() },
    );
    expect(refused, `${refused} refused of ${done + refused}`).toBeLessThanOrEqual((done + refused) * 0.1);
  }, 120_000);

  it('XLSX: never a formula cell; formula-like text is a quote-prefixed string', async () => {
    await fc.assert(
      fc.asyncProperty(inputs, options, async (i, o) => {
        const r = await report(i, o);
        if (r === null) return;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await renderXlsx(r, { lang: 'en' })) as never);
        wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
          expect(cell.formula ?? null).toBeNull();
          const v = cell.value;
          if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) {
            expect((cell.style as { quotePrefix?: boolean }).quotePrefix === true || cell.style.numFmt === '@', v).toBe(true);
          }
        })));
      }),
      { numRuns: fuzzRuns(40), seed: fuzzSeed() },
    );
  }, 120_000);
});
