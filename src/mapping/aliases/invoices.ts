/**
 * Invoice / sales-document header aliases (EXPORT-FORMATS §3, §4): 1C reports and list forms,
 * МойСклад, QuickBooks, Xero (incl. `*` template headers), Zoho invoices and sales orders,
 * UCI Online Retail, FreshBooks, generic RU/EN.
 */
import type { InvoiceField } from '../fields.js';
import type { KindAliases } from './types.js';

export const INVOICE_ALIASES: KindAliases<InvoiceField> = {
  fields: {
    number: ['Номер', 'Номер документа', 'Номер счета', 'Номер реализации', 'Invoice Number',
      'InvoiceNumber', 'Invoice #', 'Invoice No', 'InvoiceNo', 'INVOICE', 'Num', 'No.',
      'Документ', 'INVOICEID', 'Invoice ID', 'Document Number', 'Sales Order Number',
      'SALESORDERID', 'Order Number', 'Номер заказа', 'Document No', 'Doc Number', 'Doc No',
      'Order ID',
      // SPEC §2 names the field `id`/`number`; a bare `id` may be a line's own id: weak
      { header: 'id', weak: true }],
    date: ['Дата', 'Дата документа', 'Дата счета', 'Дата реализации', 'Дата продажи', 'InvoiceDate',
      'Invoice Date', 'Date', 'Transaction Date', 'Date Issued', 'Issue Date', 'Order Date',
      'Created Time', 'Doc Date', 'Document Date', { header: 'Created At', weak: true }],
    client: ['Контрагент', 'Клиент', 'Покупатель', 'ContactName', 'Customer', 'Customer full name',
      'Customer Name', 'Client', 'Client Name', 'Account Name', 'Компания', 'Company',
      'Account Id', 'AccountId', 'Name', 'Counterparty'],
    client_id: ['ИНН', 'ИНН контрагента', 'ИНН покупателя', 'ИНН клиента', 'CUSTOMERID',
      'Customer ID', 'VAT number', 'Tax ID', 'INN'],
    // A line amount outranks a document total: Xero repeats `Total` on every line.
    amount: ['Сумма', 'Сумма документа', 'Сумма продажи', 'Выручка', 'Выручка с НДС', 'Сумма с НДС',
      'LineAmount', 'Line Amount', 'Amount', 'sellSum', 'Net Total', 'Grand Total', 'Total',
      'Всего', 'Revenue', 'Amount Total', 'Total Amount', { header: 'Sum', weak: true }],
    quantity: ['Количество', 'Кол-во', 'Quantity', 'Qty', 'sellQuantity'],
    unit_price: ['Цена', 'Цена за единицу', 'UnitAmount', 'Unit Price', 'UnitPrice', 'Price',
      'Sales Price', 'List Price', 'sellPrice'],
    cost: ['Себестоимость', 'Сумма себестоимости', 'sellCostSum', 'Cost', 'Total Cost', 'COGS'],
    unit_cost: ['Себестоимость ед.', 'Себестоимость единицы', 'Цена закупки', 'Закупочная цена',
      'Purchase Price', 'Unit Cost'],
    profit: ['Валовая прибыль', 'Прибыль', 'Profit', 'Gross Profit'],
    manager: ['Менеджер', 'Ответственный', 'Invoice Owner', 'Sales Order Owner', 'Sales Rep',
      'Salesperson', 'Manager', 'Sales Manager', 'Account Manager', 'Owner', 'Assigned To',
      'Manager Name', 'Responsible'],
    segment: ['Сегмент', 'Номенклатурная группа', 'Вид номенклатуры', 'Класс товара',
      'TrackingOption1', 'Industry', 'Segment'],
    status: ['Статус', 'Статус счета', 'Статус оплаты', 'Оплата', 'Состояние', 'Invoice Status',
      'Status'],
    paid_at: ['Дата оплаты', 'Date Paid', 'Paid Date', 'Payment Date', 'FullyPaidOnDate'],
  },
  never: {
    amount: ['Сумма НДС', 'НДС', 'Tax', 'TaxTotal', 'TaxAmount', 'Sub Total', 'Expected Revenue',
      'Balance', 'Open Balance', 'InvoiceAmountDue', 'InvoiceAmountPaid', 'Discount'],
    client: ['Организация'],
    date: ['Due Date', 'DueDate', 'PlannedDate', 'Срок оплаты', 'Modified Time', 'Valid Till'],
  },
  hints: [],
  signals: [['amount'], ['quantity'], ['unit_price'], ['number'], ['cost', 'unit_cost', 'profit']],
};
