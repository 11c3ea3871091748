/**
 * Word lists and small text helpers for inventing Russian organisations: businesses
 * («ООО «Вектор Трейд»»), state bodies and schools. Kept apart from the company factory so the
 * vocabulary can grow without touching the logic.
 */

/** Word lists for business names: root + suffix + tail («Вектор» «Трейд» « Плюс»). */
export const NAME_ROOTS = [
  'Альфа', 'Вектор', 'Гранит', 'Север', 'Техно', 'Лидер', 'Прогресс', 'Меридиан', 'Атлант',
  'Орион', 'Спектр', 'Эталон', 'Импульс', 'Форвард', 'Градиент', 'Меркурий', 'Волга', 'Урал',
  'Сфера', 'Ресурс', 'Стандарт', 'Капитал', 'Регион', 'Континент', 'Горизонт', 'Фаворит',
  'Аврора', 'Гарант', 'Олимп', 'Магистраль', 'Контур', 'Квадрат', 'Полюс', 'Азимут', 'Зенит',
  'Феникс', 'Титан', 'Кристалл', 'Ромашка', 'Берёзка', 'Колос', 'Сокол', 'Янтарь', 'Рубин',
  'Изумруд', 'Байкал', 'Ладога', 'Кедр', 'Монолит', 'Базис', 'Профиль', 'Интеграл',
  'Параллель', 'Вертикаль', 'Навигатор', 'Пульсар', 'Галактика', 'Престиж', 'Оптима', 'Дельта',
] as const;

/** See NAME_ROOTS. */
export const NAME_SUFFIXES = [
  '', 'Трейд', 'Сервис', 'Групп', 'Логистик', 'Строй', 'Маркет', 'Консалт', 'Проект', 'Инвест',
  'Пром', 'Тех', 'Снаб', 'Медиа', 'Девелопмент', 'Авто', 'Фарм', 'Агро', 'Энерго', 'Софт',
] as const;

/** See NAME_ROOTS; the empty tail is the most common. */
export const NAME_TAILS = [
  '', '', '', ' Плюс', ' М', ' 24', ' Центр', ' Юг', ' Опт', ' Холдинг', ' Про', ' Лайн',
] as const;

const MOSCOW_DISTRICTS = [
  'Марьино', 'Люблино', 'Бирюлёво Восточное', 'Измайлово', 'Тушино Северное', 'Хамовники',
  'Басманный', 'Отрадное', 'Митино', 'Ясенево', 'Раменки', 'Солнцево', 'Строгино',
  'Гольяново', 'Бутово Южное', 'Кунцево', 'Перово', 'Текстильщики', 'Печатники', 'Зябликово',
  'Хорошёво-Мнёвники', 'Царицыно', 'Выхино-Жулебино', 'Лефортово', 'Сокольники', 'Аэропорт',
  'Бабушкинский', 'Беговой', 'Бибирево', 'Гагаринский', 'Даниловский', 'Дорогомилово',
  'Замоскворечье', 'Коньково', 'Кузьминки', 'Марфино', 'Нагатино-Садовники', 'Новогиреево',
  'Орехово-Борисово Южное', 'Пресненский', 'Свиблово', 'Тверской', 'Чертаново Центральное',
] as const;

const OBLAST_CITIES = [
  'Балашиха', 'Подольск', 'Химки', 'Мытищи', 'Королёв', 'Люберцы', 'Красногорск',
  'Электросталь', 'Коломна', 'Одинцово', 'Домодедово', 'Серпухов', 'Щёлково', 'Раменское',
  'Долгопрудный', 'Реутов', 'Пушкино', 'Жуковский', 'Сергиев Посад', 'Дмитров',
] as const;

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Latin letters and digits for an e-mail domain: «Вектор Трейд» → `vektortreyd`. */
export function translit(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const t = TRANSLIT[ch];
    if (t !== undefined) out += t;
    else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
  }
  return out;
}

/**
 * The key two organisation names collide on once a CRM or 1C reader strips case, quotes,
 * punctuation, spaces and ё. The generator keeps these unique so that name matching between
 * the CRM and 1C can only ever join a company to itself.
 */
export function collisionKey(name: string): string {
  let out = '';
  for (const ch of name.toLowerCase()) {
    if (ch === 'ё') out += 'е';
    else if ((ch >= 'а' && ch <= 'я') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      out += ch;
    }
  }
  return out;
}

/**
 * A valid 10-digit ИНН of a legal entity: region and tax-office prefix, a serial, and the
 * check digit (weights 2 4 10 3 5 9 4 6 8, mod 11, mod 10).
 */
export function innWithCheckDigit(first9: string): string {
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return first9 + String((sum % 11) % 10);
}

/** Formats a national 10-digit number the way people type it into a CRM card. */
export function formatCrmPhone(digits10: string, style: number): string {
  const a = digits10.slice(0, 3);
  const b = digits10.slice(3, 6);
  const c = digits10.slice(6, 8);
  const d = digits10.slice(8, 10);
  switch (style % 5) {
    case 0:
      return `+7 (${a}) ${b}-${c}-${d}`;
    case 1:
      return `8 (${a}) ${b}-${c}-${d}`;
    case 2:
      return `+7${digits10}`;
    case 3:
      return `8-${a}-${b}-${c}-${d}`;
    default:
      return `8${digits10}`;
  }
}

/** An organisation name as the CRM and 1C each write it. */
export interface OrgName {
  crm: string;
  oneC: string;
  /** Other CRM spellings of the same name. */
  variants: string[];
  /** First two ИНН digits (tax region). */
  region: string;
  mailbox: string;
  domain: string;
}

/** `ГБУ «X»` in the CRM, `ГБУ "X"` in 1C: both normalize to the same name. */
function quotedOrg(form: string, inner: string, region: string, mailbox: string, domain: string): OrgName {
  return { crm: `${form} «${inner}»`, oneC: `${form} "${inner}"`, variants: [`${form} "${inner}"`], region, mailbox, domain };
}

function plainOrg(name: string, region: string, mailbox: string, domain: string): OrgName {
  return { crm: name, oneC: name, variants: [], region, mailbox, domain };
}

/** Every public-sector organisation the demo may sell to (Moscow and the Moscow region). */
export function stateOrgs(): OrgName[] {
  const out: OrgName[] = [];
  for (const d of MOSCOW_DISTRICTS) {
    const t = translit(d);
    out.push(quotedOrg('ГБУ', `Жилищник района ${d}`, '77', `gbu-${t}`, 'mos.ru'));
    out.push(quotedOrg('ГКУ', `Дирекция ЖКХ района ${d}`, '77', `dezh-${t}`, 'mos.ru'));
    out.push(quotedOrg('ГБУ', `МФЦ района ${d}`, '77', `mfc-${t}`, 'mos.ru'));
    out.push(plainOrg(`Управа района ${d}`, '77', `uprava-${t}`, 'mos.ru'));
  }
  for (let n = 1; n <= 220; n++) out.push(quotedOrg('ГБУЗ', `Городская поликлиника № ${n}`, '77', `gp${n}`, 'zdrav.mos.ru'));
  for (let n = 1; n <= 70; n++) out.push(quotedOrg('ГБУЗ', `Городская клиническая больница № ${n}`, '77', `gkb${n}`, 'zdrav.mos.ru'));
  for (let n = 1; n <= 120; n++) out.push(quotedOrg('ГБУ ДО', `Спортивная школа № ${n}`, '77', `sport${n}`, 'mos.ru'));
  for (const c of OBLAST_CITIES) {
    const domain = `${translit(c)}.mosreg.ru`;
    out.push(plainOrg(`Администрация г.о. ${c}`, '50', 'adm', domain));
    out.push(quotedOrg('МКУ', `Центр закупок г.о. ${c}`, '50', 'zakupki', domain));
    out.push(quotedOrg('МКУ', `Управление образования г.о. ${c}`, '50', 'uo', domain));
    out.push(quotedOrg('ГБУЗ МО', `Больница г.о. ${c}`, '50', 'hospital', domain));
  }
  return out;
}

/** Every school, college and kindergarten the demo may sell to. */
export function schoolOrgs(): OrgName[] {
  const out: OrgName[] = [];
  for (let n = 1; n <= 2100; n++) out.push(plainOrg(`ГБОУ Школа № ${n}`, '77', `sch${n}`, 'edu.mos.ru'));
  for (const c of OBLAST_CITIES) {
    for (let n = 1; n <= 40; n++) out.push(plainOrg(`МБОУ СОШ № ${n} г. ${c}`, '50', 'info', `${translit(c)}-school${n}.ru`));
  }
  for (let n = 1; n <= 60; n++) out.push(quotedOrg('ГБПОУ', `Колледж № ${n}`, '77', `spo${n}`, 'edu.mos.ru'));
  for (const r of NAME_ROOTS) out.push(quotedOrg('АНО ДО', `Детский сад ${r}`, '50', 'info', `ds-${translit(r)}.ru`));
  return out;
}
