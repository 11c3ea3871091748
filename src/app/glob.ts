/**
 * Minimal glob expansion (`*`, `?`, `**`, `[...]`, `{a,b}`), because quoted arguments and config
 * `files:` must expand the same way on every shell (SPEC-DECISIONS #1). Node 20 has no fs.glob.
 * Matches are sorted by code point.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = /[*?[{]/;

/** True when the string contains glob syntax. */
export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** Translate one path segment's glob into an anchored regular expression. */
export function segmentToRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = seg.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        let body = seg.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '{') {
      const close = seg.indexOf('}', i + 1);
      if (close < 0) re += '\\{';
      else {
        const alts = seg.slice(i + 1, close).split(',').map((a) => a.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'));
        re += '(?:' + alts.join('|') + ')';
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function walk(base: string, segs: string[], out: string[]): Promise<void> {
  if (segs.length === 0) {
    out.push(base);
    return;
  }
  const [seg, ...rest] = segs as [string, ...string[]];
  if (seg === '**') {
    await walk(base, rest, out);
    let entries: string[];
    try {
      entries = await readdir(base);
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.startsWith('.')) continue;
      const p = path.join(base, e);
      if (await isDir(p)) await walk(p, segs, out);
    }
    return;
  }
  if (!hasMagic(seg)) {
    const p = path.join(base, seg);
    if (rest.length === 0) {
      try {
        await stat(p);
        out.push(p);
      } catch {
        /* no match */
      }
    } else if (await isDir(p)) await walk(p, rest, out);
    return;
  }
  const re = segmentToRegExp(seg);
  let entries: string[];
  try {
    entries = await readdir(base);
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.startsWith('.') && !seg.startsWith('.')) continue;
    if (!re.test(e)) continue;
    const p = path.join(base, e);
    if (rest.length === 0) out.push(p);
    else if (await isDir(p)) await walk(p, rest, out);
  }
}

/**
 * Expand a pattern relative to `cwd`. Returns paths as the user would write them (relative stays
 * relative), de-duplicated and sorted by code point. A pattern without magic is returned as is.
 */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  if (!hasMagic(pattern)) return [pattern];
  const norm = pattern.split(path.sep).join('/');
  const abs = path.isAbsolute(norm);
  const segs = norm.split('/').filter((s, i) => s !== '' || i === 0);
  let base = abs ? '/' : cwd;
  if (abs) segs.shift();
  // keep the literal leading segments as the base
  const lead: string[] = [];
  while (segs.length > 1 && !hasMagic(segs[0]!)) lead.push(segs.shift()!);
  base = path.join(base, ...lead);
  const out: string[] = [];
  await walk(base, segs, out);
  const rel = out.map((p) => (abs ? p : path.relative(cwd, p) || '.'));
  return [...new Set(rel)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
