/**
 * Header-name normalization (SPEC-DECISIONS #18, #19). Alias matching and `columns:` lookups
 * compare normalized names exactly — no substring or fuzzy matching — so the normalization must
 * absorb every cosmetic difference real exports show and nothing more.
 */

/** Characters that carry meaning in headers even though they are not letters or digits. */
const KEPT_SYMBOLS = new Set(['#', '№', '%']);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/**
 * Decision #19: case fold, trim, ё→е, collapse spaces/underscores/punctuation, strip a leading `*`
 * (Xero templates) — `Call Duration (in seconds)` and `call_duration_in_seconds` become equal.
 *
 * Every run of characters that is neither a letter, a digit nor one of `# № %` becomes a single
 * space (NBSP, tabs, `_`, `-`, `/`, `.`, brackets…), leading/trailing separators vanish, and a
 * stray BOM is dropped. `Deal - ID` → `deal id`, `E-mail` → `e mail`, `*InvoiceNumber` →
 * `invoicenumber`, `Invoice #` → `invoice #`. CamelCase is *not* split: `InvoiceDate` and
 * `Invoice Date` stay different, so alias lists name both spellings explicitly.
 */
export function normalizeHeader(h: string): string {
  let out = '';
  let pendingSpace = false;
  let leading = true;
  for (const ch of h.toLowerCase()) {
    if (leading && (ch === '*' || ch === '\uFEFF' || ch.trim() === '')) continue;
    leading = false;
    if (ch === 'ё') {
      out += pendingSpace && out !== '' ? ' е' : 'е';
      pendingSpace = false;
    } else if (KEPT_SYMBOLS.has(ch) || WORD_CHAR.test(ch)) {
      out += pendingSpace && out !== '' ? ' ' + ch : ch;
      pendingSpace = false;
    } else {
      pendingSpace = true;
    }
  }
  return out;
}
