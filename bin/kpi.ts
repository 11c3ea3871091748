#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { main } from '../src/cli/main.js';
import { onPendingChange, pendingTempFiles } from '../src/app/write-output.js';

// V8 "pretenures" an allocation site whose objects all survived a young-generation GC: later
// objects from that site go straight to the old space. A batch of rows caught by a GC mid-file
// can do that; the rows of every later file are then pinned by dead old-space objects until the
// next full GC (a quoted 100k-row lead list before a 1M-row call log: 460 MB promoted instead of
// 20, and 100+ MB of extra peak memory). Records are kept in typed arrays, so nothing here gains
// from pretenuring. Read per GC, so setting it here (before any work) takes effect.
setFlagsFromString('--no-allocation-site-pretenuring');

// `kpi … | head` closes the pipe early: that is not an error (SPEC-DECISIONS #26).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// While a report file is being written, Ctrl-C or `timeout` removes the temp file before exiting.
// At any other time no handler is installed, so a signal ends even a busy run at once.
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
function cleanupAndExit(sig: NodeJS.Signals): void {
  for (const f of pendingTempFiles()) rmSync(f, { force: true });
  process.exit(sig === 'SIGINT' ? 130 : 143);
}
onPendingChange((count) => {
  for (const s of SIGNALS) {
    process.removeListener(s, cleanupAndExit);
    if (count > 0) process.on(s, cleanupAndExit);
  }
});

process.exitCode = await main(process.argv.slice(2));
