/**
 * Which thread does the work either can do (issue 5): a reading worker may number a column's
 * cells (an e-mail column: `TextIds` in positions.ts) so that this thread finds each cell's code
 * by index instead of hashing the text into a Map — or leave it to this thread. The report is
 * the same either way (`IdCodes` gives the memo's codes); only the time differs, and which way is
 * faster depends on the file: a HubSpot list (ASCII, eleven columns) keeps this thread busy and
 * the worker idle a third of the time, so the e-mails belong on the worker (2.61–2.73 → 2.27–2.34 s
 * at 1M rows); a Bitrix24 list (Cyrillic, forty quoted columns) keeps the worker busy and this
 * thread waiting half the time, so they belong here (4.48–4.77 s, against 5.03–5.13 s on the worker).
 *
 * So the split is decided while the file is read, from how long this thread waits for the
 * worker's messages: measured over windows of messages, waiting little means this thread is the
 * slower one (the optional work goes to the worker), waiting much means the worker is (it comes
 * back). Between the two thresholds nothing changes, and a file switches a few times at most.
 */

/** A window lasts this long at least (ms): a few dozen messages of 128K characters. */
export const BALANCE_WINDOW_MS = 250;
/** Below this share of a window spent waiting, this thread is the slower one. */
export const WAIT_LOW = 0.12;
/**
 * Above it, the worker is: with the optional work on the worker, a file where this thread was the
 * slower one still waits ~20 % of the time (the two are about even then), one where the worker
 * was the slower waits ~50 %.
 */
export const WAIT_HIGH = 0.35;
/** Switches per file at most. */
export const MAX_SWITCHES = 4;

/** Whether the worker does the optional work, told of every message taken (see `PipeBalance`). */
export interface Balance {
  readonly on: boolean;
  /** A message was taken at `now` (ms) after waiting `waitMs`: the new setting, or null for no change. */
  took(waitMs: number, now: number): boolean | null;
}

/**
 * Decides, message by message, whether the worker should do the optional work. Pure: it is given
 * each message's wait and the time it was taken.
 */
export class PipeBalance implements Balance {
  /** Whether the worker does the optional work now. */
  on = false;
  private switches = 0;
  private waited = 0;
  private from = -1;

  /**
   * A message was taken at `now` (ms) after waiting `waitMs` for it. Returns the new setting when
   * it changes, else null. The first message is not counted: it waits for the worker to start.
   */
  took(waitMs: number, now: number): boolean | null {
    if (this.from < 0) {
      this.from = now;
      return null;
    }
    this.waited += waitMs;
    if (now - this.from < BALANCE_WINDOW_MS) return null;
    const share = this.waited / (now - this.from);
    this.waited = 0;
    this.from = now;
    if (this.switches >= MAX_SWITCHES) return null;
    const want = this.on ? share <= WAIT_HIGH : share < WAIT_LOW;
    if (want === this.on) return null;
    this.on = want;
    this.switches++;
    return want;
  }
}
