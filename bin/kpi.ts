#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { main } from '../src/cli/main.js';
import { pendingTempFiles } from '../src/app/write-output.js';

// `kpi … | head` closes the pipe early: that is not an error (SPEC-DECISIONS #26).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// Ctrl-C or a killed cron job leaves no half-written report behind.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    for (const f of pendingTempFiles()) rmSync(f, { force: true });
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

process.exitCode = await main(process.argv.slice(2));
