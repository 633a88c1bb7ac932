import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EndpointSettings } from '../remote/endpoint-settings.js';
import { Interrupted, RemoteError, VerificationError } from '../usage-error.js';
import type { WireError, WorkerReply, WorkerRequest } from './transfer-worker.js';

type Pending = { resolve: (r: Extract<WorkerReply, { op: 'done' }>) => void; reject: (e: Error) => void; onBytes?: (n: number) => void };

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Transfer threads (transfer-worker.ts): ranges and parts go to them in turn. */
export class TransferWorkers {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private turn = 0;

  constructor(signal: AbortSignal, size = Math.max(4, Math.min(8, availableParallelism()))) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('./transfer-worker.js', import.meta.url));
      w.on('message', (r: WorkerReply) => this.onReply(r));
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      w.unref();
      this.workers.push(w);
    }
    signal.addEventListener('abort', () => {
      for (const w of this.workers) w.postMessage({ op: 'abort' } satisfies WorkerRequest);
    });
  }

  private onReply(r: WorkerReply): void {
    const p = this.pending.get(r.id);
    if (p === undefined) return;
    if (r.op === 'progress') {
      p.onBytes?.(r.bytes);
      return;
    }
    this.pending.delete(r.id);
    if (this.pending.size === 0) for (const w of this.workers) w.unref();
    if (r.op === 'done') p.resolve(r);
    else p.reject(revive(r.error));
  }

  private run(request: Distribute<WorkerRequest>, onBytes?: (n: number) => void): Promise<Extract<WorkerReply, { op: 'done' }>> {
    const id = this.nextId++;
    const worker = this.workers[this.turn++ % this.workers.length];
    if (worker === undefined) return Promise.reject(new Error('the transfer threads are closed'));
    if (this.pending.size === 0) for (const w of this.workers) w.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onBytes === undefined ? {} : { onBytes }) });
      worker.postMessage({ ...request, id });
    });
  }

  /** GETs bytes [start, end) into `file` at their offset; resolves with their MD5 (hex; '' without `hash`). */
  async fetchRange(
    settings: EndpointSettings,
    r: { bucket: string; key: string; etag: string; start: number; end: number; whole: boolean; file: string; hash: boolean },
    onBytes: (n: number) => void,
  ): Promise<string> {
    return (await this.run({ op: 'get', settings, ...r }, onBytes)).md5;
  }

  /** Reads bytes [start, end) of `file` and sends them as part `partNumber` with their Content-MD5. */
  async sendPart(
    settings: EndpointSettings,
    r: { bucket: string; key: string; uploadId: string; partNumber: number; file: string; start: number; end: number },
  ): Promise<{ md5: string; etag: string }> {
    const done = await this.run({ op: 'put', settings, ...r });
    return { md5: done.md5, etag: done.etag ?? '' };
  }

  async md5(file: string, start: number, end: number): Promise<string> {
    return (await this.run({ op: 'md5', file, start, end })).md5;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
  }
}

function revive(e: WireError): Error {
  if (e.name === 'RemoteError') return new RemoteError(e.status ?? 0, e.code ?? 'Error', e.message, e.requestId);
  if (e.name === 'VerificationError') return new VerificationError(e.message);
  if (e.name === 'AbortError') return new Interrupted(e.message);
  const err = new Error(e.message) as NodeJS.ErrnoException;
  err.name = e.name;
  if (e.errno !== undefined) err.code = e.errno;
  return err;
}
