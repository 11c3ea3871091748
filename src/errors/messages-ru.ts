/**
 * Russian text of the messages on stderr (`--lang ru`, SPEC-DECISIONS #45: messages are localized,
 * codes are not). Built from an issue's structured fields, so the position, the value found and the
 * code stay exactly as in English; machine outputs (JSON `issues`) keep the English text.
 */
import type { Issue, IssueCode, Severity } from './issue.js';

export const SEVERITY_RU: Record<Severity, string> = { error: 'ошибка', warning: 'предупреждение', info: 'примечание' };

const q = (v: string | null) => (v === null ? 'ничего' : `«${v}»`);

function where(i: Issue): string {
  return i.column ? `столбец «${i.column}»${i.columnIndex ? ` (${i.columnIndex})` : ''}` : 'строка';
}

type Text = (i: Issue) => string;

const MESSAGE: Partial<Record<IssueCode, Text>> = {
  bad_date: (i) => `${where(i)}: найдено ${q(i.value)}, ожидалась дата`,
  bad_amount: (i) => `${where(i)}: найдено ${q(i.value)}, ожидалась сумма вида 1 234,56 или 1234.56`,
  bad_number: (i) => `${where(i)}: найдено ${q(i.value)}, ожидалось число`,
  bad_duration: (i) => `${where(i)}: найдено ${q(i.value)}, ожидалась длительность (секунды или ЧЧ:ММ:СС)`,
  missing_required: (i) => `${where(i)}: нет обязательного значения`,
  total_row: (i) => `строка итогов${i.value ? ` (${q(i.value)})` : ''}, а не запись`,
  call_direction_unknown: (i) => `${where(i)}: найдено ${q(i.value)}, ожидалось направление звонка (входящий, исходящий, внутренний)`,
  no_client: () => 'нет клиента: нужен контрагент или ИНН',
  unclosed_quote: () => 'кавычка не закрыта; она прочитана как обычный символ',
  bad_optional: (i) => `${where(i)}: найдено ${q(i.value)}, значение не распознано; поле оставлено пустым`,
  merge_conflict: (i) => `${where(i)}: ${q(i.value)} расходится со значением этой же записи выше; оставлено первое`,
  duplicate_row: () => 'строка в точности повторяет одну из предыдущих строк файла; учтены обе',
  duplicate_across_files: () => 'та же запись есть в другом файле; учтены обе',
  phone_invalid: (i) => `${where(i)}: ${q(i.value)} не похоже на номер телефона; сохранены цифры`,
  future_won_at: (i) => `${where(i)}: дата закрытия позже сегодняшней (плановая?) — сделка не считается выигранной`,
  repeated_header: () => 'строка заголовка повторяется (склеены две выгрузки?); пропущена',
  sheets_not_read: (i) => (i.value ? `в книге есть другие листы с данными, они не прочитаны: ${i.value}` : 'в книге больше 64 других листов; остальные не просмотрены'),
  id_precision_lost: (i) => `${where(i)}: идентификатор ${q(i.value)} записан в экспоненциальной форме, цифры потеряны`,
  group_case_variant: (i) => `имена ${i.value ?? ''} отличаются только регистром букв; это разные группы`,
  client_ambiguous: (i) => `название ${q(i.value)} связано с несколькими ИНН; записи без ИНН не отнесены ни к одному`,
  kind_unknown: () => 'по заголовкам не удалось понять, что в файле: лиды, звонки или счета',
  kind_ambiguous: () => 'заголовки подходят сразу нескольким видам данных',
  column_missing: (i) => `нет столбца для: ${i.expected ?? i.value ?? ''}`,
  column_missing_optional: (i) => `${where(i)}: столбец из конфигурации не найден`,
  date_ambiguous: (i) => `${where(i)}: каждую дату можно прочитать и как день/месяц, и как месяц/день`,
  decimal_ambiguous: (i) => `${where(i)}: все суммы читаются двояко (как 1,200 или 3.500), десятичный знак неизвестен`,
  direction_undecidable: () => 'в звонках нет столбца направления, а internal_numbers не заданы',
  not_a_table: () => 'это сводный отчёт (объединённые ячейки в заголовке), а не таблица записей',
  encoding_guessed: (i) => `кодировка угадана${i.value ? `: ${i.value}` : ''}`,
  future_date: () => 'есть записи с датой позже сегодняшней',
  no_records: () => 'нет записей',
  file_repeated: () => 'этот файл указан дважды; прочитан один раз',
  period_flag_conflict: () => '-p/--period задан вместе с -b/--begin или -e/--end: учтён только -p',
  cost_missing: () => 'у части строк нет себестоимости: прибыль по этим периодам не считается',
  mixed_currency: (i) => `${where(i)}: суммы в разных валютах (${i.value ?? ''}); они складываются как есть, без пересчёта`,
};

const HINT: Partial<Record<IssueCode, string>> = {
  bad_date: 'укажите `date_format:` для этого источника, если даты записаны иначе',
  bad_amount: 'укажите `decimal_mark:` для этого источника, если суммы записаны иначе',
  total_row: 'исправлять нечего, если это строка «Итого» самой выгрузки',
  call_direction_unknown: 'добавьте значение в `direction_values:` источника или задайте `internal_numbers:`',
  unclosed_quote: 'исправьте кавычку в исходном файле или удвойте её (""), если она часть текста',
  duplicate_row: 'если выгрузка задвоила строки, уберите копии в источнике',
  duplicate_across_files: 'пересекающиеся выгрузки удваивают цифры: давайте каждый период один раз',
  kind_unknown: 'укажите вид явно: --leads/--calls/--invoices ФАЙЛ или `kind:` в источнике конфигурации',
  kind_ambiguous: 'укажите вид явно: --leads/--calls/--invoices ФАЙЛ или `kind:` в источнике конфигурации',
  column_missing: 'задайте столбцы в `columns:` этого источника (kpi init напишет пример)',
  date_ambiguous: 'укажите формат: date_format: d/M/yyyy (или M/d/yyyy) для этого источника',
  decimal_ambiguous: 'укажите decimal_mark: "," или "." для этого источника',
  direction_undecidable: 'добавьте в kpi.config.yaml internal_numbers: ["^1\\\\d\\\\d$"] (ваши внутренние номера)',
  not_a_table: 'выгрузите исходный список: одна строка на лид, звонок или строку счёта, одна строка заголовка',
  group_case_variant: 'объедините их правилом `managers:` или `channels:` в kpi.config.yaml',
  mixed_currency: 'разделите выгрузку по валютам или пересчитайте суммы в одну валюту заранее',
  cost_missing: 'добавьте себестоимость в эти строки или уберите столбец себестоимости из всех источников',
  id_precision_lost: 'выгрузите идентификаторы как текст (в Excel: формат «Текстовый» до ввода)',
  period_flag_conflict: 'укажите либо -p, либо -b/-e',
  sheets_not_read: 'чтобы прочитать их, укажите книгу в `sources:` в kpi.config.yaml по разу на лист, каждый раз с `sheet: ИМЯ`',
};

/** The Russian message and hint of an issue (falling back to the English text for rare codes). */
export function russian(i: Issue): { message: string; hint: string | null } {
  const m = MESSAGE[i.code];
  return { message: m ? m(i) : i.message, hint: HINT[i.code] ?? i.hint };
}
