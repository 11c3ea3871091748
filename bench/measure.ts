/**
 * Time a child process from spawn to exit and find its peak resident memory. Peak RSS comes from
 * GNU `/usr/bin/time -f %M` when it works here (the kernel's own high-water mark, exact); else
 * `/proc/<pid>/status` VmHWM is polled every few ms (the last value read before exit, which can
 * miss a spike in the final milliseconds — the results say which method was used).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How peak memory is measured on this machine. */
export type RssMethod = 'gnu-time' | 'proc-vmhwm' | 'none';

/** One timed process. */
export interface ProcessRun {
  /** Spawn to exit, ms (includes Node's start-up: the user waits for it too). */
  wallMs: number;
  /** Peak resident set size in KiB, null when it could not be measured. */
  peakRssKb: number | null;
  /**
   * User + system CPU time in ms (GNU time only, else null). On a shared machine wall time
   * depends on what else runs; CPU time much less, so results carry both.
   */
  cpuMs: number | null;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
/** Peak RSS (KiB), user and system CPU seconds. */
const TIME_FORMAT = '%M %U %S';

/**
 * Read what `/usr/bin/time -f '%M %U %S'` wrote: its last line (GNU time writes "Command exited
 * with non-zero status N" or "Command terminated by signal N" above it when the command failed).
 */
export function parseTimeOutput(text: string): { rssKb: number; cpuMs: number } | null {
  const lines = text.trim().split('\n');
  const m = /^(\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec((lines[lines.length - 1] ?? '').trim());
  if (!m) return null;
  return { rssKb: Number(m[1]), cpuMs: Math.round((Number(m[2]) + Number(m[3])) * 1000) };
}
let method: RssMethod | null = null;

/** Which RSS method works here (probed once: `/usr/bin/time -f %M true` must print a number). */
export function rssMethod(): RssMethod {
  if (method) return method;
  const probe = spawnSync(GNU_TIME, ['-f', TIME_FORMAT, 'true'], { encoding: 'utf8' });
  if (probe.status === 0 && parseTimeOutput(probe.stderr) !== null) method = 'gnu-time';
  else {
    try {
      readFileSync('/proc/self/status', 'utf8');
      method = 'proc-vmhwm';
    } catch {
      method = 'none';
    }
  }
  return method;
}

/** VmHWM of a live process in KiB, or null once it has gone. */
function readHwm(pid: number): number | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const i = s.indexOf('VmHWM:');
    if (i < 0) return null;
    return parseInt(s.slice(i + 6), 10);
  } catch {
    return null;
  }
}

/** Process groups still running: killed if the runner itself is interrupted. */
const live = new Set<number>();

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kill every process group this module started that is still running (for SIGINT handlers). */
export function killLiveProcesses(): void {
  for (const pid of live) killGroup(pid);
  live.clear();
}

/** Options for `timeProcess`. */
export interface TimeOptions {
  cwd?: string;
  /** Kill the process after this long (ms); the run then reports signal SIGKILL. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Run `cmd args…`, resolving with its wall time, peak RSS, exit status and output. */
export async function timeProcess(cmd: string, args: readonly string[], opts: TimeOptions = {}): Promise<ProcessRun> {
  const how = rssMethod();
  const dir = how === 'gnu-time' ? mkdtempSync(join(tmpdir(), 'kpi-bench-')) : null;
  const rssFile = dir ? join(dir, 'rss') : null;
  const [file, argv] = rssFile ? [GNU_TIME, ['-f', TIME_FORMAT, '-o', rssFile, cmd, ...args]] : [cmd, [...args]];
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let polled: number | null = null;
  const t0 = performance.now();
  // Its own process group, so a timeout kills the measured command too, not only /usr/bin/time.
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (child.pid !== undefined) live.add(child.pid);
  const poll = how === 'proc-vmhwm' && child.pid !== undefined
    ? setInterval(() => { polled = readHwm(child.pid!) ?? polled; }, 5)
    : null;
  const timer = opts.timeoutMs ? setTimeout(() => killGroup(child.pid), opts.timeoutMs) : null;
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  try {
    const exit = await new Promise<{ code: number | null; signal: string | null; at: number }>((resolve, reject) => {
      let at = 0;
      child.once('error', reject);
      child.once('exit', () => { at = performance.now(); });
      child.once('close', (code, signal) => resolve({ code, signal, at: at || performance.now() }));
    });
    let peak: number | null = polled;
    let cpu: number | null = null;
    if (rssFile) {
      const t = parseTimeOutput(readFileSync(rssFile, 'utf8'));
      peak = t?.rssKb ?? null;
      cpu = t?.cpuMs ?? null;
    }
    // Under /usr/bin/time the exit code is the command's own (time passes it through).
    return {
      wallMs: exit.at - t0,
      peakRssKb: peak,
      cpuMs: cpu,
      exitCode: exit.code,
      signal: exit.signal,
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
    };
  } finally {
    if (child.pid !== undefined) live.delete(child.pid);
    if (poll) clearInterval(poll);
    if (timer) clearTimeout(timer);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
