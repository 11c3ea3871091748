import { describe, expect, it } from 'vitest';
import { normalizeClientId, normalizeCompanyName, normalizeEmail } from '../../src/values/client.js';

describe('normalizeCompanyName', () => {
  it.each<[string, string | null]>([
    ['ООО «Ромашка»', 'ромашка'],
    ['Ромашка, ООО', 'ромашка'],
    ['"РОМАШКА" ооо', 'ромашка'],
    ['ООО "Ромашка"', 'ромашка'],
    ['ООО “Ромашка”', 'ромашка'],
    ["ООО 'Ромашка'", 'ромашка'],
    ['  ООО   Ромашка  ', 'ромашка'],
    ['Общество с ограниченной ответственностью «Ромашка»', 'ромашка'],
    ['ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ "РОМАШКА"', 'ромашка'],
    ['Акционерное общество «Ёлка»', 'елка'],
    ['ПАО «Ёлки-Палки»', 'елки палки'],
    ['Индивидуальный предприниматель Иванов Иван Иванович', 'иванов иван иванович'],
    ['ИП Иванов И.И.', 'иванов ии'],
    ['ИП Иванов И. И.', 'иванов ии'],
    ['АО «Альфа-Банк»', 'альфа банк'],
    ['Автономная некоммерческая организация «Развитие»', 'развитие'],
    ['ТОО «Казахстан Трейд»', 'казахстан трейд'],
    ['Acme, Inc.', 'acme'],
    ['ACME INC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Holdings PLC', 'acme holdings'],
    ['Müller GmbH & Co. KG', 'müller'],
    ['Acme Limited Liability Company', 'acme'],
    ['Maurice The Pants Man', 'maurice the pants man'], // Zoho sample
    ['Total Yard Management', 'total yard management'],
    ['Ромашка 2', 'ромашка 2'],
    ['ООО', null],
    ['«»', null],
    ['', null],
    ['LLC Inc.', null],
  ])('%j → %j', (name, key) => {
    expect(normalizeCompanyName(name)).toBe(key);
  });

  it('is stable when called again (memoized) and for different inputs of one company', () => {
    const forms = ['ООО «Ромашка»', 'Ромашка, ООО', '"РОМАШКА" ооо', 'Общество с ограниченной ответственностью Ромашка'];
    for (let k = 0; k < 2; k++) expect(new Set(forms.map(normalizeCompanyName))).toEqual(new Set(['ромашка']));
  });
});

describe('normalizeClientId', () => {
  it.each<[string, string | null]>([
    ['7701234567', '7701234567'],
    [' 7701234567 ', '7701234567'],
    ['0012345678', '0012345678'], // leading zeros are part of an ИНН
    ['ИНН 7701234567', '7701234567'],
    ['ИНН: 7701234567', '7701234567'],
    ['7701234567/770101001', '7701234567'], // ИНН/КПП
    ['DE 123 456 789', 'DE123456789'],
    ['de123456789', 'DE123456789'],
    ['VAT No. GB 123 4567 89', 'GB123456789'],
    ['77-01-234567', '7701234567'],
    ['нет', null],
    ['', null],
    ['ABC', null],
  ])('%j → %j', (text, id) => {
    expect(normalizeClientId(text)).toBe(id);
  });
});

describe('normalizeEmail', () => {
  it.each<[string, string | null]>([
    [' Ivan@Example.COM ', 'ivan@example.com'],
    ['GaryLDenson@cuvox.de', 'garyldenson@cuvox.de'],
    ['Ivan Petrov <Ivan@Example.com>', 'ivan@example.com'],
    ['mailto:a@b.ru', 'a@b.ru'],
    ['a@b.ru, c@d.ru', 'a@b.ru'],
    ['a@b.ru; c@d.ru', 'a@b.ru'],
    ['no e-mail', null],
    ['@example.com', null],
    ['ivan@', null],
    ['', null],
  ])('%j → %j', (text, email) => {
    expect(normalizeEmail(text)).toBe(email);
  });
});
