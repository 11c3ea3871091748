/**
 * Long outputs in pieces. A report grouped by a column of a million values is more text than one
 * JavaScript string may hold (V8's limit is 512 MB) and, kept whole, gigabytes of memory; its
 * renderers yield pieces the CLI writes one by one. Pure.
 */

/** Lines (a JSON array's items: json.ts) per piece: a piece is one string, written before the next is made. */
export const LINES_PER_PIECE = 2000;

/** `lines`, each followed by `eol`, in pieces of {@link LINES_PER_PIECE} lines. */
export function* linePieces(lines: readonly string[], eol: string): Generator<string> {
  for (let from = 0; from < lines.length; from += LINES_PER_PIECE) {
    yield lines.slice(from, from + LINES_PER_PIECE).join(eol) + eol;
  }
}

/** `items` made into text by `make`, joined by `sep` (none before the first or after the last), in pieces of {@link LINES_PER_PIECE}. */
export function* joinedPieces<T>(items: readonly T[], sep: string, make: (item: T) => string): Generator<string> {
  for (let from = 0; from < items.length; from += LINES_PER_PIECE) {
    const to = Math.min(items.length, from + LINES_PER_PIECE);
    const piece: string[] = [];
    for (let i = from; i < to; i++) piece.push(make(items[i] as T));
    yield (from === 0 ? '' : sep) + piece.join(sep);
  }
}
