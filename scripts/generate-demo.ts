/**
 * Regenerates the demo company's export files in fixtures/demo/:
 *
 *   npx tsx scripts/generate-demo.ts [--seed N]
 *
 * writes leads.csv (Bitrix24), Master.csv (Asterisk) and invoices.xlsx (1C) from
 * `generateDemo(seed)` — the committed files use DEFAULT_SEED. It writes nothing else and
 * nowhere else; kpi.config.yaml and README.md in that folder are written by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generateDemo } from './demo/generate.js';
import { renderMasterCsv } from './demo/render-cdr.js';
import { renderInvoicesXlsx } from './demo/render-invoices.js';
import { renderLeadsCsv } from './demo/render-leads.js';

const OUT_DIR = fileURLToPath(new URL('../fixtures/demo/', import.meta.url));

function parseSeed(argv: readonly string[]): number {
  const i = argv.indexOf('--seed');
  if (i < 0) return DEFAULT_SEED;
  const text = argv[i + 1] ?? '';
  if (!/^\d{1,10}$/.test(text) || Number(text) > 0xffffffff) {
    throw new Error(`--seed expects an integer 0…4294967295, got "${text}"`);
  }
  return Number(text);
}

async function main(): Promise<void> {
  const seed = parseSeed(process.argv.slice(2));
  const data = generateDemo(seed);
  const files: [string, Buffer][] = [
    ['leads.csv', renderLeadsCsv(data.leads)],
    ['Master.csv', Buffer.from(renderMasterCsv(data.calls), 'utf8')],
    ['invoices.xlsx', await renderInvoicesXlsx(data.invoiceLines)],
  ];
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, bytes] of files) {
    writeFileSync(OUT_DIR + name, bytes);
    console.log(`${name.padEnd(14)} ${String(bytes.length).padStart(10)} bytes`);
  }
  console.log(
    `seed ${seed}: ${data.leads.length} leads, ${data.calls.length} calls, ${data.invoiceLines.length} invoice lines`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
