/**
 * Blobs that a read in progress is streaming. The garbage reaper leaves a pinned blob on the garbage
 * list until the last read of it ends, so deleting or overwriting an object never cuts a download short.
 */
export class BlobPins {
  private readonly counts = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];

  pin(blobIds: Iterable<string>): () => void {
    const ids = [...new Set(blobIds)];
    for (const id of ids) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      let freed = false;
      for (const id of ids) {
        const n = (this.counts.get(id) ?? 1) - 1;
        if (n <= 0) {
          this.counts.delete(id);
          freed = true;
        } else this.counts.set(id, n);
      }
      if (freed) for (const w of this.waiters.splice(0)) w();
    };
  }

  isPinned(blobId: string): boolean {
    return this.counts.has(blobId);
  }

  /** Calls `fn` the next time some pin is released. */
  onRelease(fn: () => void): void {
    this.waiters.push(fn);
  }
}
