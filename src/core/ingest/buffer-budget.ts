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
 * The one budget of the server process: 24 MiB of buffered request documents at once (three of the
 * largest, an 8 MiB CompleteMultipartUpload), waiting up to 30 s for room.
 */
export const requestBuffers = new BufferBudget(24 * 1024 * 1024, 30_000);

/**
 * Reads a small body whole within the budget: refused with `tooLarge()` before reading when the declared
 * length is over `limit`, and as soon as the bytes pass it otherwise. `onChunk` sees each chunk as it
 * arrives (for digests).
 */
export async function readBounded(
  body: AsyncIterable<Uint8Array>,
  options: {
    readonly limit: number;
    readonly declared: number | undefined;
    readonly tooLarge: () => StorageError;
    readonly onChunk?: (chunk: Uint8Array) => void;
    readonly budget?: BufferBudget;
  },
): Promise<Buffer> {
  if (options.declared !== undefined && options.declared > options.limit) throw options.tooLarge();
  const release = await (options.budget ?? requestBuffers).reserve(options.declared ?? options.limit);
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
    return Buffer.concat(chunks, size);
  } finally {
    release();
  }
}
