import type Database from 'better-sqlite3';

interface Pending {
  readonly fn: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: writes queued during one turn of the event loop run in a single transaction, each inside
 * its own savepoint so that one failing write rolls back alone. Their promises settle once `durable`
 * (the WAL sync) confirms the transaction is on stable storage.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Database.Database,
    private readonly durable: () => Promise<void>,
  ) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.db.transaction(item.fn)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const settle = () =>
      batch.forEach((item, i) => {
        const outcome = outcomes[i];
        if (outcome === undefined) item.reject(new Error('write batch lost an outcome'));
        else if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    // Only writes that changed something wait for the sync; a batch of refused writes answers at once.
    if (!outcomes.some((o) => o.ok)) return settle();
    this.durable().then(settle, (error: unknown) => {
      for (const item of batch) item.reject(error);
    });
  }
}
