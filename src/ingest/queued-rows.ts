/**
 * A single-use stream of rows read a chunk at a time (the CSV and HTML readers): the rows a chunk
 * yields wait in a queue and are handed out one by one (`next`, the per-row hot path, without an
 * async function frame) or all at once (`nextBatch`). A subclass reads one more chunk in `step`,
 * pushing rows into `queue` and setting `done` at the end of its input, and names its errors.
 */
export abstract class QueuedRows<T> implements AsyncIterable<T>, AsyncIterator<T> {
  protected queue: T[] = [];
  protected qi = 0;
  protected done = false;

  /** Read one more chunk into `queue`; set `done` (and release the input) when it has ended. */
  protected abstract step(): Promise<void>;
  /** The error a reader's own failure becomes (the file and line named); others pass as they are. */
  protected abstract mapError(e: unknown): unknown;
  /** Release the input (stop reading it). */
  protected abstract close(): void;

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.qi < this.queue.length) return Promise.resolve({ done: false, value: this.queue[this.qi++]! });
    return this.refill();
  }

  async nextBatch(): Promise<readonly T[] | null> {
    if (this.qi >= this.queue.length) {
      const r = await this.refill();
      if (r.done) return null;
      this.qi--; // refill handed out the first row: take it back into the batch
    }
    const batch = this.qi === 0 ? this.queue : this.queue.slice(this.qi);
    this.queue = [];
    this.qi = 0;
    return batch;
  }

  async return(): Promise<IteratorResult<T>> {
    this.finish();
    return { done: true, value: undefined };
  }

  /** Called once the queue is handed out: read chunks until one yields rows or the input ends. */
  private async refill(): Promise<IteratorResult<T>> {
    this.queue = [];
    this.qi = 0;
    try {
      while (this.queue.length === 0 && !this.done) await this.step();
    } catch (e) {
      this.finish();
      throw this.mapError(e);
    }
    if (this.qi < this.queue.length) return { done: false, value: this.queue[this.qi++]! };
    return { done: true, value: undefined };
  }

  protected finish(): void {
    this.queue = [];
    this.qi = 0;
    if (this.done) return;
    this.done = true;
    this.close();
  }
}
