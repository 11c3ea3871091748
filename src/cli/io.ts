import { inputError, systemErrorText } from '../errors/kpi-error.js';

/** The process edges a command may touch, injectable for tests. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/**
 * Write and wait for the stream to take it (so exit codes are set after output). Pieces of a
 * long output (an iterable) are written one after another, each taken before the next is made.
 */
export async function write(stream: NodeJS.WritableStream, text: string | Uint8Array | Iterable<string>): Promise<void> {
  if (typeof text === 'string' || text instanceof Uint8Array) return writeOne(stream, text);
  for (const piece of text) await writeOne(stream, piece);
}

function writeOne(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => {
      if (!err) return resolve();
      // EPIPE (`| head` closed the pipe) goes on as it is: quiet, exit 0 (bin/kpi.ts, main.ts).
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') return reject(err);
      // Any other error (`> /dev/full`, a full disk) is reported by main as one line, exit 3. The
      // stream emits it as 'error' too, right after this callback; bin/kpi.ts rethrows stdout's
      // errors other than EPIPE, which would end the run with a raw stack trace first, so the
      // stream's listeners give way to this rejection.
      stream.removeAllListeners('error');
      stream.on('error', () => {});
      reject(inputError(`cannot write to ${streamName(stream)}: ${systemErrorText(err)}`, { hint: 'check where the output is redirected (a full disk?), or write it to a file with -o FILE' }));
    });
  });
}

function streamName(stream: NodeJS.WritableStream): string {
  const fd = (stream as { fd?: unknown }).fd;
  return fd === 1 ? 'standard output' : fd === 2 ? 'standard error' : 'the output';
}
