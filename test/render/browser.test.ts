/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core): it loads with
 * no console errors, no dialogs and no request but the document itself, and every SVG chart
 * draws a visible line. Skipped with a notice when Chromium or playwright-core is missing,
 * except under CI=true, where a missing browser is a failure.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { renderHtml } from '../../src/render/html.js';
import { HOSTILE_NAMES, richReport } from './rich-factories.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CI = process.env.CI === 'true';

const pw = await import('playwright-core').catch(() => null);
const missing = !existsSync(CHROMIUM) ? `${CHROMIUM} not found` : pw === null ? 'playwright-core is not installed' : null;
if (missing !== null && !CI) console.warn(`[browser.test] SKIPPED: ${missing}; install Chromium and playwright-core to run the browser checks`);

/** The few DOM members the page functions use: the project compiles without the DOM lib. */
interface DomEl {
  tagName: string;
  textContent: string | null;
  offsetWidth: number;
  closest(sel: string): DomEl | null;
  querySelector(sel: string): DomEl | null;
  querySelectorAll(sel: string): DomEl[];
  getBBox(): { width: number; height: number };
  getBoundingClientRect(): { width: number; height: number };
  remove(): void;
  removeAttribute(name: string): void;
}
/** The page's `document`, as far as the page functions below use it (they run in the browser). */
declare const document: { scripts: { length: number }; characterSet: string; querySelectorAll(sel: string): { forEach(f: (e: DomEl) => void): void } };

interface SvgInfo {
  inChart: boolean;
  title: string;
  width: number;
  height: number;
  shapes: { tag: string; width: number; height: number }[];
}

describe.skipIf(missing !== null && !CI)('HTML report in Chromium', () => {
  let dir = '';
  let ctx: BrowserContext | null = null;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];
  const report = richReport({ groupBy: 'manager' });
  let fileUrl = '';

  beforeAll(async () => {
    if (missing !== null) throw new Error(`browser test cannot run under CI: ${missing}`);
    dir = mkdtempSync(join(tmpdir(), 'kpi-browser-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report, { lang: 'en' }));
    fileUrl = pathToFileURL(file).href;
    ctx = await pw!.chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS });
    ctx.on('request', (r) => requests.push(r.url()));
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await ctx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads without errors, dialogs, scripts or any request but the document', async () => {
    await page.waitForTimeout(200);
    expect(problems).toEqual([]);
    expect(requests).toEqual([fileUrl]);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(await page.evaluate(() => document.characterSet)).toBe('UTF-8');
  });

  it('shows hostile group names as text', async () => {
    const labels = await page.$$eval('table.kpi tr.group th', (ths) => (ths as DomEl[]).map((th) => th.textContent ?? ''));
    for (const name of HOSTILE_NAMES) {
      // The HTML parser turns CR LF into LF and drops nothing else from text.
      expect(labels, name).toContain(`↳ ${name.replace(/\r\n?/g, '\n')}`);
    }
  });

  it('draws every chart and sparkline as a visible, titled shape', async () => {
    const svgs: SvgInfo[] = await page.$$eval('svg', (list) =>
      (list as DomEl[]).map((svg) => {
        const box = svg.getBoundingClientRect();
        const shapes = [...svg.querySelectorAll('polyline, path, circle')].map((s) => {
          const b = s.getBBox();
          return { tag: s.tagName, width: b.width, height: b.height };
        });
        return { inChart: svg.closest('.chart') !== null, title: svg.querySelector('title')?.textContent ?? '', width: box.width, height: box.height, shapes };
      }),
    );
    const charts = svgs.filter((s) => s.inChart);
    expect(charts).toHaveLength(report.sections.length);
    expect(svgs.length).toBeGreaterThan(charts.length);
    for (const s of svgs) {
      expect(s.title.trim(), 'title').not.toBe('');
      expect(s.width * s.height, s.title).toBeGreaterThan(0);
      expect(s.shapes.some((x) => x.width > 0 || x.height > 0), s.title).toBe(true);
    }
    for (const c of charts) {
      const line = c.shapes.filter((x) => x.tag === 'polyline');
      expect(line.length, c.title).toBeGreaterThan(0);
      expect(Math.max(...line.map((x) => x.width)), c.title).toBeGreaterThan(100);
    }
  });

  it('keeps the numbers readable with styles and SVG removed', async () => {
    const before = await page.$$eval('table.kpi td[data-value]', (tds) => (tds as DomEl[]).map((td) => td.textContent));
    await page.evaluate(() => {
      document.querySelectorAll('style, svg').forEach((e) => e.remove());
      document.querySelectorAll('[style]').forEach((e) => e.removeAttribute('style'));
    });
    const after = await page.$$eval('table.kpi td[data-value]', (tds) => (tds as DomEl[]).map((td) => ({ text: td.textContent, visible: td.offsetWidth > 0 })));
    expect(after.map((x) => x.text)).toEqual(before);
    expect(after.every((x) => x.visible)).toBe(true);
  });
});
