/**
 * The one place where errors become messages and exit codes (SPEC §6, SPEC-DECISIONS #26):
 * KpiError → its code and a one-line message; commander usage errors → 2; EPIPE → 0 quietly;
 * anything else → 70 with a stack trace only under KPI_DEBUG=1. Commands are imported lazily so
 * `kpi --version` stays fast.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, KpiError } from '../errors/kpi-error.js';
import { addSharedOptions, toSharedOptions, type SharedOptions } from './options.js';
import { processIo, type Io } from './io.js';
import { VERSION } from './version.js';
import { formatIssueLine } from '../errors/format.js';

/** Real examples under each command's --help (issue: help that teaches). */
const EXAMPLES: Record<string, string[]> = {
  report: [
    'kpi report --demo -p 2025-12 --today 2026-01-10      the built-in demo company',
    'kpi report exports/*.csv sales.xlsx -p last-month    the dashboard for last month',
    'kpi report -p 2026-Q3 -M -g manager                  per manager, monthly columns, sources from kpi.config.yaml',
    'kpi report -p last-12-months -O csv > kpi.csv        tidy numbers for a spreadsheet (--layout tidy)',
    'kpi report -p last-month -o report.html              a self-contained HTML report to mail',
    'kpi report --leads deals.csv --leads leads.csv -O json --compare yoy',
  ],
  leads: ['kpi leads crm/*.csv -p 2026 -Q -g channel', 'kpi inbound -p last-month --explain'],
  cohorts: ['kpi cohorts sales.xlsx -p 2025 -M', 'kpi cohorts -p 2024..2025 -Q -g channel -O csv'],
  list: ['kpi list missed-unreturned calls/Master.csv -p yesterday', 'kpi list lost-clients -p last-month -O csv', 'kpi list at-risk -g manager'],
  check: ['kpi check -q || mail -s "KPI targets missed" owner@example.com', 'kpi check -p last-month -O json'],
  inspect: ['kpi inspect exports/*.csv', 'kpi inspect sales.xlsx -O json'],
  init: ['kpi init exports/leads.csv exports/Master.csv sales.xlsx', 'kpi init *.csv -o - | less'],
};

function examples(name: string): string {
  const ex = EXAMPLES[name] ?? EXAMPLES[SECTIONS.includes(name as never) ? 'leads' : 'report'] ?? [];
  return '\nExamples:\n' + ex.map((e) => `  ${e}`).join('\n') + '\n\nExit codes: 0 ok, 1 target missed or --strict, 2 usage/config error, 3 unreadable input.\n';
}

type Runner = (files: string[], opts: SharedOptions, io: Io, extra: Record<string, unknown>) => Promise<number>;

const SECTIONS = ['leads', 'active', 'inbound', 'calls', 'clients'] as const;

function build(io: Io, argv: readonly string[], done: (p: Promise<number>) => void): Command {
  const program = new Command('kpi')
    .description('Sales KPIs for small B2B companies from CRM, telephony and accounting exports')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  const run = (load: () => Promise<{ run: Runner }>) =>
    function (this: Command, ...args: unknown[]) {
      const cmd = args[args.length - 1] as Command;
      const raw = cmd.opts();
      const files = (args[0] as string[] | undefined) ?? [];
      done(load().then((m) => m.run(Array.isArray(files) ? files : [], toSharedOptions(raw, argv), io, raw)));
    };

  addSharedOptions(program.command('report').argument('[files...]').description('the dashboard: every section, periods as columns, trends'))
    .option('--demo', 'report on the built-in demo company')
    .action(run(() => import('./commands/report.js')));
  for (const s of SECTIONS) {
    addSharedOptions(program.command(s).argument('[files...]').description(`the ${s} section alone`))
      .option('--demo', 'use the built-in demo company')
      .action(run(async () => {
        const m = await import('./commands/report.js');
        return { run: (f, o, i, e) => m.run(f, o, i, { ...e, section: s }) };
      }));
  }
  addSharedOptions(program.command('cohorts').argument('[files...]').description('retention cohorts: clients by the period of their first invoice, active share and revenue in each later period'))
    .option('--demo', 'use the built-in demo company')
    .action(run(() => import('./commands/cohorts.js')));
  addSharedOptions(
    program
      .command('list')
      .argument('<list>', 'missed-unreturned | lost-clients | new-clients | at-risk')
      .argument('[files...]')
      .description('the records behind a number: missed-unreturned, lost-clients, new-clients, at-risk'),
  )
    .option('--demo', 'use the built-in demo company')
    .action(function (this: Command, list: string, files: string[], _o: unknown, cmd: Command) {
      done(import('./commands/list.js').then((m) => m.run(files ?? [], toSharedOptions(cmd.opts(), argv), io, { ...cmd.opts(), list })));
    });
  addSharedOptions(program.command('check').argument('[files...]').description('targets and data health; exit 1 when a target is missed (for cron)'))
    .option('--demo', 'use the built-in demo company')
    .action(run(() => import('./commands/check.js')));
  addSharedOptions(program.command('inspect').argument('<files...>').description('what was detected in each file: kind, encoding, delimiter, header, mapping, formats, problems'))
    .action(run(() => import('./commands/inspect.js')));
  addSharedOptions(program.command('init').argument('<files...>').description('write a starter kpi.config.yaml that reproduces what inspect detected'))
    .option('--force', 'overwrite an existing config')
    .action(run(() => import('./commands/init.js')));
  for (const c of program.commands) c.addHelpText('after', examples(c.name()));
  return program;
}

/** `--lang ru` as given on the command line (config `lang:` is applied by the commands). */
function argLang(argv: readonly string[]): 'en' | 'ru' {
  const i = argv.lastIndexOf('--lang');
  const v = i >= 0 ? argv[i + 1] : argv.filter((a) => a.startsWith('--lang=')).pop()?.slice(7);
  return v === 'ru' ? 'ru' : 'en';
}

/** Run the CLI; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  let pending: Promise<number> | null = null;
  try {
    const program = build(io, argv, (p) => (pending = p));
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return pending ? await pending : EXIT.ok;
  } catch (e) {
    return handleError(e, io, argLang(argv));
  }
}

function handleError(e: unknown, io: Io, lang: 'en' | 'ru'): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage; // commander already printed the message
  }
  if (e instanceof KpiError && e.issue && lang === 'ru') {
    io.stderr.write(`kpi: ${formatIssueLine(e.issue, 'ru')}\n`);
    return e.exitCode;
  }
  if (e instanceof KpiError) {
    const hint = e.hint && !e.message.includes('hint:') ? `\n  hint: ${e.hint}` : '';
    io.stderr.write(`kpi: ${e.message}${hint}\n`);
    return e.exitCode;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'EPIPE') return EXIT.ok;
  io.stderr.write(`kpi: internal error: ${err?.message ?? String(e)}\n  this is a bug; please report it with the command you ran${io.env.KPI_DEBUG === '1' ? '' : ' (KPI_DEBUG=1 shows the stack trace)'}\n`);
  if (io.env.KPI_DEBUG === '1' && err?.stack) io.stderr.write(err.stack + '\n');
  return EXIT.internal;
}
