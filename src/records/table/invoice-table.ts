/** Invoice lines in columns (see base.ts). `InvoiceRow` is the scratch record a normalizer fills. */
import type { InvoiceLine } from '../types.js';
import { NONE } from '../types.js';
import { TableBase, type IdColumn, type Layout } from './base.js';
import { StringDict } from './dict.js';
import { PackedDict } from './packed-dict.js';

/** One invoice line as parsed from one row (dict ids, NaN for missing numbers); reused per row. */
export class InvoiceRow {
  /** Dict id of the trimmed invoice number; -1 when the row has none. */
  number = -1;
  date = NaN;
  client = -1;
  clientId = -1;
  amount = NaN;
  cost = NaN;
  manager = -1;
  segment = -1;
  status = -1;
  void = false;
  paidAt = NaN;
}


export class InvoiceTable extends TableBase {
  protected readonly layout: Layout = {
    f64: ['date', 'amount', 'cost', 'paidAt'],
    i32: [['number', 'numbers'], ['client', 'clients'], ['clientId', 'clientIds'], ['manager', 'managers'], ['segment', 'segments'], ['status', 'statuses']],
    narrow: ['manager', 'segment', 'status'],
    lazy: ['cost', 'paidAt', 'clientId'],
    u8: ['isVoid'],
  };
  date = new Float64Array(0);
  /** Integer cents; negative for credit notes. */
  amount = new Float64Array(0);
  /** Cents; NaN when unknown. Null while no line has a cost (see `Layout.lazy`); so are `paidAt` and `clientId`. */
  cost: Float64Array | null = null;
  paidAt: Float64Array | null = null;
  /** Dict ids of `numbers`: equal ids are one invoice (Overrides #39). */
  number = new Int32Array(0);
  client = new Int32Array(0);
  clientId: Int32Array | null = null;
  manager: IdColumn = new Int16Array(0);
  segment: IdColumn = new Int16Array(0);
  status: IdColumn = new Int16Array(0);
  isVoid = new Uint8Array(0);

  /** Many distinct short texts, rarely read back: packed (see packed-dict.ts). */
  readonly numbers = new PackedDict();
  readonly clients = new PackedDict();
  readonly clientIds = new StringDict();
  readonly managers = new StringDict();
  readonly segments = new StringDict();
  readonly statuses = new StringDict();

  push(r: InvoiceRow, line: number, source: number): number {
    const i = this.pushBase(null, line, source);
    this.date[i] = r.date;
    this.amount[i] = r.amount;
    if (this.cost !== null) this.cost[i] = r.cost;
    else if (r.cost === r.cost) (this.cost = this.made('cost') as Float64Array)[i] = r.cost;
    if (this.paidAt !== null) this.paidAt[i] = r.paidAt;
    else if (r.paidAt === r.paidAt) (this.paidAt = this.made('paidAt') as Float64Array)[i] = r.paidAt;
    this.number[i] = r.number;
    this.client[i] = r.client;
    if (this.clientId !== null) this.clientId[i] = r.clientId;
    else if (r.clientId >= 0) (this.clientId = this.made('clientId') as Int32Array)[i] = r.clientId;
    this.manager[i] = r.manager;
    this.segment[i] = r.segment;
    this.status[i] = r.status;
    this.isVoid[i] = r.void ? 1 : 0;
    return i;
  }

  /** Record i as an `InvoiceLine` object (allocates). */
  get(i: number): InvoiceLine {
    const cost = this.cost === null ? NaN : (this.cost[i] as number);
    const paid = this.paidAt === null ? NaN : (this.paidAt[i] as number);
    return {
      number: this.numbers.value(this.number[i] as number),
      date: this.date[i] as number,
      client: this.clients.value(this.client[i] as number),
      clientId: this.clientId === null ? null : this.clientIds.value(this.clientId[i] as number),
      amount: this.amount[i] as number,
      cost: cost === cost ? cost : null,
      manager: this.managers.value(this.manager[i] as number) ?? NONE,
      segment: this.segments.value(this.segment[i] as number),
      status: this.statuses.value(this.status[i] as number),
      void: this.isVoid[i] === 1,
      paidAt: paid === paid ? paid : null,
      origin: this.originOf(i),
    };
  }

  toArray(): InvoiceLine[] {
    const out: InvoiceLine[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.get(i));
    return out;
  }

  static from(lines: readonly InvoiceLine[]): InvoiceTable {
    const t = new InvoiceTable();
    const r = new InvoiceRow();
    for (const l of lines) {
      // Overrides #39: invoice identity is the trimmed number; '' is no number
      const num = l.number === null ? '' : l.number.trim();
      r.number = num === '' ? -1 : t.numbers.id(num);
      r.date = l.date;
      r.client = t.clients.id(l.client);
      r.clientId = t.clientIds.id(l.clientId);
      r.amount = l.amount;
      r.cost = l.cost ?? NaN;
      r.manager = t.managers.id(l.manager);
      r.segment = t.segments.id(l.segment);
      r.status = t.statuses.id(l.status);
      r.void = l.void;
      r.paidAt = l.paidAt ?? NaN;
      t.push(r, l.origin.line, t.sourceOf(l.origin.file, l.origin.sheet));
    }
    return t;
  }


}
