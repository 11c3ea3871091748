/**
 * Writes leads as Bitrix24's "Экспорт в CSV" of the lead list does on a Russian boxed portal:
 * Windows-1251, every field in double quotes (inner quotes doubled) and followed by `;` — the
 * vendor template (crm.lead.list/templates/.default/csv.php) echoes `"value";` per column, so
 * every line, header included, ends with a `;` — lines end with `\n`, no BOM.
 */
import iconv from 'iconv-lite';
import { formatRuMinute } from './calendar.js';
import type { DemoLead } from './types.js';

/** Column headers of the export, in order (ИНН and Сегмент are the portal's custom fields). */
export const LEAD_HEADERS = [
  'ID',
  'Название лида',
  'Дата создания',
  'Стадия',
  'Источник',
  'Ответственный',
  'Название компании',
  'ИНН',
  'Рабочий телефон',
  'Рабочий e-mail',
  'Сегмент',
  'Сумма',
] as const;

/** Kopecks as the portal formats money: `12 500,00` (space-grouped, decimal comma). */
export function formatRub(kopecks: number): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  const rub = String(Math.floor(abs / 100));
  let grouped = '';
  for (let i = 0; i < rub.length; i++) {
    if (i > 0 && (rub.length - i) % 3 === 0) grouped += ' ';
    grouped += rub[i];
  }
  return `${sign}${grouped},${String(abs % 100).padStart(2, '0')}`;
}

function field(text: string): string {
  return `"${text.replaceAll('"', '""')}";`;
}

/** The text of one lead line (without the newline). */
export function leadLine(l: DemoLead): string {
  return [
    String(l.id),
    l.title,
    formatRuMinute(l.createdAt),
    l.stage,
    l.source,
    l.manager,
    l.company,
    l.inn ?? '',
    l.phone,
    l.email ?? '',
    l.segment,
    l.amount === null ? '' : formatRub(l.amount),
  ]
    .map(field)
    .join('');
}

/** The export as decoded text. */
export function renderLeadsText(leads: readonly DemoLead[]): string {
  let out = `${LEAD_HEADERS.map(field).join('')}\n`;
  for (const l of leads) out += `${leadLine(l)}\n`;
  return out;
}

/**
 * The export file: the text encoded as Windows-1251. Throws if some character has no
 * Windows-1251 code (iconv would silently write `?`).
 */
export function renderLeadsCsv(leads: readonly DemoLead[]): Buffer {
  const text = renderLeadsText(leads);
  const bytes = iconv.encode(text, 'win1251');
  if (iconv.decode(bytes, 'win1251') !== text) {
    throw new Error('leads.csv: a character cannot be written in Windows-1251');
  }
  return bytes;
}
