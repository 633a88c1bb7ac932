import type {
  AccessKey,
  Account,
  Bucket,
  BucketConfigName,
  BucketNamespace,
  ChecksumAlgorithm,
  ChecksumType,
  CompletedUpload,
  Digests,
  ObjectAttributes,
  ObjectChecksum,
  ObjectLockState,
  ObjectPartRecord,
  ObjectRecord,
  ObjectTag,
  ObjectVersionRecord,
  PartRecord,
  Principal,
  Segment,
  StorageClass,
  UploadRecord,
  UploadState,
  VersioningState,
  WriteCondition,
} from '../types.js';

/**
 * The metadata port. Every mutating method is one atomic transaction that also keeps the bucket and
 * upload counters and writes the usage events for the bytes it changes. Blob references are explicit:
 * inserting a segment takes a reference on its blob, dropping a segment releases it, and a blob whose
 * last reference goes moves to the garbage list in the same transaction.
 *
 * Methods throw StorageError for the domain failures named in their comments; anything else is a bug
 * or an infrastructure failure.
 */
export interface MetadataStore {
  // --- accounts and keys -------------------------------------------------------------------------
  createAccount(account: Account, rootKey: AccessKey): Promise<void>;
  getAccount(id: string): Promise<Account | undefined>;
  listAccounts(): Promise<Account[]>;
  putAccessKey(key: AccessKey): Promise<void>;
  getAccessKey(accessKeyId: string): Promise<AccessKey | undefined>;
  listAccessKeys(accountId: string): Promise<AccessKey[]>;
  deleteAccessKey(accessKeyId: string): Promise<void>;
  /** Small named values the server keeps for itself (schema version, last lifecycle pass...). */
  getSetting(name: string): Promise<string | undefined>;
  putSetting(name: string, value: string): Promise<void>;

  // --- buckets -----------------------------------------------------------------------------------
  /** Throws BucketAlreadyExists / BucketAlreadyOwnedByYou when the name is taken in the namespace. */
  createBucket(input: NewBucket): Promise<Bucket>;
  /** Glacier vault names are unique per account, so `accountId` is required for that namespace. */
  getBucket(namespace: BucketNamespace, name: string, accountId?: string): Promise<Bucket | undefined>;
  getBucketById(id: number): Promise<Bucket | undefined>;
  /** Buckets ordered by name; all accounts when accountId is undefined. */
  listBuckets(namespace: BucketNamespace, accountId?: string): Promise<Bucket[]>;
  /**
   * Enabled or Suspended. Throws InvalidBucketState when suspending a bucket with object lock enabled.
   * Returns the bucket as it now is.
   */
  setBucketVersioning(bucketId: number, state: Exclude<VersioningState, 'unversioned'>): Promise<Bucket>;
  /** Turns object lock on for good; throws InvalidBucketState unless versioning is enabled. */
  enableObjectLock(bucketId: number): Promise<Bucket>;
  /** Throws BucketNotEmpty (details: objects, uploads) while objects, versions or active uploads remain. */
  deleteBucket(bucketId: number): Promise<void>;
  getBucketConfig(bucketId: number, name: BucketConfigName): Promise<string | undefined>;
  /** null removes the document. */
  putBucketConfig(bucketId: number, name: BucketConfigName, value: string | null): Promise<void>;

  // --- objects -----------------------------------------------------------------------------------
  /**
   * Versions: a key has at most one current version (what getObject and listObjects see) and any
   * number of noncurrent versions and delete markers. Versions are ordered newest first by a sequence
   * that every version id, marker included, draws from (ObjectRecord.id). Writes follow the bucket's
   * versioning state, read inside the write's transaction:
   * - unversioned: a write replaces the current object (its blobs released); a delete removes it.
   * - enabled: a write makes a new version and the previous current becomes noncurrent; a delete adds
   *   a delete marker as the latest version.
   * - suspended: a write or delete replaces the `null` version wherever it stands (the write as the
   *   new current, the delete as a null delete marker); other versions become noncurrent.
   * A version under object lock (legal hold, or retention not yet over) is never removed.
   */
  getObject(bucketId: number, key: string): Promise<ObjectRecord | undefined>;
  /** A version by id (null: the null version), a delete marker included. */
  getObjectVersion(bucketId: number, key: string, versionId: string | null): Promise<ObjectVersionRecord | undefined>;
  /** The latest version of a key: the current object, or the delete marker that hides it. */
  getLatestVersion(bucketId: number, key: string): Promise<ObjectVersionRecord | undefined>;
  /** Every version of every key in the range: by key (UTF-8 byte order), then newest first. */
  listObjectVersions(bucketId: number, query: VersionRangeQuery): Promise<ObjectVersionRecord[]>;
  /** Changes a version's tags or object lock facts in place, by id (current or noncurrent). Throws NoSuchKey when gone. */
  updateObjectVersion(objectId: number, patch: ObjectVersionPatch): Promise<void>;
  /** The parts of an object ordered by offset, with each part's segments (single-request objects have one part). */
  getObjectLayout(objectId: number): Promise<ObjectLayoutPart[]>;
  /** Ordered by key (UTF-8 byte order). */
  listObjects(bucketId: number, query: KeyRangeQuery): Promise<ObjectRecord[]>;
  /**
   * Creates or replaces the object at (bucketId, key). Throws PreconditionFailed when `condition` fails,
   * and NoSuchKey when a segment references a blob that is no longer live (a copy source deleted meanwhile).
   */
  putObject(input: PutObjectInput): Promise<PutObjectResult>;
  /**
   * Deletes the key as the bucket's versioning state says (see above). Throws PreconditionFailed when
   * `ifMatchEtag` does not match the current object.
   */
  deleteObject(bucketId: number, key: string, now: number, ifMatchEtag?: string): Promise<ObjectDeletion>;
  /**
   * Removes one version (or delete marker) for good and releases its blobs; when it was the latest,
   * the newest remaining version becomes the latest. Returns the removed version, undefined when there
   * is none. Throws AccessDenied when object lock protects it (governance retention yields to
   * `bypassGovernance`; compliance retention and legal holds to nothing), and NoSuchKey when
   * `expectId` is given and the version has another id.
   */
  deleteObjectVersion(input: DeleteVersionInput): Promise<ObjectVersionRecord | undefined>;
  /** Changes attributes without touching bytes (lifecycle transitions); any version, by id. */
  updateObjectStorageClass(objectId: number, storageClass: StorageClass, now: number): Promise<void>;

  // --- multipart uploads -------------------------------------------------------------------------
  createUpload(input: NewUpload): Promise<UploadRecord>;
  /** Any state, including tombstones of finished uploads. */
  getUpload(uploadId: string): Promise<UploadRecord | undefined>;
  /** Active uploads of a bucket ordered by (key, initiatedAt, id). */
  listUploads(bucketId: number, query: UploadRangeQuery): Promise<UploadRecord[]>;
  /** Active uploads of any bucket initiated at or before `initiatedBefore`, oldest first (lifecycle). */
  listUploadsByAge(query: UploadAgeQuery): Promise<UploadRecord[]>;
  /**
   * One page of a bucket's active uploads in the order of `sort` (Part Management), resuming after
   * `after`; each with the part byte-milliseconds it has accrued up to `asOf`. A page costs its own size
   * for age and size orders; the cost order reads the bucket's (or prefix's) uploads once, from an index.
   */
  listUploadsSorted(bucketId: number, query: SortedUploadQuery): Promise<SortedUpload[]>;
  /** How many active uploads of a bucket have keys starting with `prefix`, and their bytes. */
  countUploads(bucketId: number, prefix: string): Promise<{ readonly uploads: number; readonly bytes: number }>;
  /** Parts of an upload ordered by part number, after `afterPartNumber`. */
  listParts(uploadId: string, afterPartNumber: number, limit: number): Promise<PartRecord[]>;
  /**
   * Stores a part, replacing an earlier part with the same number (whose bytes are released).
   * Throws NoSuchUpload unless the upload is active.
   */
  putPart(input: PutPartInput): Promise<PartRecord>;
  /**
   * Turns the chosen parts into the object at the upload's key, releases the parts not chosen and marks
   * the upload completed with `result`. Bytes are not touched.
   * When the upload is no longer active nothing changes and the upload as it stands is returned
   * (`outcome: 'not-active'`). Throws InvalidPart when a chosen part changed since the caller read it.
   */
  completeUpload(input: CompleteUploadInput): Promise<CompleteUploadOutcome>;
  /** Releases every part and marks the upload aborted. Returns the state it was in (undefined if unknown). */
  abortUpload(uploadId: string, now: number): Promise<UploadState | undefined>;
  /** Forgets finished uploads whose tombstone is older than `finishedBefore`. Returns how many. */
  purgeTombstones(finishedBefore: number, limit: number): Promise<number>;

  // --- blobs and garbage -------------------------------------------------------------------------
  /** Blob ids whose last reference is gone; their files may be deleted. */
  takeGarbage(limit: number): Promise<string[]>;
  /** Called once the files of these garbage blobs are deleted. */
  forgetGarbage(blobIds: readonly string[]): Promise<void>;
  /** The bytes of an inline blob, while it is referenced. */
  readInlineBlob(blobId: string): Promise<Buffer | undefined>;
  /** Which of these blob ids the metadata knows (referenced or garbage-listed). */
  knownBlobs(blobIds: readonly string[]): Promise<Set<string>>;
  /** Sum of the sizes of referenced blobs (for accounting checks). */
  referencedBlobBytes(): Promise<number>;

  // --- usage ledger ------------------------------------------------------------------------------
  listUsageEvents(query: UsageEventQuery): Promise<UsageEvent[]>;

  close(): Promise<void>;
}

export interface NewBucket {
  /** Object lock at creation also enables versioning. */
  readonly objectLockEnabled?: boolean;
  readonly namespace: BucketNamespace;
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly storageClass: StorageClass;
  readonly createdAt: number;
}

export interface KeyRangeQuery {
  readonly prefix: string;
  /** Exclusive lower bound. */
  readonly after?: string;
  /** Skip every key that starts with this string (used to step over a common prefix). */
  readonly skipPrefix?: string;
  readonly limit: number;
}

export interface VersionRangeQuery {
  readonly prefix: string;
  /** Resume after this version: keys greater than `key`, or the same key with versions older than `id`. */
  readonly after?: { readonly key: string; readonly id?: number };
  readonly skipPrefix?: string;
  readonly limit: number;
}

export interface ObjectVersionPatch {
  readonly tags?: readonly ObjectTag[];
  readonly lock?: ObjectLockState;
}

export interface ObjectDeletion {
  /** The object whose bytes were removed (unversioned buckets, and the null version of suspended ones). */
  readonly removed?: ObjectRecord;
  /** The delete marker made (versioned and suspended buckets). */
  readonly deleteMarker?: ObjectVersionRecord;
}

export interface DeleteVersionInput {
  readonly bucketId: number;
  readonly key: string;
  /** null: the null version. */
  readonly versionId: string | null;
  readonly now: number;
  readonly bypassGovernance?: boolean;
  readonly expectId?: number;
}

export interface ObjectLayoutPart extends ObjectPartRecord {
  readonly segments: readonly Segment[];
}

/** A blob written by this request that the new rows will reference: a durable file, or inline bytes. */
export interface NewBlob {
  readonly blobId: string;
  readonly size: number;
  /** Small bodies: the bytes themselves, stored in the same transaction (their blob id is inline). */
  readonly data?: Buffer;
}

export interface NewPart {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
  readonly digests: Digests;
  readonly segments: readonly Segment[];
}

export interface PutObjectInput {
  readonly bucketId: number;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly attributes: ObjectAttributes;
  readonly partsCount: number | null;
  readonly checksum: ObjectChecksum | null;
  readonly digests: Digests;
  readonly extra: Readonly<Record<string, unknown>>;
  /** In object order; their offsets are assigned from their sizes. */
  readonly parts: readonly NewPart[];
  readonly newBlobs: readonly NewBlob[];
  readonly now: number;
  readonly condition?: WriteCondition;
  readonly tags?: readonly ObjectTag[];
  readonly lock?: ObjectLockState;
}

export interface PutObjectResult {
  readonly object: ObjectRecord;
  /** The version overwritten in place, whose blobs were released (never a version kept as noncurrent). */
  readonly replaced: ObjectRecord | undefined;
}

export interface NewUpload {
  readonly id: string;
  readonly bucketId: number;
  readonly key: string;
  readonly initiatedAt: number;
  readonly attributes: ObjectAttributes;
  readonly checksumAlgorithm: ChecksumAlgorithm | null;
  readonly checksumType: ChecksumType | null;
  readonly initiator: Principal;
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface UploadRangeQuery {
  readonly prefix: string;
  /** Resume after this upload: keys greater than `key`, or the same key with a later (initiatedAt, id). */
  readonly after?: { readonly key: string; readonly initiatedAt?: number; readonly uploadId?: string };
  readonly skipPrefix?: string;
  readonly limit: number;
}

/** Part Management orders: by initiation time, by bytes held, by what the parts have cost so far. */
export type UploadSort = 'initiated' | 'size' | 'cost';

export interface SortedUploadQuery {
  readonly prefix: string;
  readonly sort: UploadSort;
  readonly descending: boolean;
  /** Resume after the upload with this sort value and id (the last of the previous page). */
  readonly after?: { readonly value: number; readonly uploadId: string };
  /** The moment cost so far is taken at (fixed for every page of one listing, so pages do not shift). */
  readonly asOf: number;
  /** What one byte held for one millisecond costs, per class (the cost order's weights). */
  readonly costPerByteMs: Readonly<Record<StorageClass, number>>;
  readonly limit: number;
}

export interface SortedUpload {
  readonly upload: UploadRecord;
  /** Part bytes x milliseconds held, from initiation up to `asOf` (what the usage ledger integrates). */
  readonly byteMsSoFar: number;
  /** The value the page is sorted by (initiation time, bytes or cost), for the next page's `after`. */
  readonly sortValue: number;
}

export interface UploadAgeQuery {
  readonly initiatedBefore: number;
  /** Resume after this (initiatedAt, uploadId). */
  readonly after?: { readonly initiatedAt: number; readonly uploadId: string };
  readonly bucketId?: number;
  readonly limit: number;
}

export interface PutPartInput extends NewPart {
  readonly uploadId: string;
  readonly newBlobs: readonly NewBlob[];
  readonly now: number;
}

export interface CompleteUploadInput {
  readonly uploadId: string;
  /** The chosen parts in object order, each with the id the caller validated. */
  readonly parts: readonly { readonly partNumber: number; readonly partId: number }[];
  readonly object: Omit<PutObjectInput, 'parts' | 'newBlobs' | 'bucketId' | 'key' | 'now' | 'condition'>;
  readonly partListFingerprint: string;
  readonly now: number;
  readonly condition?: WriteCondition;
}

export type CompleteUploadOutcome =
  | { readonly outcome: 'completed'; readonly object: ObjectRecord; readonly upload: UploadRecord }
  | { readonly outcome: 'not-active'; readonly upload: UploadRecord | undefined };

export interface UsageEvent {
  readonly id: number;
  readonly at: number;
  readonly accountId: string;
  readonly bucketId: number;
  readonly bucketName: string;
  readonly storageClass: StorageClass;
  readonly kind: 'object' | 'part';
  readonly bytesDelta: number;
  readonly countDelta: number;
  /** The object this event counts (events written before identities were recorded have none). */
  readonly objectId?: number;
  /** The upload whose parts this event counts. */
  readonly uploadId?: string;
}

export interface UsageEventQuery {
  readonly afterId?: number;
  readonly until?: number;
  readonly limit: number;
}

export type { CompletedUpload };

export type { WriteCondition } from '../types.js';
