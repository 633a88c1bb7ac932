import { open, type FileHandle } from 'node:fs/promises';

/**
 * fsyncs the SQLite write-ahead log on the thread pool, not the event loop. SQLite runs with
 * synchronous=NORMAL, which writes a commit's frames to the WAL without syncing; a write is acknowledged
 * only after a sync that started after its commit. Commits made while a sync runs share the next one.
 * (NORMAL still syncs the WAL before each checkpoint and the database after it, so this is as durable
 * as synchronous=FULL.)
 */
export class WalSyncer {
  private handle: FileHandle | undefined;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  constructor(private readonly walPath: string) {}

  /** Resolves once everything committed before the call is on stable storage. */
  sync(): Promise<void> {
    if (this.running === undefined) {
      this.running = this.run();
      return this.running;
    }
    this.next ??= this.running.then(
      () => this.promote(),
      () => this.promote(),
    );
    return this.next;
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.next?.catch(() => undefined);
    await this.handle?.close();
    this.handle = undefined;
  }

  private promote(): Promise<void> {
    this.next = undefined;
    this.running = this.run();
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      this.handle ??= await open(this.walPath, 'r+');
      await this.handle.datasync();
    } finally {
      if (this.next === undefined) this.running = undefined;
    }
  }
}
