import type Database from 'better-sqlite3';

interface Pending {
  readonly fn: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit: writes queued during one turn of the event loop run in a single transaction, each inside
 * its own savepoint so that one failing write rolls back alone. Their promises settle once `durable`
 * (the WAL sync) confirms the transaction is on stable storage.
 */
export class WriteBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  /** Built once: better-sqlite3 makes a new wrapper on every db.transaction() call. */
  private readonly inSavepoint: (fn: () => unknown) => unknown;
  private readonly inTransaction: (batch: readonly Pending[], outcomes: Outcome[]) => void;

  constructor(
    db: Database.Database,
    private readonly durable: () => Promise<void>,
  ) {
    this.inSavepoint = db.transaction((fn: () => unknown) => fn());
    this.inTransaction = db.transaction((batch: readonly Pending[], outcomes: Outcome[]) => {
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: this.inSavepoint(item.fn) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  }

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
    const outcomes: Outcome[] = [];
    try {
      this.inTransaction(batch, outcomes);
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
