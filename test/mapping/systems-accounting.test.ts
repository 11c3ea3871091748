/** Accounting exports (EXPORT-FORMATS §3): literal header rows → kind and key fields. */
import { runSystemCases, type SystemCase } from './system-cases.js';

const CASES: SystemCase[] = [
  {
    system: '1C report «Валовая прибыль»',
    headers: ['Номенклатура', 'Артикул товара', 'Код', 'Количество', 'Выручка с НДС', 'Себестоимость', 'Валовая прибыль',
      'Рентабельность', 'Клиент', 'Документ', 'Дата', 'Менеджер'],
    kind: 'invoices',
    expect: { quantity: 'Количество', amount: 'Выручка с НДС', cost: 'Себестоимость', profit: 'Валовая прибыль', client: 'Клиент',
      number: 'Документ', date: 'Дата', manager: 'Менеджер' },
  },
  {
    system: '1C report «Продажи» (Выручка beside Выручка с НДС)',
    headers: ['Контрагент', 'Документ', 'Дата', 'Кол-во', 'Выручка с НДС', 'Выручка', 'Сумма НДС'],
    kind: 'invoices',
    expect: { amount: 'Выручка', quantity: 'Кол-во', client: 'Контрагент' },
  },
  {
    system: '1C list form (Реализации)',
    headers: ['Дата', 'Номер', 'Контрагент', 'Сумма', 'Валюта', 'Организация', 'Склад', 'Ответственный', 'Комментарий', 'Вид операции'],
    kind: 'invoices',
    expect: { date: 'Дата', number: 'Номер', client: 'Контрагент', amount: 'Сумма', manager: 'Ответственный' },
  },
  {
    system: '1C list form (Счета покупателям)',
    headers: ['Дата', 'Номер', 'Контрагент', 'ИНН контрагента', 'Сумма', 'Оплата', 'Отгрузка', 'Организация', 'Ответственный'],
    kind: 'invoices',
    expect: { client_id: 'ИНН контрагента', status: 'Оплата' },
  },
  {
    system: 'МойСклад profit report (API names)',
    headers: ['sellQuantity', 'sellPrice', 'sellSum', 'sellCostSum', 'profit', 'margin', 'returnSum', 'returnCostSum', 'salesCount', 'returnCount'],
    kind: 'invoices',
    expect: { quantity: 'sellQuantity', unit_price: 'sellPrice', amount: 'sellSum', cost: 'sellCostSum', profit: 'profit' },
    missing: ['date', 'client or client_id'],
  },
  {
    system: 'QuickBooks Online — Sales by Customer Detail',
    headers: ['Date', 'Transaction Type', 'No.', 'Customer', 'Memo/Description', 'Product/Service', 'Qty', 'Sales Price', 'Amount', 'Balance'],
    kind: 'invoices',
    expect: { date: 'Date', number: 'No.', client: 'Customer', quantity: 'Qty', unit_price: 'Sales Price', amount: 'Amount' },
  },
  {
    system: 'QuickBooks Desktop — Sales by Customer Detail',
    headers: ['Type', 'Date', 'Num', 'Memo', 'Name', 'Qty', 'Sales Price', 'Amount', 'Balance'],
    kind: 'invoices',
    expect: { number: 'Num', client: 'Name', amount: 'Amount' },
  },
  {
    system: 'QuickBooks invoice list',
    headers: ['Date', 'No.', 'Customer full name', 'Due Date', 'Amount', 'Open Balance', 'Status'],
    kind: 'invoices',
    expect: { client: 'Customer full name', status: 'Status', date: 'Date' },
  },
  {
    system: 'Xero invoices CSV',
    headers: ['ContactName', 'EmailAddress', 'POAddressLine1', 'POAddressLine2', 'POCity', 'PORegion', 'POPostalCode', 'POCountry',
      'InvoiceNumber', 'Reference', 'InvoiceDate', 'DueDate', 'PlannedDate', 'Total', 'TaxTotal', 'InvoiceAmountPaid',
      'InvoiceAmountDue', 'InventoryItemCode', 'Description', 'Quantity', 'UnitAmount', 'Discount', 'LineAmount', 'AccountCode',
      'TaxType', 'TaxAmount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2', 'Currency', 'Type', 'Sent', 'Status'],
    kind: 'invoices',
    expect: { client: 'ContactName', number: 'InvoiceNumber', date: 'InvoiceDate', amount: 'LineAmount', quantity: 'Quantity',
      unit_price: 'UnitAmount', segment: 'TrackingOption1', status: 'Status' },
  },
  {
    system: 'Xero import template (* marks required)',
    headers: ['*ContactName', 'EmailAddress', '*InvoiceNumber', '*InvoiceDate', '*DueDate', '*Quantity', '*UnitAmount', 'LineAmount'],
    kind: 'invoices',
    expect: { client: '*ContactName', number: '*InvoiceNumber', date: '*InvoiceDate', quantity: '*Quantity', unit_price: '*UnitAmount' },
  },
  {
    system: 'Zoho invoices',
    headers: ['INVOICEID', 'Subject', 'Invoice Number', 'Sales Order Id', 'Invoice Owner', 'Invoice Status', 'Created Time', 'Account Id',
      'Contact Id', 'Sub Total', 'Discount', 'Tax', 'Adjustments', 'Grand Total'],
    kind: 'invoices',
    expect: { number: 'Invoice Number', manager: 'Invoice Owner', status: 'Invoice Status', date: 'Created Time', client: 'Account Id',
      amount: 'Grand Total' },
  },
  {
    system: 'Zoho invoice line items',
    headers: ['Product Name', 'List Price', 'Quantity', 'Total', 'Discount', 'Total After Discount', 'Tax', 'Net Total'],
    kind: 'invoices',
    expect: { unit_price: 'List Price', quantity: 'Quantity', amount: 'Net Total' },
    missing: ['date', 'client or client_id'],
  },
  {
    system: 'UCI Online Retail',
    headers: ['INVOICE', 'STOCKCODE', 'DESCRIPTION', 'QUANTITY', 'INVOICEDATE', 'PRICE', 'CUSTOMERID', 'COUNTRY'],
    kind: 'invoices',
    expect: { number: 'INVOICE', date: 'INVOICEDATE', quantity: 'QUANTITY', unit_price: 'PRICE', client_id: 'CUSTOMERID' },
  },
  {
    system: 'UCI Online Retail (original names)',
    headers: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
    kind: 'invoices',
    expect: { number: 'InvoiceNo', unit_price: 'UnitPrice', client_id: 'CustomerID' },
  },
  {
    system: 'FreshBooks invoices',
    headers: ['Client Name', 'Invoice #', 'Date Issued', 'Invoice Status', 'Date Paid', 'Amount'],
    kind: 'invoices',
    expect: { client: 'Client Name', number: 'Invoice #', date: 'Date Issued', status: 'Invoice Status', paid_at: 'Date Paid', amount: 'Amount' },
  },
];

runSystemCases(CASES);
