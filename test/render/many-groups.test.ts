/**
 * A report grouped by a column with hundreds of thousands of distinct values (a referrer URL
 * mapped as the channel, a mis-mapped owner column) renders in every format: no array of its rows
 * is spread into a call (V8 runs out of stack past ~120,000 arguments), and the terminal table
 * takes linear time (cli-table3, which it replaced, took 100 s for 1,000 groups). Every format
 * is made in pieces the CLI writes one by one: whole, the HTML of 100,000 groups passed V8's
 * 512 MB limit on one string ("internal error: Invalid string length") and held gigabytes.
 */
import { describe, it, expect } from 'vitest';
import { makeReport, metricRow, monthColumn } from './factories.js';
import { renderMarkdown, renderMarkdownChunks } from '../../src/render/md.js';
import { renderTable, renderTableChunks } from '../../src/render/table.js';
import { eachReportRow, renderJsonChunks } from '../../src/render/json.js';
import { renderCsv, renderCsvChunks } from '../../src/render/csv.js';
import { renderHtml, renderHtmlChunks } from '../../src/render/html.js';

const GROUPS = 150_000;

function bigReport() {
  const columns = [monthColumn('2026-09'), monthColumn('2026-10')];
  const rows = [metricRow('leads_total', null, [GROUPS, 2 * GROUPS])];
  for (let g = 0; g < GROUPS; g++) rows.push(metricRow('leads_total', `utm ${String(g).padStart(6, '0')}`, [1, 2]));
  return makeReport({ columns, groupBy: 'channel', sections: [{ id: 'leads', rows }] });
}

describe(`a report of ${GROUPS.toLocaleString('en')} groups`, () => {
  const r = bigReport();

  it('renders as Markdown, wide and tidy', () => {
    const wide = renderMarkdown(r, { layout: 'wide', lang: 'en' });
    expect(wide).toContain('| ↳ utm 149999 |');
    const tidy = renderMarkdown(r, { layout: 'tidy', lang: 'en' });
    expect(tidy.split('\n').filter((l) => l.includes('utm 000007'))).toHaveLength(2);
  });

  it('renders as a terminal table, a line per group', () => {
    const text = renderTable(r, { color: false, lang: 'en' });
    const lines = text.split('\n').filter((l) => l.startsWith('│   utm '));
    expect(lines).toHaveLength(GROUPS);
    expect(lines[GROUPS - 1]).toMatch(/^│   utm 149999 +│ +1 │ +2 │/);
  });

  it('renders as CSV and as JSON written in pieces, every row once', () => {
    expect(renderCsv(r, { layout: 'tidy', delimiter: ',', dialect: 'default' }).split('\n')).toHaveLength(1 + 2 * (GROUPS + 1) + 1);
    let rows = 0;
    for (const _ of eachReportRow(r)) rows++;
    expect(rows).toBe(2 * (GROUPS + 1));
    let pieces = 0;
    let longest = 0;
    for (const p of renderJsonChunks(r)) {
      pieces++;
      longest = Math.max(longest, p.length);
    }
    expect(pieces).toBeGreaterThan(rows / 2000);
    expect(longest).toBeLessThan(2_000_000);
  });

  it.each([
    ['html', () => renderHtmlChunks(r, { lang: 'en' }), () => renderHtml(r, { lang: 'en' })],
    ['table', () => renderTableChunks(r, { color: true, lang: 'ru' }), () => renderTable(r, { color: true, lang: 'ru' })],
    ['md', () => renderMarkdownChunks(r, { layout: 'wide', lang: 'en' }), () => renderMarkdown(r, { layout: 'wide', lang: 'en' })],
    ['csv tidy', () => renderCsvChunks(r, { layout: 'tidy', delimiter: ',', dialect: 'excel-ru' }), () => renderCsv(r, { layout: 'tidy', delimiter: ',', dialect: 'excel-ru' })],
    ['tsv wide', () => renderCsvChunks(r, { layout: 'wide', delimiter: '\t', dialect: 'default' }), () => renderCsv(r, { layout: 'wide', delimiter: '\t', dialect: 'default' })],
  ] as const)('%s is made in pieces of at most 2,000 rows', (_format, chunks, whole) => {
    let pieces = 0;
    let longest = 0;
    let total = 0;
    for (const p of chunks()) {
      pieces++;
      longest = Math.max(longest, p.length);
      total += p.length;
    }
    expect(pieces).toBeGreaterThan(GROUPS / 2000);
    expect(longest).toBeLessThan(1_000_000);
    expect(total).toBe(whole().length);
  });
});

