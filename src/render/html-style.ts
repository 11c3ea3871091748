/**
 * Styling of the HTML report (SPEC-DECISIONS #47): each element carries its look in an inline
 * `style=` attribute (or the table attributes mail clients have always honoured), because Gmail
 * and Outlook drop or limit `<style>` blocks; the block below only adds what inline styles cannot
 * express (narrow screens, print, hover). Colours are fixed hex values: no fonts, images or
 * other resources are ever referenced.
 */

/** Inline styles by role. Values contain no quotes, so they sit in `style="…"` unescaped. */
export const STYLE = {
  body: 'margin:0;padding:24px;background:#ffffff;color:#1f2933;font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4',
  h1: 'font-size:22px;margin:0 0 4px 0',
  subtitle: 'color:#52606d;margin:0 0 16px 0',
  h2: 'font-size:17px;margin:28px 0 8px 0;padding-bottom:4px;border-bottom:1px solid #d9e2ec',
  table: 'border-collapse:collapse;margin:0 0 12px 0;font-size:13px',
  // Cell padding comes from the table's `cellpadding` and alignment from `align` attributes
  // (TABLE_ATTRS): both are honoured by every mail client and cost a few bytes per cell, where
  // inline styles would repeat on every cell — and Gmail clips messages over ~100 kB.
  headRow: 'border-bottom:2px solid #9aa5b1',
  headCell: 'white-space:nowrap',
  row: 'border-bottom:1px solid #e4e7eb',
  groupLabel: 'padding-left:22px;font-weight:normal;color:#3e4c59;white-space:nowrap',
  delta: 'white-space:nowrap',
  chart: 'margin:4px 0 12px 0',
  barTrack: 'width:244px',
  footer: 'margin-top:28px;color:#52606d;font-size:12px',
  note: 'margin:2px 0',
  explain: 'margin:0 0 12px 0;padding-left:20px;font-size:12px;color:#3e4c59',
} as const;

/** Attributes of every data table: padding and spacing the old-fashioned, mail-safe way. */
export const TABLE_ATTRS = 'cellpadding="5" cellspacing="0"';

/** Background of a value cell with a target, by status (Decision #15); `87% of 120` stays on one line. */
export const PLAN_BG: Record<'ok' | 'missed' | 'pending', string> = {
  ok: 'background:#e3f9e5;white-space:nowrap',
  missed: 'background:#ffe3e3;white-space:nowrap',
  pending: 'background:#fff8e1;white-space:nowrap',
};

/** Text colour of a Δ cell: good news green, bad news red, whatever the sign. */
export const TONE_COLOR: Record<'good' | 'bad' | 'flat', string> = {
  good: 'color:#207a3c',
  bad: 'color:#c22f2f',
  flat: 'color:#52606d',
};

/** Bar fill for positive and negative group values. */
export const BAR_COLOR = { pos: '#2563eb', neg: '#c22f2f' } as const;

/** The widest bar in the by-group chart, in px. */
export const BAR_MAX_PX = 240;

/**
 * The `<style>` block: only refinements for browsers. Nothing in it is needed to read the
 * numbers, which keeps the report usable where a mail client strips it.
 */
export const STYLE_BLOCK = [
  'body{-webkit-text-size-adjust:100%}',
  'table.kpi td,table.kpi th{font-variant-numeric:tabular-nums}',
  'table.kpi tbody tr:hover{background:#f5f7fa}',
  'td.spark svg{display:block}',
  '.wrap{overflow-x:auto}',
  '@media (max-width:640px){body{padding:8px!important}table.kpi{font-size:12px!important}}',
  '@media print{.chart{break-inside:avoid}h2{break-after:avoid}}',
].join('\n');
