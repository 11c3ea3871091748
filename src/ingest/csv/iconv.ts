/**
 * iconv-lite, loaded on first use: UTF-8 files (most of them) never need it, and loading it
 * costs ~10 ms of every run's start-up. It is CommonJS, so `require` loads it synchronously
 * where a decoder is made.
 */
import { createRequire } from 'node:module';
import type Iconv from 'iconv-lite';

let lib: typeof Iconv | null = null;

export function iconv(): typeof Iconv {
  return (lib ??= createRequire(import.meta.url)('iconv-lite') as typeof Iconv);
}
