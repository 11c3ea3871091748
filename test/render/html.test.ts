import { describe, it, expect } from 'vitest';
import { renderHtml } from '../../src/render/html.js';
import { escapeHtml } from '../../src/render/html-escape.js';
import { lineChartSvg, sparklineSvg } from '../../src/render/svg.js';
import { reportRows } from '../../src/render/json.js';
import { formatDelta, formatValue, type Lang } from '../../src/render/numbers.js';
import { metricDef } from '../../src/kpi/registry.js';
import { periodLabel } from '../../src/render/i18n.js';
import type { Report } from '../../src/report/model.js';
import { HOSTILE_NAMES, month, richReport } from './rich-factories.js';

// ---- a small independent reader for the (well-formed) output --------------------------------

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'col', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][\w:-]*="[^"<>]*")*)\s*(\/?)>/g;
const ENTITY = /&(?:amp|lt|gt|quot|#39);/g;

/** Our own decoder (not the module under test): the five entities the spec names. */
function decode(s: string): string {
  return s.replace(ENTITY, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" })[e]!);
}

/** Our own encoder, to find escaped data in the output. */
function encode(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Checks tag balance and that no raw `<`, `>` or bare `&` sits in text; throws on the first problem. */
function assertWellFormed(html: string): void {
  const body = html.replace(/^<!DOCTYPE html>\n/, '').replace(/<style>[^<]*<\/style>/, '<style></style>');
  const stack: string[] = [];
  let at = 0;
  for (const m of body.matchAll(TAG)) {
    const text = body.slice(at, m.index);
    expect(text, `raw markup in text before ${m[0]}`).not.toMatch(/[<>]/);
    expect(text.replace(ENTITY, ''), 'bare &').not.toContain('&');
    expect((m[3] ?? '').replace(ENTITY, ''), 'bare & in attributes').not.toContain('&');
    at = m.index + m[0].length;
    const name = m[2]!.toLowerCase();
    if (m[1] === '/') expect(stack.pop(), `closing ${name}`).toBe(name);
    else if (m[4] !== '/' && !VOID.has(name)) stack.push(name);
  }
  expect(body.slice(at).trim()).toBe('');
  expect(stack).toEqual([]);
}

interface Cell {
  attrs: string;
  text: string;
}
interface Row {
  section: string;
  metric: string;
  group: string | null;
  label: string;
  cells: Cell[];
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(attrs);
  return m ? decode(m[1]!) : null;
}

/** Text content of a fragment: tags removed, entities decoded. */
function textOf(s: string): string {
  return decode(s.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ''));
}

/** Metric rows of every section table. */
function metricRows(html: string): Row[] {
  const rows: Row[] = [];
  for (const t of html.matchAll(/<table class="kpi" data-section="([^"]+)"[\s\S]*?<\/table>/g)) {
    for (const tr of t[0].matchAll(/<tr class="(?:total|group)"([^>]*)>([\s\S]*?)<\/tr>/g)) {
      const label = /<th scope="row"[^>]*>([\s\S]*?)<\/th>/.exec(tr[2]!)![1]!;
      const cells = [...tr[2]!.matchAll(/<td([^>]*)>([\s\S]*?)<\/td>/g)].map((c) => ({ attrs: c[1]!, text: textOf(c[2]!) }));
      rows.push({ section: t[1]!, metric: attr(tr[1]!, 'data-metric')!, group: attr(tr[1]!, 'data-group'), label: textOf(label), cells });
    }
  }
  return rows;
}

function find(rows: readonly Row[], section: string, metric: string, group: string | null): Row {
  const row = rows.find((x) => x.section === section && x.metric === metric && x.group === group);
  if (!row) throw new Error(`no row ${section}/${metric}/${group}`);
  return row;
}

/** The page as a mail client that strips CSS and SVG would leave it. */
function stripped(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/\sstyle="[^"]*"/g, '');
}

// ---- tests ----------------------------------------------------------------------------------

describe('escapeHtml', () => {
  it.each([
    ['plain', 'plain'],
    ['a & b', 'a &amp; b'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    [`say "hi" it's`, 'say &quot;hi&quot; it&#39;s'],
    ['&amp;', '&amp;amp;'],
    ['مرحبا', 'مرحبا'],
    ['', ''],
  ])('%j → %j', (s, out) => {
    expect(escapeHtml(s)).toBe(out);
  });
});

describe('svg charts', () => {
  const points = (svg: string) => [...svg.matchAll(/<polyline points="([^"]*)"/g)].map((m) => m[1]!.split(' ').map((p) => p.split(',').map(Number)));
  it.each([
    [[1, 2], ''],
    [[1, null, 2, null], ''],
  ])('sparkline of %j is hidden (under 3 points)', (values, out) => {
    expect(sparklineSvg(values, { title: 't' })).toBe(out);
  });
  it('breaks the line at nulls and draws a lone point as a dot', () => {
    const svg = sparklineSvg([1, 2, null, 5, null, 3, 4], { title: 'a <b>' });
    expect(points(svg).map((p) => p.length)).toEqual([2, 2]);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain('<title>a &lt;b&gt;</title>');
  });
  it('puts higher values higher up, and a flat series mid-height', () => {
    const [line] = points(sparklineSvg([1, 5, 3], { title: 't', height: 20 }));
    expect(line![1]![1]).toBeLessThan(line![2]![1]!);
    expect(line![2]![1]).toBeLessThan(line![0]![1]!);
    const [flat] = points(sparklineSvg([7, 7, 7], { title: 't', height: 20 }));
    expect(new Set(flat!.map((p) => p[1]))).toEqual(new Set([10]));
  });
  it('draws a line chart only from 2 points, with zero on the axis when values cross it', () => {
    const base = { title: 'T', labels: ['a', 'b', 'c'], format: (v: number) => `v${v}` };
    expect(lineChartSvg({ ...base, values: [null, 3, null] })).toBe('');
    const svg = lineChartSvg({ ...base, values: [-2, 4, null] });
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(expect.arrayContaining(['v-2', 'v4', 'v0', 'a', 'b', 'c']));
    expect(points(svg)[0]).toHaveLength(2);
  });
  it('thins x labels on long series so neighbours never both print', () => {
    const labels = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const svg = lineChartSvg({ title: 'T', labels, values: labels.map((_, i) => i), format: String });
    const shown = labels.map((l) => svg.includes(`>${l}</text>`));
    expect(shown[0]).toBe(true);
    expect(shown[39]).toBe(true);
    for (let i = 1; i < 40; i++) expect(shown[i] && shown[i - 1]).toBe(false);
  });
});

describe.each<[Lang]>([['en'], ['ru']])('renderHtml (%s)', (lang) => {
  const report = richReport({ groupBy: 'channel' });
  const html = renderHtml(report, { lang });
  const rows = metricRows(html);

  it('is a well-formed, self-contained UTF-8 document', () => {
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<html lang="${lang}">`);
    assertWellFormed(html);
  });

  it('has no script, handler, link or URL anywhere, hostile names included', () => {
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<link|<img|<foreignObject/i);
    const attrNames = [...html.matchAll(TAG)].flatMap((m) => [...(m[3] ?? '').matchAll(/\s([\w:-]+)="[^"]*"/g)].map((a) => a[1]!.toLowerCase()));
    expect(attrNames.length).toBeGreaterThan(1000);
    expect(attrNames.filter((a) => /^on|^(?:href|src|srcset|xlink:href|action|formaction|background)$/.test(a))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/i);
    let rest = html;
    for (const name of HOSTILE_NAMES) rest = rest.split(encode(name)).join('');
    expect(rest).not.toMatch(/https?:|\/\/|javascript:/i);
  });

  it('keeps every hostile group name, exactly, as data and as text', () => {
    const groups = new Set(rows.filter((x) => x.group !== null).map((x) => x.group));
    for (const name of HOSTILE_NAMES) {
      expect(groups.has(name), name).toBe(true);
      const row = find(rows, 'leads', 'leads_total', name);
      expect(row.label).toBe(`↳ ${name}`);
    }
  });

  it('shows every tidy row value in a plain table that survives stripping CSS and SVG', () => {
    const plain = metricRows(stripped(html));
    const periods = report.columns.map((c) => c.label);
    const tidy = reportRows(report);
    expect(tidy.length).toBeGreaterThan(500);
    for (const x of tidy) {
      const row = find(plain, x.section, x.metric, x.group);
      const cell = row.cells[periods.indexOf(x.period)]!;
      const kind = metricDef(x.metric)!.kind;
      if (x.value === null) {
        expect(attr(cell.attrs, 'data-value')).toBe(''); // present and empty: columns stay aligned for scrapers
        expect(['—', 'n/a', 'н/д']).toContain(cell.text.replace(/[~✗]|\s\(.*\)/g, '').trim());
      } else {
        expect(Number(attr(cell.attrs, 'data-value'))).toBe(x.value);
        expect(cell.text.startsWith(formatValue(x.value, kind, lang))).toBe(true);
      }
    }
  });

  it('gives the last column Δ prev and Δ year, coloured by the metric direction', () => {
    const last = report.columns.length - 1;
    for (const sec of report.sections) {
      for (const mr of sec.rows.filter((x) => x.group === null)) {
        const row = find(rows, sec.id, mr.def.id, null);
        const [prev, yoy] = row.cells.slice(report.columns.length, report.columns.length + 2);
        const c = mr.compare.prev[last]!;
        const y = mr.compare.yoy[last]!;
        const shown = (d: typeof c) => formatDelta(d.delta, d.delta_pct, mr.def.kind, lang).replace(' pp', lang === 'ru' ? ' п. п.' : ' pp');
        expect(prev!.text).toBe(shown(c));
        expect(yoy!.text).toBe(shown(y));
        const tone = c.delta === null || c.delta === 0 ? 'flat' : c.delta > 0 === (mr.def.better === 'up') ? 'good' : 'bad';
        expect(prev!.attrs).toContain(`delta ${tone}`);
      }
    }
    expect(find(rows, 'calls', 'missed_unreturned', null).cells[4]!.attrs).toContain('delta good');
    expect(find(rows, 'active', 'calls_outbound', null).cells[4]!.attrs).toContain('delta bad');
  });

  it('highlights plan vs fact by target status', () => {
    const row = find(rows, 'active', 'calls_outbound', null);
    expect(row.cells.slice(0, 4).map((c) => /plan-(\w+)/.exec(c.attrs)?.[1])).toEqual(['ok', 'missed', 'ok', 'pending']);
    expect(row.cells[1]!.text).toContain(lang === 'en' ? '80% of 600' : '80% от 600');
    const max = find(rows, 'calls', 'missed_unreturned', null);
    expect(max.cells[0]!.text).toMatch(/\(.+ 0\) ✗$/);
    expect(max.cells[1]!.text).not.toContain('✗');
  });

  it('marks clipped heads with * and partial cells with ~, with footnotes', () => {
    const head = [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => decode(m[1]!));
    expect(head.filter((h) => h.endsWith('*')).length).toBe(report.sections.length);
    expect(find(rows, 'clients', 'revenue', null).cells[3]!.text.endsWith('~')).toBe(true);
    expect(find(rows, 'leads', 'leads_total', null).cells[3]!.text.endsWith('~')).toBe(false);
    const footer = textOf(/<footer[\s\S]*<\/footer>/.exec(html)![0]);
    expect(footer).toContain(lang === 'en' ? '* 2026-07: 10.07–31.07 only' : 'только 10.07–31.07');
    expect(footer).toContain('~');
    expect(footer).toContain('Europe/Moscow');
  });

  it('draws one trend chart per section and sparklines, each SVG titled', () => {
    const charts = [...html.matchAll(/<div class="chart" data-metric="(\w+)"[^>]*>(<svg[\s\S]*?<\/svg>)<\/div>/g)];
    expect(charts.map((c) => c[1])).toEqual(['leads_total', 'calls_outbound', 'leads_inbound', 'calls_inbound', 'revenue']);
    for (const [, metric, svg] of charts) {
      const values = report.sections.flatMap((s) => s.rows).find((r) => r.def.id === metric && r.group === null)!.values;
      const pts = [...svg!.matchAll(/<polyline points="([^"]*)"/g)].flatMap((m) => m[1]!.split(' '));
      expect(pts.length + (svg!.match(/<circle [^>]*r="3" fill="#2563eb"/g)?.length ?? 0)).toBe(values.filter((v) => v !== null).length);
      for (const c of report.columns) expect(svg).toContain(`>${encode(periodLabel(c.label, lang))}</text>`);
    }
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g)!) expect(svg).toMatch(/^<svg[^>]*role="img"[^>]*><title>[^<]+<\/title>/);
    const sparks = html.match(/<td class="spark"[^>]*><svg/g)?.length ?? 0;
    expect(sparks).toBe(rows.length);
  });

  it('draws bars by group for the headline metric of the last period, longest for the largest', () => {
    const bars = /<table class="bars" data-metric="revenue"[\s\S]*?<\/table>/.exec(html)![0];
    const widths = [...bars.matchAll(/<tr data-metric="revenue" data-group="([^"]*)"[\s\S]*?<\/tr>/g)].map((m) => ({
      group: decode(m[1]!),
      px: Number(/<div style="width:(\d+)px/.exec(m[0])?.[1] ?? 0),
    }));
    expect(widths.map((w) => w.group).sort()).toEqual(rows.filter((r) => r.section === 'clients' && r.metric === 'revenue' && r.group !== null).map((r) => r.group).sort());
    const values = report.sections.find((s) => s.id === 'clients')!.rows.filter((r) => r.def.id === 'revenue' && r.group !== null).map((r) => Math.abs(r.values[3] ?? 0));
    expect(Math.max(...widths.map((w) => w.px))).toBe(240);
    expect(widths[values.indexOf(Math.max(...values))]!.px).toBe(240);
    // The last period is partial for invoices, so every revenue bar value carries the mark.
    const barValues = [...bars.matchAll(/<td align="right"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
    expect(barValues).toHaveLength(widths.length);
    expect(barValues.every((v) => v.endsWith('~'))).toBe(true);
  });

  it('lists rows read, used and rejected per file in the footer', () => {
    const footer = /<footer[\s\S]*<\/footer>/.exec(html)![0];
    for (const i of report.meta.inputs) {
      const tr = [...footer.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!)).find((t) => t.startsWith(i.file));
      expect(tr, i.file).toBeDefined();
      expect(footer).toContain(encode(i.file));
    }
    const cells = [...footer.matchAll(/<td align="right"[^>]*>([^<]*)<\/td>/g)].map((m) => decode(m[1]!));
    expect(cells.slice(0, 4)).toEqual(['1500', '1497', '3', '5'].map((n) => formatValue(Number(n), 'count', lang)));
  });
});

describe('renderHtml variants', () => {
  it('shows one Δ column with --compare and no bars without grouping', () => {
    const html = renderHtml(richReport({ compare: 'prev' }), { lang: 'en' });
    const heads = [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(heads.filter((h) => h === 'Δ prev')).toHaveLength(5);
    expect(heads).not.toContain('Δ year');
    expect(html).not.toContain('class="bars"');
    assertWellFormed(html);
  });

  it('draws no bar for a zero or null group value, and a sliver for a tiny one', () => {
    const r = richReport({ groupBy: 'channel', groups: ['a', 'b', 'c'] });
    const revenue = r.sections.find((s) => s.id === 'clients')!.rows.filter((x) => x.def.id === 'revenue' && x.group !== null);
    [0, null, 1e-9].forEach((v, i) => (revenue[i]!.values[3] = v));
    const html = renderHtml(r, { lang: 'en' });
    const bars = /<table class="bars" data-metric="revenue"[\s\S]*?<\/table>/.exec(html)![0];
    const px = [...bars.matchAll(/<tr data-metric[\s\S]*?<\/tr>/g)].map((m) => /<div style="width:(\d+)px/.exec(m[0])?.[1] ?? null);
    expect(px.slice(0, 3)).toEqual([null, null, '1']);
    expect(px.slice(3).every((x) => x !== null && Number(x) > 1)).toBe(true);
  });

  it('says "no records" for an empty report and stays well-formed', () => {
    const r: Report = { ...richReport(), columns: [], sections: [] };
    r.meta = { ...r.meta, span: null, columns: [], inputs_missing: ['calls', 'invoices'] };
    const html = renderHtml(r, { lang: 'en' });
    assertWellFormed(html);
    expect(html).toContain('no records');
    expect(html).toContain('Not shown (no input): calls, invoices');
    expect(html).not.toContain('<svg');
    expect(/<title>([^<]*)<\/title>/.exec(html)![1]).toBe('KPI report');
  });

  it('puts the span in the title and explains formulas with --explain', () => {
    const html = renderHtml(richReport({ explain: true, clipped: false }), { lang: 'ru' });
    expect(/<title>([^<]*)<\/title>/.exec(html)![1]).toBe('Отчёт KPI · 01.07.2026 – 31.10.2026');
    expect(html).toContain('(<code>leads_total</code>): leads with created_at in P = num 17, den 2</li>');
    assertWellFormed(html);
  });

  it('keeps a one-column report free of trend charts (one point is no trend)', () => {
    const base = richReport({ clipped: false, partial: false });
    const one: Report = { ...base, columns: [month('2026-10')], sections: base.sections.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, values: r.values.slice(3), spark: null })) })) };
    const html = renderHtml(one, { lang: 'en' });
    expect(html).not.toContain('<svg');
    assertWellFormed(html);
  });
});
