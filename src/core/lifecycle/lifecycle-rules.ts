import type { StorageClass } from '../types.js';

/**
 * The core's lifecycle model. The S3 dialect (LifecycleConfiguration XML) and the OSS dialect
 * (LifecycleConfiguration in OSS's XML) both convert into it; nothing here knows about XML. Stored as the
 * bucket's `lifecycle` configuration document (JSON of this shape).
 *
 * Times are milliseconds since the epoch. A time trigger is one of:
 * - `days`: N days after the object's last modification (or the upload's initiation), counted as S3
 *   does: the start rounded up to the next 00:00 UTC, plus N days;
 * - `date`: on or after this moment (S3 Date: midnight UTC);
 * - `createdBefore`: applies to objects or uploads created before this moment (OSS CreatedBeforeDate).
 */
export interface LifecycleTrigger {
  readonly days?: number;
  readonly date?: number;
  readonly createdBefore?: number;
}

export interface LifecycleFilter {
  readonly prefix?: string;
  readonly tags?: readonly { readonly key: string; readonly value: string }[];
  readonly objectSizeGreaterThan?: number;
  readonly objectSizeLessThan?: number;
}

export interface LifecycleTransition extends LifecycleTrigger {
  readonly storageClass: StorageClass;
}

/**
 * Actions on noncurrent versions: `days` after the version became noncurrent (counted as S3 counts
 * days), and only while at least `newerNoncurrentVersions` newer noncurrent versions of its key exist.
 */
export interface NoncurrentAction {
  readonly days: number;
  readonly newerNoncurrentVersions?: number;
}

export interface NoncurrentTransition extends NoncurrentAction {
  readonly storageClass: StorageClass;
}

export interface LifecycleRule {
  /** Unique within the configuration; S3 generates one when absent, and so do the dialects. */
  readonly id: string;
  readonly enabled: boolean;
  readonly filter: LifecycleFilter;
  /** Abort incomplete multipart uploads (S3 AbortIncompleteMultipartUpload, OSS AbortMultipartUpload). */
  readonly abortIncompleteUploads?: LifecycleTrigger;
  readonly expiration?: LifecycleTrigger;
  readonly transitions?: readonly LifecycleTransition[];
  /** Remove a delete marker that is its key's only version (S3 Expiration/ExpiredObjectDeleteMarker). */
  readonly expiredObjectDeleteMarker?: boolean;
  readonly noncurrentExpiration?: NoncurrentAction;
  readonly noncurrentTransitions?: readonly NoncurrentTransition[];
  /**
   * The prefix was given as the rule's own Prefix element rather than inside a Filter (S3's original
   * form, which S3 writes back the way it was given). Only `filter.prefix` is set then.
   */
  readonly legacyPrefix?: boolean;
}

export interface LifecycleConfiguration {
  readonly rules: readonly LifecycleRule[];
}
