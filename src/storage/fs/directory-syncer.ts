import { open } from 'node:fs/promises';

/**
 * fsyncs directories after renames, sharing one fsync among the renames that finished before it started:
 * many small blobs landing in one directory cost one directory sync, not one each.
 */
export class DirectorySyncer {
  private readonly state = new Map<string, { running: Promise<void> | undefined; next: Promise<void> | undefined }>();

  sync(dir: string): Promise<void> {
    let s = this.state.get(dir);
    if (s === undefined) this.state.set(dir, (s = { running: undefined, next: undefined }));
    const entry = s;
    if (entry.running === undefined) {
      entry.running = this.run(dir, entry);
      return entry.running;
    }
    // A sync is in flight and may have started before our rename: wait for the one after it.
    entry.next ??= entry.running.then(
      () => this.promoteNext(dir, entry),
      () => this.promoteNext(dir, entry),
    );
    return entry.next;
  }

  private promoteNext(dir: string, entry: { running: Promise<void> | undefined; next: Promise<void> | undefined }) {
    entry.next = undefined;
    entry.running = this.run(dir, entry);
    return entry.running;
  }

  private async run(dir: string, entry: { running: Promise<void> | undefined; next: Promise<void> | undefined }): Promise<void> {
    try {
      const handle = await open(dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } finally {
      if (entry.next === undefined) {
        entry.running = undefined;
        this.state.delete(dir);
      }
    }
  }
}
