import { Worker } from 'node:worker_threads';
import type { BlobSeal } from '../../core/encryption/package-sealer.js';
import type { DigestName, Digests } from '../../core/types.js';
import { SLOT_BYTES, SLOTS_PER_WRITE, type FromWriter, type ToWriter } from './blob-writer-protocol.js';

interface Pending {
  readonly worker: Worker;
  readonly ring: SharedArrayBuffer;
  readonly freeSlots: number[];
  /** The writer is done with this session (finished, aborted or failed): nothing more will arrive. */
  settled: boolean;
  failure: Error | undefined;
  slotWaiters: (() => void)[];
  finished: ((r: { size: number; digests: Digests }) => void) | undefined;
  failed: ((e: Error) => void) | undefined;
  aborted: (() => void) | undefined;
}

/**
 * One blob being hashed and written by a writer thread, through a ring of shared-memory slots: the
 * event loop copies bytes into a free slot, the writer hashes and writes it and hands the slot back.
 * Memory per write is bounded and nothing is allocated per chunk.
 */
export class WriterSession {
  constructor(
    private readonly worker: Worker,
    private readonly id: number,
    private readonly state: Pending,
  ) {}

  /** A free slot to fill (waits while all are with the writer). */
  async takeSlot(): Promise<{ slot: number; bytes: Uint8Array }> {
    for (;;) {
      if (this.state.failure !== undefined) throw this.state.failure;
      const slot = this.state.freeSlots.pop();
      if (slot !== undefined) return { slot, bytes: new Uint8Array(this.state.ring, slot * SLOT_BYTES, SLOT_BYTES) };
      await new Promise<void>((resolve) => this.state.slotWaiters.push(resolve));
    }
  }

  /** Hands the first `length` bytes of a filled slot to the writer. */
  send(slot: number, length: number): void {
    if (this.state.failure !== undefined) throw this.state.failure;
    this.post({ type: 'data', id: this.id, slot, length });
  }

  /** fsyncs and closes the file; resolves with its size and digests. */
  finish(): Promise<{ size: number; digests: Digests }> {
    if (this.state.failure !== undefined) return Promise.reject(this.state.failure);
    return new Promise((resolve, reject) => {
      this.state.finished = resolve;
      this.state.failed = reject;
      this.post({ type: 'finish', id: this.id });
    });
  }

  /** Closes and deletes the file (a writer that failed has done so already). */
  abort(): Promise<void> {
    if (this.state.settled) return Promise.resolve();
    return new Promise((resolve) => {
      this.state.aborted = resolve;
      this.post({ type: 'abort', id: this.id });
    });
  }

  private post(m: ToWriter): void {
    this.worker.postMessage(m);
  }
}

/**
 * Writer threads that hash and write blobs. Sessions are spread over the threads, so parallel uploads
 * hash in parallel instead of taking turns on the event loop.
 */
export class BlobWriterPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  /** Sessions per thread: a thread with work keeps the process alive, an idle one does not. */
  private readonly busy = new Map<Worker, number>();
  /** Rings of finished writes, kept for the next ones. */
  private readonly spareRings: SharedArrayBuffer[] = [];
  private nextId = 1;
  private nextWorker = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      // The threads only hash and write; a small young generation keeps each one's footprint small.
      const worker = new Worker(new URL('./blob-writer-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
      worker.on('message', (m: FromWriter) => this.receive(m));
      worker.on('error', (error) => this.retire(worker, error));
      worker.on('exit', (code) => this.retire(worker, new Error(`blob writer thread exited with code ${code}`)));
      worker.unref();
      this.workers.push(worker);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  open(path: string, digests: readonly DigestName[], seal?: BlobSeal): WriterSession {
    const worker = this.workers[this.nextWorker++ % Math.max(1, this.workers.length)];
    if (worker === undefined) throw new Error('the blob writer pool has no threads left');
    const id = this.nextId++;
    const ring = this.spareRings.pop() ?? new SharedArrayBuffer(SLOT_BYTES * SLOTS_PER_WRITE);
    const state: Pending = {
      worker,
      ring,
      freeSlots: Array.from({ length: SLOTS_PER_WRITE }, (_, i) => i),
      settled: false,
      failure: undefined,
      slotWaiters: [],
      finished: undefined,
      failed: undefined,
      aborted: undefined,
    };
    this.pending.set(id, state);
    this.hold(worker, 1);
    worker.postMessage({ type: 'open', id, path, digests, ring, ...(seal === undefined ? {} : { seal }) } satisfies ToWriter);
    return new WriterSession(worker, id, state);
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private hold(worker: Worker, delta: number): void {
    const n = (this.busy.get(worker) ?? 0) + delta;
    this.busy.set(worker, n);
    if (n > 0 && n === delta) worker.ref();
    if (n <= 0) {
      this.busy.delete(worker);
      worker.unref();
    }
  }

  private settle(id: number, s: Pending): void {
    s.settled = true;
    if (!this.pending.delete(id)) return;
    this.hold(s.worker, -1);
    // The writer answers in order, so once a session is settled it holds no slot; a slot the event loop
    // had taken but not sent (a client that hung up mid-body) is abandoned with the session. Every ring is
    // therefore reusable. Not reusing the rings of aborted writes leaked them: the writer thread seldom
    // collects garbage, so each one kept its 2 MiB of shared memory alive (1 MiB of RSS per dropped upload).
    if (this.spareRings.length < 4) this.spareRings.push(s.ring);
  }

  private receive(m: FromWriter): void {
    const s = this.pending.get(m.id);
    if (s === undefined) return;
    switch (m.type) {
      case 'written':
        s.freeSlots.push(m.slot);
        for (const wake of s.slotWaiters.splice(0)) wake();
        return;
      case 'finished':
        this.settle(m.id, s);
        s.finished?.({ size: m.size, digests: m.digests });
        return;
      case 'aborted':
        this.settle(m.id, s);
        s.aborted?.();
        return;
      case 'failed': {
        this.fail(s, Object.assign(new Error(m.message), m.code === undefined ? {} : { code: m.code }));
        this.settle(m.id, s);
        s.aborted?.();
        return;
      }
    }
  }

  private fail(s: Pending, error: Error): void {
    s.failure = error;
    for (const wake of s.slotWaiters.splice(0)) wake();
    s.failed?.(error);
  }

  /** A thread that died takes its sessions with it; later writes go to the others. */
  private retire(worker: Worker, error: Error): void {
    const at = this.workers.indexOf(worker);
    if (at >= 0) this.workers.splice(at, 1);
    for (const [id, s] of this.pending) {
      if (s.worker !== worker) continue;
      this.fail(s, error);
      s.aborted?.();
      s.settled = true;
      this.pending.delete(id);
    }
  }
}
