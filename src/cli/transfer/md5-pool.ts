import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Md5Reply, Md5Request } from './md5-worker.js';

type Waiter = (r: Md5Reply) => void;

/**
 * MD5 (and, for downloads, the file writes) on worker threads, so that hashing never stalls the sockets
 * on the event loop. Buffers are transferred, not copied: `hash` hands a part over and gets it back with
 * its digest; a range sink's `write` gives its batch away (the caller must not use it again).
 */
export class Md5Pool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<string, Waiter>();
  private nextId = 1;
  private outstanding = 0;
  private turn = 0;

  constructor(size = Math.max(1, Math.min(2, availableParallelism()))) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./md5-worker.js', import.meta.url));
      w.on('message', (r: Md5Reply) => {
        const key = 'seq' in r ? `${r.id}:${r.seq}` : `${r.id}:digest`;
        const done = this.waiting.get(key);
        this.waiting.delete(key);
        if (done !== undefined && --this.outstanding === 0) for (const x of this.workers) x.unref();
        done?.(r);
      });
      w.unref();
      this.workers.push(w);
    }
  }

  private expect(key: string): Promise<Md5Reply> {
    if (this.outstanding++ === 0) for (const x of this.workers) x.ref();
    return new Promise<Md5Reply>((resolve) => this.waiting.set(key, resolve));
  }

  private pick(): Worker {
    const w = this.workers[this.turn++ % this.workers.length];
    if (w === undefined) throw new Error('the MD5 pool is closed');
    return w;
  }

  /** The MD5 of a buffer that owns its whole ArrayBuffer (Buffer.allocUnsafeSlow); resolves with it back. */
  async hash(data: Buffer): Promise<{ digest: Buffer; data: Buffer }> {
    const id = this.nextId++;
    const reply = this.expect(`${id}:digest`);
    const own = owned(data);
    this.pick().postMessage({ op: 'hash', id, data: own.buffer as ArrayBuffer } satisfies Md5Request, [own.buffer as ArrayBuffer]);
    const r = (await reply) as { digest: Uint8Array; data?: ArrayBuffer };
    return { digest: Buffer.from(r.digest), data: Buffer.from(r.data ?? new ArrayBuffer(0)) };
  }

  /**
   * A sink for one downloaded range: `write` gives a batch (a buffer owning its memory, of which the first
   * `length` bytes count) to a worker that writes it at `position` and hashes it; it resolves with the
   * buffer handed back, to be filled again.
   */
  sink(file: string, hash = true): { write(batch: Buffer, length: number, position: number): Promise<Buffer>; finish(): Promise<Buffer> } {
    const id = this.nextId++;
    const worker = this.pick();
    let seq = 0;
    worker.postMessage({ op: 'open', id, path: file, hash } satisfies Md5Request);
    const failed = (r: Md5Reply) => {
      if ('error' in r && r.error !== undefined) throw new Error(`writing ${file}: ${r.error}`);
    };
    return {
      write: async (batch, length, position) => {
        const own = owned(batch);
        const n = seq++;
        const reply = this.expect(`${id}:${n}`);
        worker.postMessage({ op: 'write', id, seq: n, data: own.buffer as ArrayBuffer, length, position } satisfies Md5Request, [
          own.buffer as ArrayBuffer,
        ]);
        const r = await reply;
        failed(r);
        return Buffer.from(('data' in r ? r.data : undefined) ?? new ArrayBuffer(0));
      },
      finish: async () => {
        const closed = this.expect(`${id}:-1`);
        const digest = this.expect(`${id}:digest`);
        worker.postMessage({ op: 'finish', id } satisfies Md5Request);
        const d = Buffer.from(((await digest) as { digest: Uint8Array }).digest);
        failed(await closed);
        return d;
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}

/** The buffer itself when it owns its memory; else a copy that does (pooled memory must not be transferred). */
function owned(b: Buffer): Buffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength) return b;
  const copy = Buffer.allocUnsafeSlow(b.length);
  b.copy(copy);
  return copy;
}
