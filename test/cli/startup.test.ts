/**
 * Start-up (issue 5): a run loads only what it uses. The YAML parser and zod (~70 ms) load only
 * with a config file, iconv-lite only for encodings other than UTF-8, chalk, fflate and the
 * HTML/XLSX renderers only for their formats. A loader hook lists every module the process loads.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, kpi, tempDir } from '../helpers/cli.js';

/** Where `npm run build` bundles the command (scripts/bundle.mjs). */
const BUNDLE_CHUNK_DIR = path.dirname(BIN);

const HEAVY = ['zod', 'yaml', 'chalk', 'fflate', 'iconv-lite', 'exceljs', 'string-width'];

const LEADS = 'id;created_at;channel;manager\n1;2025-01-10;Сайт;Иванов\n2;2025-01-11;Звонок;Петров\n';

/**
 * The npm packages a `kpi` run loads, and the renderers among its own modules: files under
 * dist/src/render (tsc's output), or the bundle's chunks named after them (`json-3F2A….js`).
 */
function loaded(args: string[], files: Record<string, string | Buffer>): { packages: Set<string>; render: string[]; code: number } {
  const dir = tempDir(files);
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, 'export async function load(url, ctx, next) { if (url.startsWith("file:")) console.error("LOADED " + url); return next(url, ctx); }\n');
  const preload = path.join(dir, 'preload.mjs');
  // ES modules pass the hook; CommonJS ones loaded by require() (iconv-lite) are in the require cache
  writeFileSync(preload, `import Module, { register } from 'node:module';\nimport { pathToFileURL } from 'node:url';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\nprocess.on('exit', () => { for (const f of Object.keys(Module._cache)) console.error('LOADED ' + pathToFileURL(f).href); });\n`);
  const r = kpi(args, { cwd: dir, env: { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` } });
  const urls = r.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7));
  const packages = new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1]).filter((p): p is string => p !== undefined));
  const render = urls
    .filter((u) => u.includes('/dist/src/render/') || /\/dist\/bin\/[a-z-]+-[A-Z0-9]{8}\.js$/.test(u))
    .map((u) => path.basename(u).replace(/-[A-Z0-9]{8}\.js$/, '.js'));
  return { packages, render, code: r.code };
}

describe('start-up loads only what the run uses', () => {
  it('a JSON report of a UTF-8 CSV without a config loads none of the heavy libraries', () => {
    const r = loaded(['report', 'leads.csv', '--no-config', '-p', '2025-01', '--today', '2025-02-01', '-O', 'json', '-q'], { 'leads.csv': LEADS });
    expect(r.code).toBe(0);
    expect(r.packages.has('commander')).toBe(true); // the hook saw the run's modules
    expect(HEAVY.filter((p) => r.packages.has(p))).toEqual([]);
    expect(r.render).toContain('json.js');
    expect(r.render.filter((f) => /^(html|xlsx|table|box-table|md|csv)[.-]/.test(f))).toEqual([]);
  });

  it('a config file loads the YAML parser and zod', () => {
    const r = loaded(['report', 'leads.csv', '-p', '2025-01', '--today', '2025-02-01', '-O', 'json', '-q'], { 'leads.csv': LEADS, 'kpi.config.yaml': 'lang: en\n' });
    expect(r.code).toBe(0);
    expect(r.packages.has('yaml')).toBe(true);
    expect(r.packages.has('zod')).toBe(true);
  });

  it('a windows-1251 file loads iconv-lite; the table format loads chalk', () => {
    const r = loaded(['report', 'leads.csv', '--no-config', '-p', '2025-01', '--today', '2025-02-01', '-q'], { 'leads.csv': LEADS });
    expect(r.code).toBe(0);
    expect(r.packages.has('chalk')).toBe(true);
    expect(r.packages.has('iconv-lite')).toBe(false);
    // `Сайт` in windows-1251
    const cp = Buffer.from([...'id;created_at;channel\n1;2025-01-10;'].map((c) => c.charCodeAt(0)).concat([0xd1, 0xe0, 0xe9, 0xf2, 0x0a]));
    const w = loaded(['report', '--leads', 'leads.csv', '--no-config', '-p', '2025-01', '--today', '2025-02-01', '-O', 'json', '-q'], { 'leads.csv': cp });
    expect(w.code).toBe(0);
    expect(w.packages.has('iconv-lite')).toBe(true);
  });
});

describe.skipIf(!existsSync(BUNDLE_CHUNK_DIR) || readdirSync(BUNDLE_CHUNK_DIR).length < 2)('the bundled command', () => {
  it('has its worker threads beside it, where its code looks for them', () => {
    for (const f of ['kpi.js', 'pipe-worker.js', 'worker.js']) expect(existsSync(path.join(BUNDLE_CHUNK_DIR, f)), f).toBe(true);
    const text = readdirSync(BUNDLE_CHUNK_DIR).map((f) => readFileSync(path.join(BUNDLE_CHUNK_DIR, f), 'utf8')).join('\n');
    expect(text).toContain('new URL("./pipe-worker.js", import.meta.url)');
    expect(text).toContain('new URL("./worker.js", import.meta.url)');
  });
});
