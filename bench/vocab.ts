/**
 * Words the generated exports are made of: Bitrix24 stages and sources, managers, parts of
 * Russian company names. Weights follow what a small B2B sales team's CRM looks like (most
 * leads still open or lost, one in five won), so the KPIs computed over the files are plausible.
 */
import { weighted, type Weighted } from './prng.js';

/** Sales managers (the same people own leads, calls and invoices, so groups line up). */
export const MANAGERS: readonly string[] = [
  'Иванова Анна', 'Петров Сергей', 'Смирнов Алексей', 'Кузнецова Мария', 'Соколов Дмитрий',
  'Попова Елена', 'Лебедев Артём', 'Козлова Ольга', 'Новиков Игорь', 'Морозова Татьяна',
  'Волков Павел', 'Алексеева Юлия', 'Фёдоров Никита', 'Orlova Ksenia', 'Белов Роман',
];

/** Bitrix24 deal stages (default pipeline) with their share of leads. */
export const LEAD_STAGES: Weighted<string> = weighted([
  ['Новая', 12], ['В работе', 18], ['Подготовка документов', 6], ['Счёт на предоплату', 5],
  ['Финальный счёт', 3], ['Сделка успешна', 21], ['Сделка провалена', 30], ['Некачественный лид', 5],
]);

/** Bitrix24 `Источник` values, an empty source included (→ `(none)` in kpi). */
export const LEAD_SOURCES: Weighted<string> = weighted([
  ['Звонок', 20], ['Веб-сайт', 16], ['CRM-форма', 10], ['Яндекс.Директ', 14], ['Google Ads', 4],
  ['Рекомендация', 8], ['Выставка', 3], ['E-mail', 6], ['Холодный звонок', 9], ['Авито', 5],
  ['utm: vk / cpc', 3], ['', 2],
]);

/** Legal forms in front of company names (ООО dominates, as in any Russian client base). */
export const LEGAL_FORMS: Weighted<string> = weighted([
  ['ООО', 70], ['АО', 8], ['ПАО', 2], ['ЗАО', 4], ['ИП', 14], ['LLC', 2],
]);

/** First words of company names. */
export const NAME_HEADS: readonly string[] = [
  'Вектор', 'Ромашка', 'Север', 'Технострой', 'Альфа', 'Гранит', 'Меридиан', 'Спектр', 'Орион',
  'Стройресурс', 'Энергосервис', 'Агроторг', 'Логистик', 'Промсервис', 'Медтех', 'Инфосистемы',
  'Капитал', 'Дельта', 'Русская кожа', 'Зелёный сад', 'Вольта', 'Атлант', 'Транзит', 'Nordic',
];

/** Second words, sometimes left out. */
export const NAME_TAILS: readonly string[] = [
  '', '', '', 'Плюс', 'Групп', 'Трейд', 'Холдинг', 'Сервис', 'Урал', 'Сибирь', 'Юг', 'М', 'Про',
];

/** Surnames for sole traders (`ИП Петров А.С.`). */
export const SURNAMES: readonly string[] = [
  'Петров', 'Сидоров', 'Галиев', 'Ким', 'Абрамов', 'Шевченко', 'Захаров', 'Ёлкин', 'Тимофеев',
];

/** Initials for sole traders. */
export const INITIALS: readonly string[] = ['А.', 'В.', 'Е.', 'И.', 'М.', 'Н.', 'О.', 'С.', 'Ю.'];

/** Russian region codes that start an ИНН; `02`, `03`, `07` give ИНН with a leading zero. */
export const INN_REGIONS: readonly string[] = ['77', '78', '50', '66', '16', '02', '03', '07', '54', '23'];

/** Mobile operator codes for +7 9xx numbers. */
export const MOBILE_CODES: readonly string[] = ['912', '915', '916', '903', '926', '985', '999', '950', '961', '977'];

/** The company's own inbound lines (what external callers dial). */
export const COMPANY_LINES: readonly string[] = ['+74951234567', '+74951234568', '+78005553535'];
