import type { BlobSeal } from '../encryption/package-sealer.js';
import type { DigestName, Digests } from '../types.js';

/**
 * The blob port: immutable byte files. A blob is durable when `write` resolves (fsynced, renamed into
 * place, directory fsynced) but nothing references it until the metadata commit that names it.
 */
export interface BlobStore {
  /**
   * Streams `source` into a new blob, computing the requested digests in the same pass as the bytes are
   * written (an adapter may do both off the event loop). On any failure, including `beforeCommit`
   * throwing, the partial file is removed and the error rethrown.
   */
  write(source: AsyncIterable<Uint8Array>, options?: BlobWriteOptions): Promise<WrittenBlob>;
  /** Streams bytes [offset, offset + length) of a blob as stored (a sealed blob's sealed bytes). */
  read(blobId: string, offset: number, length: number): AsyncIterable<Buffer>;
  /** Deletes blob files; missing files are not an error. */
  remove(blobIds: readonly string[]): Promise<void>;
  /** Every blob id present, in batches (start-up recovery). */
  list(): AsyncIterable<string[]>;
  /** Deletes leftovers of writes that never finished. Returns how many. */
  removeTemporaryFiles(): Promise<number>;
  /** Total size of the blob files on disk (tests and accounting checks). */
  totalBytes(): Promise<number>;
}

export interface BlobWriteOptions {
  readonly digests?: readonly DigestName[];
  /** The size the caller expects, when it knows: small writes are cheaper done in place. */
  readonly sizeHint?: number;
  /** Sees the size and digests before the blob takes its final name; throwing abandons the write. */
  readonly beforeCommit?: (written: { readonly size: number; readonly digests: Digests }) => void;
  /**
   * Encrypt the blob (see core/encryption/sealed-format.ts): the digests are of the plaintext, computed in
   * the same pass; the file holds the header, then the sealed packages; `size` stays the plaintext size.
   */
  readonly seal?: BlobSeal;
}

export interface WrittenBlob {
  readonly blobId: string;
  readonly size: number;
  readonly digests: Digests;
}
