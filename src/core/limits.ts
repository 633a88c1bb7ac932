const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Size and count limits the core enforces. Defaults are Amazon S3's; tests may lower minPartSize. */
export interface Limits {
  readonly minPartSize: number;
  readonly maxPartSize: number;
  readonly maxParts: number;
  /** Largest object written in one request. */
  readonly maxSingleObjectSize: number;
  readonly maxObjectSize: number;
  readonly maxKeyBytes: number;
  /** How long a finished upload is remembered (repeat abort -> success, retried complete -> same answer). */
  readonly tombstoneWindowMs: number;
  /**
   * Bodies declared at most this long are kept in the metadata transaction that records them instead of
   * in a file of their own: one fsync for a whole group of small writes. 0 keeps every body in a file.
   */
  readonly inlineMaxBytes: number;
}

export const defaultLimits: Limits = Object.freeze({
  minPartSize: 5 * MiB,
  maxPartSize: 5 * GiB,
  maxParts: 10_000,
  maxSingleObjectSize: 5 * GiB,
  maxObjectSize: 5 * 1024 * GiB,
  maxKeyBytes: 1024,
  tombstoneWindowMs: 24 * 60 * 60 * 1000,
  inlineMaxBytes: 16 * 1024,
});
