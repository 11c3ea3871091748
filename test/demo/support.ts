/**
 * Small readers for the demo tests, independent of the product's own readers (which are tested
 * elsewhere): they only need to be right for the files the generator writes.
 */

/** Splits one CSV line on `sep`, honouring double quotes (`""` inside quotes is a quote). */
export function splitQuoted(line: string, sep: string): { fields: string[]; quoted: boolean[] } {
  const fields: string[] = [];
  const quoted: boolean[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    let q = false;
    if (line[i] === '"') {
      q = true;
      i++;
      for (;;) {
        const j = line.indexOf('"', i);
        if (j < 0) throw new Error(`unterminated quote in: ${line}`);
        value += line.slice(i, j);
        if (line[j + 1] === '"') {
          value += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
    } else {
      const j = line.indexOf(sep, i);
      value = line.slice(i, j < 0 ? line.length : j);
      i = j < 0 ? line.length : j;
    }
    fields.push(value);
    quoted.push(q);
    if (i >= line.length) return { fields, quoted };
    if (line[i] !== sep) throw new Error(`expected "${sep}" at ${i} in: ${line}`);
    i++;
    if (i === line.length) {
      fields.push('');
      quoted.push(false);
      return { fields, quoted };
    }
  }
}

/** The national 10 digits of a Russian number however it is written; null if it has fewer. */
export function phoneKey(text: string): string | null {
  const digits = text.replace(/\D/g, '');
  return digits.length >= 10 ? digits.slice(-10) : null;
}

const LEGAL_FORMS = new Set(['ооо', 'оао', 'зао', 'пао', 'ао', 'ип']);

/** A company name with case, quotes, legal forms, punctuation and spaces removed. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[«»"']/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !LEGAL_FORMS.has(t))
    .join('')
    .replace(/[^a-zа-я0-9]/g, '');
}

/** `YYYY-MM` of a wall time. */
export function monthKey(w: number): string {
  return new Date(w).toISOString().slice(0, 7);
}

/** True for a 10-digit ИНН with a valid check digit. */
export function validInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn)) return false;
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(inn[i]) * (w[i] ?? 0);
  return (sum % 11) % 10 === Number(inn[9]);
}
