/** Domain types shared by the core, the storage adapters and the dialects. Protocol-neutral. */

/** The storage classes the core knows; each dialect maps its own names onto these. */
export const storageClasses = ['standard', 'infrequent-access', 'archive', 'cold-archive', 'deep-cold-archive'] as const;
export type StorageClass = (typeof storageClasses)[number];

/** S3/OSS buckets share one global namespace; Glacier vaults live in a namespace of their own per account. */
export type BucketNamespace = 's3' | 'glacier';

/** Whole-object checksums a client may ask for (S3 x-amz-checksum-*). */
export const checksumAlgorithms = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof checksumAlgorithms)[number];
export type ChecksumType = 'composite' | 'full-object';

/** Every digest the write path can compute in its single pass over the bytes. */
export type DigestName = 'md5' | ChecksumAlgorithm | 'crc64ecma' | 'sha256-tree';
/** Digest values as lowercase hex of the raw digest bytes. */
export type Digests = Partial<Record<DigestName, string>>;

export interface Account {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly createdAt: number;
}

export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly accountId: string;
  /** null for the account's root credentials. */
  readonly userName: string | null;
  readonly createdAt: number;
}

/** Who made a request, after authentication. */
export interface Principal {
  readonly accountId: string;
  readonly userName: string | null;
  readonly accessKeyId: string;
}

export interface BucketCounters {
  readonly objects: number;
  readonly objectBytes: number;
  /** Incomplete (active) multipart uploads and their parts. */
  readonly uploads: number;
  readonly parts: number;
  readonly partBytes: number;
  /** Noncurrent versions and delete markers, and the bytes of those versions. */
  readonly versions: number;
  readonly versionBytes: number;
}

/** S3's versioning states; a bucket once versioned never returns to unversioned, only to suspended. */
export type VersioningState = 'unversioned' | 'enabled' | 'suspended';

export interface Bucket {
  readonly id: number;
  readonly namespace: BucketNamespace;
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly storageClass: StorageClass;
  readonly createdAt: number;
  readonly counters: BucketCounters;
  readonly versioning: VersioningState;
  /** Object lock was enabled at creation (or later on a versioned bucket); it cannot be disabled. */
  readonly objectLockEnabled: boolean;
}

/** Content headers kept with an object (and with an upload until it completes). */
export interface ContentAttributes {
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly contentLanguage?: string;
  readonly contentDisposition?: string;
  readonly cacheControl?: string;
  readonly expires?: string;
}

export interface ObjectAttributes extends ContentAttributes {
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly storageClass: StorageClass;
}

export interface ObjectChecksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly type: ChecksumType;
  /** base64 of the raw checksum; composite values carry the `-N` suffix. */
  readonly value: string;
}

export interface ObjectRecord {
  readonly id: number;
  readonly bucketId: number;
  readonly key: string;
  readonly size: number;
  /** Without quotes: md5 hex, or `md5(md5s)-N` for multipart objects. */
  readonly etag: string;
  readonly lastModified: number;
  readonly attributes: ObjectAttributes;
  /** Number of parts of a multipart object; null for an object written in one request. */
  readonly partsCount: number | null;
  readonly checksum: ObjectChecksum | null;
  /** Digests of the whole object known without re-reading it (md5 for single-request objects, crc64ecma...). */
  readonly digests: Digests;
  /** Dialect-specific facts (a Glacier archive description...). Plain JSON. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** The version id; null for the `null` version (every object of an unversioned or suspended bucket). */
  readonly versionId: string | null;
  readonly tags: readonly ObjectTag[];
  readonly lock: ObjectLockState;
}

/** One version of a key as ListObjectVersions and version reads see it: an object version or a delete marker. */
export interface ObjectVersionRecord extends ObjectRecord {
  readonly deleteMarker: boolean;
  readonly isLatest: boolean;
}

export interface ObjectTag {
  readonly key: string;
  readonly value: string;
}

export type RetentionMode = 'governance' | 'compliance';

export interface ObjectRetention {
  readonly mode: RetentionMode;
  /** Milliseconds since the epoch. */
  readonly retainUntil: number;
}

/** Object lock facts of one version; both absent when the version is not protected. */
export interface ObjectLockState {
  readonly retention?: ObjectRetention;
  readonly legalHold?: boolean;
}

/** A run of bytes inside an immutable blob. */
export interface Segment {
  readonly blobId: string;
  readonly blobOffset: number;
  readonly length: number;
}

/** A part as stored: of an active upload, or of a completed multipart object. */
export interface PartRecord {
  /** Storage-internal identity; changes when a part number is uploaded again. */
  readonly id: number;
  readonly partNumber: number;
  readonly size: number;
  /** md5 hex of the part's bytes, without quotes. */
  readonly etag: string;
  readonly digests: Digests;
  readonly lastModified: number;
}

/** A part of a completed object with its position. */
export interface ObjectPartRecord extends PartRecord {
  readonly offset: number;
}

/** A slice of an object to stream: which blob bytes make up object bytes [offset, offset+length). */
export interface ObjectSlice {
  readonly segments: readonly Segment[];
}

export type UploadState = 'active' | 'completed' | 'aborted';

export interface CompletedUpload {
  readonly objectId: number;
  readonly key: string;
  readonly etag: string;
  readonly size: number;
  readonly checksum: ObjectChecksum | null;
  /** Fingerprint of the part list that completed the upload, so an identical retry gets the same answer. */
  readonly partListFingerprint: string;
  /** The version the completion made; absent for the null version (and in results written before versioning). */
  readonly versionId?: string;
}

export interface UploadRecord {
  readonly id: string;
  readonly bucketId: number;
  readonly key: string;
  readonly initiatedAt: number;
  readonly state: UploadState;
  readonly finishedAt: number | null;
  readonly attributes: ObjectAttributes;
  readonly checksumAlgorithm: ChecksumAlgorithm | null;
  readonly checksumType: ChecksumType | null;
  readonly initiator: Principal;
  /** Parts and bytes currently held by the upload (zero once finished). */
  readonly partCount: number;
  readonly bytes: number;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly result: CompletedUpload | null;
}

/** Named configuration documents attached to a bucket (lifecycle rules, policy, tags...). */
export type BucketConfigName = 'lifecycle' | 'policy' | 'tags' | 'notifications' | 'lock' | 'cors' | 'acl' | 'versioning' | 'encryption';

/** Conditional writes, evaluated by core/objects/write-condition.ts. */
export interface WriteCondition {
  /** If-None-Match: `*`: no object may exist at the key. */
  readonly ifNoneMatchAny?: boolean;
  /** If-None-Match with entity tags: the current object, if any, must have none of them. */
  readonly ifNoneMatchEtag?: string;
  /** If-Match: an object must exist and have one of these entity tags (`*`: any). */
  readonly ifMatchEtag?: string;
}
