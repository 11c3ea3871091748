/**
 * Vitest global setup: every test run gets one temp folder of its own, and every temp file or
 * folder a test makes (`mkdtempSync(tmpdir())`, `tempDir`, the bench's scratch files) lands in it,
 * because `os.tmpdir()` follows `TMPDIR`, which the test processes inherit. The folder is removed
 * when the run ends, so a run leaves nothing behind in /tmp (it used to leave ~500 folders).
 * `KPI_KEEP_TEST_TMP=1` keeps it for a look after a failure; its path is printed then.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'kpi-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    if (process.env.KPI_KEEP_TEST_TMP === '1') process.stderr.write(`kpi tests: temp files kept in ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  };
}
