#!/usr/bin/env node
import { main } from '../src/cli/main.js';

// `kpi … | head` closes the pipe early: that is not an error (SPEC-DECISIONS #26).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
