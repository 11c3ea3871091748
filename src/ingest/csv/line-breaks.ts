/** Line-break counting shared by the tokenizer and delimiter detection. Pure. */

const CR = 13;
const LF = 10;

/** Line breaks in `s[from, to)`: `\r\n`, `\n` and a lone `\r` count one each. */
export function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR) {
      n++;
      if (i + 1 < to && s.charCodeAt(i + 1) === LF) i++;
    }
  }
  return n;
}
