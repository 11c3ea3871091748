import { describe, it, expect } from 'vitest';
import { escapeMd, renderMarkdown } from '../../src/render/md.js';
import type { Report } from '../../src/report/model.js';
import { comparison, HOSTILE, makeReport, metricRow, monthColumn, sampleReport } from './factories.js';

interface MdTable {
  title: string;
  head: string[];
  align: string[];
  rows: string[][];
}

/** Split a GFM table line on its unescaped pipes (data pipes are `\|`). */
function cellsOf(line: string): string[] {
  expect(line.startsWith('| ') && line.endsWith(' |'), line).toBe(true);
  return line
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The `## title` + table blocks of a Markdown document. */
function tables(md: string): MdTable[] {
  const out: MdTable[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('## ')) continue;
    expect(lines[i + 1]).toBe('');
    const head = cellsOf(lines[i + 2]!);
    const align = cellsOf(lines[i + 3]!);
    const rows: string[][] = [];
    for (let j = i + 4; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(cellsOf(lines[j]!));
    out.push({ title: line.slice(3), head, align, rows });
  }
  return out;
}

describe('escapeMd', () => {
  it.each([
    ['a|b', 'a\\|b'],
    ['line1\nline2', 'line1<br>line2'],
    ['crlf\r\nhere', 'crlf<br>here'],
    ['cr\rhere', 'cr<br>here'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['[x](http://evil)', '\\[x\\](http://evil)'],
    ['*bold* _it_ `code` ~s~', '\\*bold\\* \\_it\\_ \\`code\\` \\~s\\~'],
    ['a\\b', 'a\\\\b'],
    ['&amp; $x$', '\\&amp; \\$x\\$'],
    ['مرحبا', 'مرحبا'],
    ['Иванов И.И.', 'Иванов И.И.'],
  ])('%j → %j', (s, out) => {
    expect(escapeMd(s)).toBe(out);
  });
});

describe('renderMarkdown wide', () => {
  const report = sampleReport({ groupBy: 'channel', groups: HOSTILE });
  const md = renderMarkdown(report, { layout: 'wide', lang: 'en' });
  const tbs = tables(md);

  it('has a heading and a table per section, every row as wide as its head', () => {
    expect(tbs.map((t) => t.title)).toEqual(['Leads', 'Inbound sales', 'Calls and entry points', 'Clients']);
    for (const t of tbs) {
      expect(t.head).toEqual(['metric', '2026-08', '2026-09', '2026-10']);
      expect(t.align).toEqual([':---', '---:', '---:', '---:']);
      for (const row of t.rows) expect(row.length).toBe(t.head.length);
    }
  });

  it('repeats metrics under every section that lists them (#2)', () => {
    const leadsRows = tbs[0]!.rows.filter((r) => r[0] === 'Inbound leads');
    const inboundRows = tbs[1]!.rows.filter((r) => r[0] === 'Inbound leads');
    expect(leadsRows).toHaveLength(1);
    expect(inboundRows).toEqual(leadsRows);
  });

  it('escapes hostile group names so the table holds', () => {
    expect(md).not.toContain('<script>');
    expect(md).toContain('↳ \\<script\\>alert(1)\\</script\\>');
    expect(md).toContain('↳ a\\|b |');
    expect(md).toContain('↳ line1<br>line2 |');
    expect(md).toContain('↳ \\[x\\](http://evil) |');
    expect(md).toContain('↳ =HYPERLINK("http://x") |');
    expect(md).toContain('↳ مرحبا |');
  });

  it('formats numbers for people: grouping, ratios in %, n/a for unknown, — for no denominator', () => {
    const leads = tbs[0]!.rows;
    expect(leads.find((r) => r[0] === 'Leads')!.slice(1)).toEqual(['1,234', '0', '17']);
    expect(leads.find((r) => r[0] === 'Won leads')![1]).toBe('n/a');
    expect(leads.find((r) => r[0] === 'Lead conversion')!.slice(1)).toEqual(['33.3%', '0.0%', 'n/a']);
    const clients = tbs[3]!.rows;
    expect(clients.find((r) => r[0] === 'Revenue')![1]).toBe('1,234,568');
    expect(clients.find((r) => r[0] === 'Profit')!.slice(1)).toEqual(['−3', 'n/a', '0']);
    const conv = metricRow('lead_conversion', null, [null], { terms: [{ leads_won: 0, leads_total: 0 }] });
    const r = makeReport({ columns: [monthColumn('2026-10')], sections: [{ id: 'leads', rows: [conv] }] });
    expect(tables(renderMarkdown(r, { layout: 'wide', lang: 'en' }))[0]!.rows[0]).toEqual(['Lead conversion', '—']);
  });

  it('ends with the data-health footer, escaped', () => {
    expect(md).toContain('Data: crm\\|leads.csv 10 read, 9 used, 1 rejected');
    expect(md.trimEnd().split('\n').at(-1)).toBe('Time zone Europe/Moscow; today 2026-11-15.');
  });
});

describe('renderMarkdown in Russian', () => {
  const report = sampleReport({ groupBy: 'channel', groups: ['SEO', 'Иванов И.И.'] });
  report.meta.inputs_missing = ['invoices'];
  const md = renderMarkdown(report, { layout: 'wide', lang: 'ru' });
  const tbs = tables(md);

  it('localizes titles, heads, month names, placeholders and numbers', () => {
    expect(tbs[0]!.title).toBe('Лиды');
    expect(tbs[0]!.head).toEqual(['показатель', 'авг. 2026', 'сент. 2026', 'окт. 2026']);
    const leads = tbs[0]!.rows;
    expect(leads[0]).toEqual(['Лиды', '1\u00a0234', '0', '17']);
    expect(leads.map((r) => r[0])).toContain('↳ (не указано)');
    expect(leads.map((r) => r[0])).toContain('↳ (не определено)');
    expect(leads.find((r) => r[0] === 'Конверсия лидов')!.slice(1)).toEqual(['33,3%', '0,0%', 'н/д']);
    expect(tbs[3]!.rows.find((r) => r[0] === 'Выручка')![1]).toBe('1\u00a0234\u00a0568');
  });

  it('writes the footer in Russian', () => {
    expect(md).toContain('Не показано (нет входных данных): счета');
    expect(md).toContain('Данные: crm\\|leads.csv: прочитано 10, использовано 9, отклонено 1');
    expect(md).toContain('Часовой пояс Europe/Moscow; сегодня 15.11.2026.');
  });
});

describe('renderMarkdown tidy', () => {
  it('lists period × metric × group, period-major, with a group column under -g', () => {
    const report = sampleReport({ groupBy: 'manager', groups: ['Bob', 'Ann'] });
    const [leads] = tables(renderMarkdown(report, { layout: 'tidy', lang: 'en' }));
    expect(leads!.head).toEqual(['period', 'metric', 'manager', 'value']);
    const perPeriod = report.sections[0]!.rows.length;
    expect(leads!.rows).toHaveLength(3 * perPeriod);
    expect(leads!.rows.map((r) => r[0])).toEqual(['2026-08', '2026-09', '2026-10'].flatMap((p) => Array(perPeriod).fill(p)));
    expect(leads!.rows.slice(0, 5).map((r) => r[2])).toEqual(['Total', 'Ann', 'Bob', '(none)', '(unattributed)']);
  });

  it('shows Δ for every line under --compare, in pp for ratios', () => {
    const values = [10, 12];
    const rows = [
      metricRow('leads_total', null, values, { compare: { prev: [comparison('leads_total', 'prev', '2026-08', 10, 8), comparison('leads_total', 'prev', '2026-09', 12, 10)], yoy: [null, null], fixed: [null, null] } }),
      metricRow('lead_conversion', null, [0.5, 0.25], { compare: { prev: [null, comparison('lead_conversion', 'prev', '2026-09', 0.25, 0.5)], yoy: [null, null], fixed: [null, null] } }),
    ];
    const r = makeReport({ columns: [monthColumn('2026-09'), monthColumn('2026-10')], compare: 'prev', sections: [{ id: 'leads', rows }] });
    const [t] = tables(renderMarkdown(r, { layout: 'tidy', lang: 'ru' }));
    expect(t!.head).toEqual(['период', 'показатель', 'значение', 'Δ к пред.']);
    expect(t!.rows.map((x) => x[3])).toEqual(['▲ +2 (+25,0%)', '—', '▲ +2 (+20,0%)', '▼ −25,0 п. п.']);
  });
});

describe('marks, comparisons and explain', () => {
  function marked(): Report {
    const columns = [monthColumn('2026-09'), monthColumn('2026-10', { from: 5, to: 32 })];
    const leads = metricRow('leads_total', null, [10, 12], {
      compare: { prev: [null, comparison('leads_total', 'prev', '2026-09', 12, 10)], yoy: [null, comparison('leads_total', 'yoy', '2025-10', 12, 6)], fixed: [null, null] },
      terms: [null, { leads: 12 }],
      spark: [1, 5, 3, 8],
      targets: [null, { min: 20, max: null, status: 'pending' }],
    });
    const revenue = metricRow('revenue', null, [100, 200]);
    return makeReport({ columns, explain: true, partial: { 1: ['invoices'] }, sections: [{ id: 'leads', rows: [leads] }, { id: 'clients', rows: [revenue] }] });
  }
  const md = renderMarkdown(marked(), { layout: 'wide', lang: 'en' });
  const [leads, clients] = tables(md);

  it('marks clipped columns with * and a footnote (#3)', () => {
    expect(leads!.head.slice(0, 3)).toEqual(['metric', '2026-09', '2026-10\\*']);
    expect(md).toContain('\\* 2026-10: 05.10–31.10 only');
  });

  it('marks partial cells only for metrics that use the partial kind (#12)', () => {
    expect(clients!.rows[0]!.slice(1, 3)).toEqual(['100', '200\\~']);
    expect(leads!.rows[0]![2]).toBe('12 (60% of 20)');
    expect(md).toContain('\\~ the data covers this period only in part');
  });

  it('shows Δ prev, Δ year and the trend for the last column by default (#4, #16)', () => {
    expect(leads!.head.slice(3)).toEqual(['Δ prev', 'Δ year', 'trend']);
    expect(leads!.rows[0]!.slice(3, 5)).toEqual(['▲ +2 (+20.0%)', '▲ +6 (+100.0%)']);
    // lowest point lowest bar, highest point highest bar
    expect(leads!.rows[0]![5]).toMatch(/^▁[▂▃▄▅▆▇]{2}█$/);
    expect(clients!.head).toEqual(['metric', '2026-09', '2026-10\\*', 'Δ prev', 'Δ year']);
    expect(clients!.rows[0]!.slice(3)).toEqual(['—', '—']);
  });

  it('explains formulas and last-column terms (#10)', () => {
    expect(md).toContain('- Leads (`leads_total`): leads with created\\_at in P = leads 12');
  });

  it('says "no records" when there are no columns', () => {
    const out = renderMarkdown(makeReport({ columns: [], sections: [] }), { layout: 'wide', lang: 'ru' });
    expect(out.startsWith('нет записей\n\n')).toBe(true);
    expect(tables(out)).toEqual([]);
  });
});
