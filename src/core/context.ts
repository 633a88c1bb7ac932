import type { Limits } from './limits.js';
import type { BlobPins } from './maintenance/blob-pins.js';
import type { BlobStore } from './ports/blob-store.js';
import type { Logger } from './ports/logger.js';
import type { MetadataStore } from './ports/metadata-store.js';

/** What every core function works with. Built once by main.ts. */
export interface CoreContext {
  readonly meta: MetadataStore;
  readonly blobs: BlobStore;
  readonly limits: Limits;
  readonly log: Logger;
  /** Milliseconds since the epoch; tests and lifecycle passes may supply their own. */
  readonly clock: () => number;
  /** Blobs being streamed to clients right now. */
  readonly pins: BlobPins;
  /** The server master key (32 bytes) that wraps SSE-S3 data keys and KMS key material; without it SSE is NotImplemented. */
  readonly masterKey?: Buffer;
}
