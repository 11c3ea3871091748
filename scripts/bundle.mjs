// The `kpi` command as a few files instead of ~150 modules (issue 5, start-up): Node resolves,
// links and evaluates each ES module on its own, which cost ~35 ms of every run. Run after `tsc`
// (`npm run build`); bundles its JavaScript output, so what runs is exactly what tsc emitted:
// - dist/bin/kpi.js (replaced) and its lazily imported parts (config parser, renderers, commands)
//   as chunks beside it;
// - the two worker threads' entry points, dist/bin/pipe-worker.js and dist/bin/worker.js, where
//   the bundled code looks for them (`new URL('./pipe-worker.js', import.meta.url)`).
// npm packages stay imports (--packages=external). dist/src stays as tsc left it (the benchmark
// and the tests import it); without this step dist/bin/kpi.js imports it, and works the same.
import { build } from 'esbuild';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

// the chunks of an earlier build (their names carry a hash); kpi.js is tsc's, bundled below
const bin = path.join(dist, 'bin');
for (const f of readdirSync(bin)) if (f !== 'kpi.js') rmSync(path.join(bin, f));
// tsc's entry kept as kpi-modules.js: the profiler (bench/profile.ts) runs it, so that a profile
// names the source files rather than the chunks
copyFileSync(path.join(bin, 'kpi.js'), path.join(bin, 'kpi-modules.js'));

await build({
  entryPoints: {
    kpi: path.join(dist, 'bin/kpi.js'),
    'pipe-worker': path.join(dist, 'src/ingest/csv/pipe-worker.js'),
    worker: path.join(dist, 'src/app/parallel/worker.js'),
  },
  outdir: path.join(dist, 'bin'),
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
