/**
 * `leads.csv` as Bitrix24's CSV export writes it: UTF-8 with BOM, `;`, every cell quoted, CRLF,
 * Russian headers, `dd.mm.yyyy HH:mm` dates with some ISO ones mixed in (a column may mix
 * unambiguous forms), amounts `12 500,00` (space or no-break space groups), phones as typed.
 */
import { createRng } from './prng.js';
import { phoneText, type ClientPool } from './clients.js';
import { csvCell, dottedDate, isoDate, rubAmount, toCivil, type Civil } from './text.js';
import { rowTime } from './timeline.js';
import { LEAD_SOURCES, LEAD_STAGES, MANAGERS } from './vocab.js';
import type { CsvTable } from './table.js';

/** The header row kpi must auto-detect as leads (Bitrix24, Russian UI). */
export const LEAD_HEADERS: readonly string[] = [
  'ID', 'Дата создания', 'Стадия', 'Источник', 'Ответственный', 'Название компании', 'ИНН',
  'Рабочий телефон', 'Сумма',
];

const SEMI = 59;
const q = (s: string): string => csvCell(s, SEMI, true);

/** A leads table of `rows` rows for `seed`, drawing companies from `pool`. */
export function leadsTable(seed: number, rows: number, pool: ClientPool): CsvTable {
  const rng = createRng(seed, 0x1ead);
  const civil: Civil = { y: 0, m: 0, d: 0, hh: 0, mi: 0, ss: 0 };
  let i = 0;
  return {
    bom: true,
    eol: '\r\n',
    header: LEAD_HEADERS.map(q).join(';'),
    rows,
    next(): string {
      const t = toCivil(rowTime(i, rows, rng), civil);
      const date = rng.chance(0.12) ? isoDate(t, true) : dottedDate(t, true);
      const hasClient = rng.chance(0.88);
      const c = rng.int(0, pool.size - 1);
      const name = hasClient ? pool.names[c]! : '';
      const inn = hasClient && rng.chance(0.8) ? pool.inns[c]! : '';
      const phone = rng.chance(0.9) ? phoneText(pool.phones[c]!, rng.int(0, 3)) : '';
      const amount = rng.chance(0.7) ? rubAmount(rng.int(10, 5000) * 500, rng.chance(0.3) ? '\u00a0' : ' ') : '';
      const line = q(String(100_000 + i)) + ';' + q(date) + ';' + q(LEAD_STAGES.sample(rng)) + ';' +
        q(LEAD_SOURCES.sample(rng)) + ';' + q(rng.pick(MANAGERS)) + ';' + q(name) + ';' + q(inn) + ';' +
        q(phone) + ';' + q(amount);
      i++;
      return line;
    },
  };
}
