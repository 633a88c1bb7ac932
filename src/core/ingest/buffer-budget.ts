import { StorageError } from '../errors.js';

/**
 * A server-wide allowance of request bytes held in memory at once. Bodies are streamed, except small
 * documents (XML and JSON requests, bodies hashed before their signature can be checked), which each
 * have a size limit; this bounds their sum, so that many connections sending large documents at once
 * cannot add up to more memory than the allowance. A reader reserves what it may hold (the declared
 * length, or its limit when none is declared) before it reads a byte; when the allowance is taken it
 * waits its turn (first come, first served), and after `maxWaitMs` it gives up with ServiceUnavailable,
 * which clients retry.
 */
export class BufferBudget {
  private used = 0;
  private readonly waiting: { readonly bytes: number; readonly grant: () => void }[] = [];

  constructor(
    readonly capacity: number,
    private readonly maxWaitMs: number,
  ) {}

  get inUse(): number {
    return this.used;
  }

  /** Resolves with the function that gives the bytes back (call it exactly once, in a finally). */
  async reserve(bytes: number): Promise<() => void> {
    const amount = Math.min(Math.max(bytes, 0), this.capacity);
    if (this.waiting.length === 0 && this.used + amount <= this.capacity) {
      this.used += amount;
      return this.releaser(amount);
    }
    await new Promise<void>((resolve, reject) => {
      const entry = { bytes: amount, grant: resolve };
      this.waiting.push(entry);
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(entry);
        if (i < 0) return;
        this.waiting.splice(i, 1);
        this.grantWaiting();
        reject(new StorageError('ServiceUnavailable', 'The server is busy reading other requests; please retry.'));
      }, this.maxWaitMs);
      entry.grant = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    return this.releaser(amount);
  }

  private releaser(amount: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= amount;
      this.grantWaiting();
    };
  }

  private grantWaiting(): void {
    for (;;) {
      const next = this.waiting[0];
      if (next === undefined || this.used + next.bytes > this.capacity) return;
      this.waiting.shift();
      this.used += next.bytes;
      next.grant();
    }
  }
}

/**
 * What a request document costs in memory while it is in use, per byte of the document: its bytes, its
 * text, and the tree parsed from it (our XML reader's nodes take about four times the document).
 */
export const DOCUMENT_WEIGHT = 4;

/**
 * The one budget of the server process: 8 MiB of documents in use at once, weighed as DOCUMENT_WEIGHT
 * times their size, so 2 MiB of documents (two ten-thousand-part CompleteMultipartUploads, or the
 * largest one allowed alone), waiting up to 30 s for room. Measured under the hostile-input suite's load
 * on the 2-core CI machine: 16 MiB let peak RSS reach 150 MiB, 8 MiB kept it near 140 MiB.
 */
export const requestBuffers = new BufferBudget(8 * 1024 * 1024, 30_000);

/** Anything that says when a request is over: its body stream closes when the server is done with it. */
export interface RequestEnd {
  readonly closed: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Reads a small body whole within the budget: refused with `tooLarge()` before reading when the declared
 * length is over `limit`, and as soon as the bytes pass it otherwise. `onChunk` sees each chunk as it
 * arrives (for digests). With `heldUntil`, the reservation lasts until the request is over, covering what
 * is parsed from the bytes too (weighed by `weight`); without it, until the bytes are read.
 */
export async function readBounded(
  body: AsyncIterable<Uint8Array>,
  options: {
    readonly limit: number;
    readonly declared: number | undefined;
    readonly tooLarge: () => StorageError;
    readonly onChunk?: (chunk: Uint8Array) => void;
    readonly budget?: BufferBudget;
    readonly heldUntil?: RequestEnd;
    readonly weight?: number;
  },
): Promise<Buffer> {
  if (options.declared !== undefined && options.declared > options.limit) throw options.tooLarge();
  const release = await (options.budget ?? requestBuffers).reserve((options.declared ?? options.limit) * (options.weight ?? 1));
  let read = false;
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > options.limit) throw options.tooLarge();
      if (options.declared !== undefined && size > options.declared) {
        throw new StorageError('IncompleteBody', 'The body is longer than its declared length.', { ExpectedSize: options.declared });
      }
      options.onChunk?.(chunk);
      chunks.push(Buffer.from(chunk));
    }
    read = true;
    return Buffer.concat(chunks, size);
  } finally {
    if (read && options.heldUntil !== undefined && !options.heldUntil.closed) options.heldUntil.once('close', release);
    else release();
  }
}
