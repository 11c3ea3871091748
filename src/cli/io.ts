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
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}
