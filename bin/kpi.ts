#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { onPendingChange, pendingTempFiles } from '../src/app/write-output.js';

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
