import type { StorageClass } from '../types.js';

export type UsageKind = 'object' | 'part';

export interface UsageScope {
  readonly accountId?: string;
  readonly bucketId?: number;
}

export interface UsageWindowQuery extends UsageScope {
  /** Inclusive. */
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
  /** Per class, the size below which an object is billed as if it had this size (parts never are). */
  readonly minObjectBytes: Readonly<Record<StorageClass, number>>;
}

/**
 * The stored bytes of one account, bucket, class and kind over a window, integrated from the usage
 * events: the balance at `from` (every event before it), the events inside the window, the balance at `to`.
 */
export interface UsageTotals {
  readonly accountId: string;
  readonly bucketId: number;
  readonly bucketName: string;
  readonly storageClass: StorageClass;
  readonly kind: UsageKind;
  readonly openingBytes: number;
  readonly openingCount: number;
  readonly closingBytes: number;
  readonly closingCount: number;
  /** Integral of stored bytes over the window, in byte-milliseconds. */
  readonly byteMs: number;
  /** The same with every object below its class's minimum counted at the minimum (parts as they are). */
  readonly billableByteMs: number;
  /** Integral of the object or part count, in count-milliseconds. */
  readonly countMs: number;
}

export interface EarlyDeletionQuery extends UsageScope {
  readonly from: number;
  readonly to: number;
  /** Per class, the minimum storage duration in milliseconds (0: none). */
  readonly minDurationMs: Readonly<Record<StorageClass, number>>;
}

/**
 * An object that left a class (deleted, overwritten or transitioned) within the window before its
 * class's minimum storage duration had passed.
 */
export interface EarlyDeletion {
  readonly accountId: string;
  readonly bucketId: number;
  readonly bucketName: string;
  readonly storageClass: StorageClass;
  readonly objectId: number;
  readonly bytes: number;
  /** When the object entered the class, and when it left it. */
  readonly since: number;
  readonly at: number;
}

/** Incomplete uploads of one bucket as they stand, with what their parts have cost so far. */
export interface IncompleteUploadsSummary {
  readonly accountId: string;
  readonly bucketId: number;
  readonly bucketName: string;
  readonly uploads: number;
  readonly parts: number;
  readonly bytes: number;
  readonly oldestInitiatedAt: number | null;
  /** Part byte-milliseconds accrued by the uploads still active, per class, up to `asOf`. */
  readonly byteMsByClass: Readonly<Partial<Record<StorageClass, number>>>;
}

/**
 * Aggregations over the usage events (which every change of stored bytes writes in its own
 * transaction). Stored bytes are a step function of time, so its integral over a window has a closed
 * form: opening balance x window length + the sum of each event's delta x the time from the event to
 * the window's end. Adapters compute it where the events are, without reading them one by one.
 */
export interface UsageLedger {
  usageTotals(query: UsageWindowQuery): Promise<UsageTotals[]>;
  earlyDeletions(query: EarlyDeletionQuery): Promise<EarlyDeletion[]>;
  incompleteUploads(query: UsageScope & { readonly asOf: number }): Promise<IncompleteUploadsSummary[]>;
  /**
   * Per upload (still active or not), the part byte-milliseconds it accrued up to `asOf`, per class.
   * Optional: an adapter without it leaves the per-upload cost unknown.
   */
  uploadByteMs?(uploadIds: readonly string[], asOf: number): Promise<Map<string, Partial<Record<StorageClass, number>>>>;
}
