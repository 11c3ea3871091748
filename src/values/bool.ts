/**
 * Yes/no cells: `answered` flags (Aircall `yes`/`no`, `true`/`false`, `1`/`0`), Zoho `CONVERTED`,
 * Bitrix «Сделка закрыта» `Да`/`Нет`, 1C `Истина`/`Ложь`.
 */

const WORDS = new Map<string, boolean>([
  ['yes', true], ['y', true], ['true', true], ['t', true], ['1', true], ['да', true], ['д', true], ['истина', true],
  ['no', false], ['n', false], ['false', false], ['f', false], ['0', false], ['нет', false], ['н', false], ['ложь', false],
]);

/**
 * `yes` `y` `true` `t` `1` `да` `д` `истина` → true; `no` `n` `false` `f` `0` `нет` `н` `ложь`
 * → false (trimmed, case-insensitive); anything else null — never a default.
 */
export function parseBool(text: string): boolean | null {
  const t = text.trim();
  if (t.length === 0 || t.length > 6) return null;
  return WORDS.get(t.toLowerCase()) ?? null;
}
