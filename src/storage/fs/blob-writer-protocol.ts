import type { BlobSeal } from '../../core/encryption/package-sealer.js';
import type { DigestName, Digests } from '../../core/types.js';

/** Bytes in one slot of a write's shared ring; the event loop fills a slot, the writer hashes and writes it. */
export const SLOT_BYTES = 512 * 1024;
/** Slots per write: how far the client may run ahead of the disk before reading pauses. */
export const SLOTS_PER_WRITE = 4;

/** Messages between FsBlobStore and its writer threads. Each write is a session with an id. */
export type ToWriter =
  | {
      readonly type: 'open';
      readonly id: number;
      readonly path: string;
      readonly digests: readonly DigestName[];
      readonly ring: SharedArrayBuffer;
      /** Encrypt after hashing (the Buffers arrive as Uint8Arrays). */
      readonly seal?: BlobSeal;
    }
  | { readonly type: 'data'; readonly id: number; readonly slot: number; readonly length: number }
  | { readonly type: 'finish'; readonly id: number }
  | { readonly type: 'abort'; readonly id: number };

export type FromWriter =
  | { readonly type: 'written'; readonly id: number; readonly slot: number }
  | { readonly type: 'finished'; readonly id: number; readonly size: number; readonly digests: Digests }
  | { readonly type: 'aborted'; readonly id: number }
  | { readonly type: 'failed'; readonly id: number; readonly message: string; readonly code?: string };
