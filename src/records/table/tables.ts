/** The three record tables of a run: what loading produces and the metric engine reads. */
import type { Call, InvoiceLine, Lead } from '../types.js';
import { LeadTable } from './lead-table.js';
import { CallTable } from './call-table.js';
import { InvoiceTable } from './invoice-table.js';

export interface RecordTables {
  leads: LeadTable;
  calls: CallTable;
  invoices: InvoiceTable;
}

/** Tables holding records given as objects (tests, callers that build records by hand). */
export function tablesOf(records: { leads: readonly Lead[]; calls: readonly Call[]; invoices: readonly InvoiceLine[] }): RecordTables {
  return { leads: LeadTable.from(records.leads), calls: CallTable.from(records.calls), invoices: InvoiceTable.from(records.invoices) };
}
