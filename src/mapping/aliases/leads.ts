/**
 * Lead / deal header aliases (EXPORT-FORMATS §1, §4): Bitrix24, amoCRM/Kommo, HubSpot,
 * Pipedrive, Salesforce (API names and report labels), Zoho CRM, generic RU/EN.
 */
import type { LeadField } from '../fields.js';
import type { KindAliases } from './types.js';

export const LEAD_ALIASES: KindAliases<LeadField> = {
  fields: {
    // Decision #6(e): a lead-reference column (Zoho `LEADID`, Bitrix `Лид`) outranks a generic ID,
    // so a deals export merges into the lead it came from.
    id: ['LEADID', 'Lead ID', 'ID лида', 'Лид', 'Lead - ID', 'Record ID', 'Deal ID', 'Deal - ID',
      'ID', 'Guid', 'Номер', '№ заявки', 'Номер заявки', 'ИД', 'id сделки'],
    created_at: ['Дата создания', 'Дата создания сделки', 'Дата создания лида', 'Создана', 'Создан',
      'Created Time', 'Create Date', 'Created Date', 'CreatedDate', 'Date Created', 'Created',
      'created_at', 'Deal - Deal created', 'Deal - Add time', 'Lead - Created', 'Дата оформления',
      'Дата заявки', 'Дата обращения', 'Дата лида', 'Lead Date', 'Request Date', 'Creation Date',
      // a bare date is a lead's date only in a file known to be leads (`--leads`, `kind:`)
      { header: 'Date', weak: true }, { header: 'Дата', weak: true },
      { header: 'Timestamp', weak: true }],
    channel: ['Источник', 'Источник лида', 'Источник сделки', 'Lead Source', 'LeadSource',
      'Lead - Source', 'Deal - Source', 'Original Source', 'Source', 'Канал', 'Channel',
      'utm_source', 'UTM Source', 'Original Source Drill-Down 1', 'Original Source Drill-Down 2',
      'Дополнительно об источнике', 'utm_medium', 'medium', 'utm_campaign'],
    direction: ['Направление взаимодействия', 'Тип обращения', 'Direction', 'Lead Direction'],
    client: ['Название компании', 'Компания', 'Компания контакта', 'Клиент', 'Контрагент',
      'Company', 'Company Name', 'Account Name', 'Deal - Organization', 'Lead - Organization',
      'Organization', 'Associated Company', 'Client', 'Client Name', 'Customer', 'Customer Name',
      'Контакт',
      'Полное имя контакта', 'Deal - Contact person', 'Lead - Contact person', 'Account Id',
      'AccountId', { header: 'Account', weak: true }],
    client_id: ['ИНН', 'ИНН компании', 'ИНН контрагента', 'ИНН клиента', 'INN', 'VAT number', 'VAT',
      'Tax ID', 'TaxID'],
    phone: ['Телефон', 'Рабочий телефон', 'Мобильный телефон', 'Рабочий прямой телефон',
      'Домашний телефон', 'Другой телефон', 'Phone', 'Phone Number', 'Mobile', 'Mobile Phone',
      'Person - Phone', { contains: 'телефон' }, { contains: 'phone' }],
    email: ['E-mail', 'Email', 'Рабочий e-mail', 'Рабочий email', 'Частный e-mail', 'Личный email',
      'Другой email', 'Email Address', 'EmailAddress', 'Person - Email', 'Почта',
      'Электронная почта', { contains: 'mail' }, { contains: 'почта' }],
    manager: ['Ответственный', 'Ответственный пользователь', 'Ответственный за сделку', 'Менеджер',
      'Lead Owner', 'Potential Owner', 'Deal owner', 'Deal - Owner', 'Lead - Owner',
      'Contact Owner', 'Opportunity Owner', 'Owner', 'OwnerId', 'Manager', 'Sales Manager',
      'Account Manager', 'Assigned To', 'Responsible', 'Manager Name', 'Sales Rep', 'Salesperson'],
    segment: ['Сегмент', 'Отрасль', 'Сфера деятельности', 'Industry', 'Segment', 'Тип компании'],
    // Pipedrive `Deal - Status` (open/won/lost) says won more reliably than its stage; it must
    // come before `Deal Stage`, which `Deal - Stage` also normalizes to.
    status: ['Статус', 'Стадия', 'Стадия сделки', 'Этап сделки', 'Этап', 'Статус лида',
      'Deal - Status', 'Deal Stage', 'Stage', 'StageName', 'Lead Status', 'Lifecycle Stage'],
    // Only dates set when a deal actually closed. Planned close dates are never `won_at`
    // (Decision #29): see `never`.
    won_at: ['Дата закрытия', 'Deal - Won time', 'Won Time', 'Won Date', 'Deal - Closed on', 'Deal - Close time'],
    amount: ['Сумма', 'Возможная сумма', 'Бюджет', 'Сумма сделки', 'Amount', 'Deal Amount',
      'Deal - Value', 'Value', 'Budget', { header: 'Revenue', weak: true }],
  },
  never: {
    // Bitrix `Направление` is the pipeline; `Тип`/`Type` is the deal type (Zoho: New Business).
    direction: ['Направление', 'Тип', 'Type', 'Тип сделки'],
    created_at: ['Дата начала', 'Дата изменения', 'Дата редактирования', 'Modified Time',
      'Last Modified Date', 'Last Activity Date'],
    // 1C `Организация` is the seller's own legal entity.
    client: ['Организация'],
    amount: ['Expected Revenue', 'Сумма НДС', 'НДС', 'Annual Revenue', 'AnnualRevenue'],
    won_at: ['Предполагаемая дата закрытия', 'Дата завершения', 'CloseDate', 'Close Date',
      'Closing Date', 'Deal - Expected close date', 'Expected Close Date'],
    manager: ['Кем создан', 'Кем создана', 'Кем изменен', 'Кем редактирована'],
    phone: ['Факс', 'Fax'],
  },
  // A lead/deal title says "CRM" louder than any field (Overrides #17). Bare `Name` is left out:
  // QuickBooks and Salesforce Account exports use it for a customer.
  hints: ['Название лида', 'Название сделки', 'Deal Name', 'Deal - Title', 'Lead - Title',
    'Potential Name', 'Opportunity Name', 'Lead Name'],
  signals: [['channel'], ['status']],
};
