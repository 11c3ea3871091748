/**
 * Where the benchmark finds things. The same modules run compiled (`dist/bench/*.js`) and from
 * source under vitest (`bench/*.ts`), so paths are found from the repository root, located by
 * walking up to kpi's package.json — never from the working directory.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** The repository root (the folder of kpi's package.json). */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kpi') {
      cached = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: cannot find the kpi repository root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** `bench/out/` — generated exports and results (gitignored). */
export function benchOutDir(): string {
  return join(repoRoot(), 'bench', 'out');
}

/** The built kpi CLI the runner times. */
export function kpiBin(): string {
  return join(repoRoot(), 'dist', 'bin', 'kpi.js');
}

/**
 * The same CLI unbundled, module by module as tsc wrote it (scripts/bundle.mjs keeps it): what
 * the profiler runs, so that a profile names source files. Falls back to `kpiBin` unbundled builds.
 */
export function kpiModulesBin(): string {
  const p = join(repoRoot(), 'dist', 'bin', 'kpi-modules.js');
  return existsSync(p) ? p : kpiBin();
}

/** A compiled bench helper script (`dist/bench/NAME.js`), run as a child process. */
export function benchScript(name: string): string {
  return join(repoRoot(), 'dist', 'bench', `${name}.js`);
}

/** True when this module is the process entry point (`node dist/bench/x.js`), not an import. */
export function isMain(metaUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  // Node resolves symlinks for import.meta.url but not for argv[1]: compare real paths.
  try {
    return realpathSync(fileURLToPath(metaUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}
