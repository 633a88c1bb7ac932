import type {
  AccessKey,
  Account,
  Bucket,
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
  StorageClass,
  UploadRecord,
  UploadState,
  VersioningState,
} from '../../core/types.js';

export interface AccountRow {
  id: string;
  name: string;
  display_name: string;
  created_at: number;
}
export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  name: r.name,
  displayName: r.display_name,
  createdAt: r.created_at,
});

export interface AccessKeyRow {
  access_key_id: string;
  secret: string;
  account_id: string;
  user_name: string | null;
  created_at: number;
}
export const toAccessKey = (r: AccessKeyRow): AccessKey => ({
  accessKeyId: r.access_key_id,
  secretAccessKey: r.secret,
  accountId: r.account_id,
  userName: r.user_name,
  createdAt: r.created_at,
});

export interface BucketRow {
  id: number;
  namespace: string;
  scope: string;
  name: string;
  account_id: string;
  region: string;
  storage_class: string;
  created_at: number;
  object_count: number;
  object_bytes: number;
  upload_count: number;
  part_count: number;
  part_bytes: number;
  versioning: string;
  object_lock: number;
  version_count: number;
  version_bytes: number;
}
export const toBucket = (r: BucketRow): Bucket => ({
  id: r.id,
  namespace: r.namespace as BucketNamespace,
  name: r.name,
  accountId: r.account_id,
  region: r.region,
  storageClass: r.storage_class as StorageClass,
  createdAt: r.created_at,
  counters: {
    objects: r.object_count,
    objectBytes: r.object_bytes,
    uploads: r.upload_count,
    parts: r.part_count,
    partBytes: r.part_bytes,
    versions: r.version_count,
    versionBytes: r.version_bytes,
  },
  versioning: r.versioning as VersioningState,
  objectLockEnabled: r.object_lock === 1,
});

export interface ObjectRow {
  id: number;
  bucket_id: number;
  key: Buffer;
  size: number;
  etag: string;
  last_modified: number;
  storage_class: string;
  attributes: string;
  parts_count: number | null;
  checksum: string | null;
  digests: string;
  extra: string;
  version_id: string | null;
  tags: string | null;
  lock: string | null;
}
/** Most rows carry the same few small documents ('{}'...): parse each distinct short text once. */
const parsed = new Map<string, unknown>();
function parseShared<T>(text: string): T {
  if (text.length > 64) return JSON.parse(text) as T;
  let value = parsed.get(text);
  if (value === undefined) {
    value = Object.freeze(JSON.parse(text) as object);
    if (parsed.size > 256) parsed.clear();
    parsed.set(text, value);
  }
  return value as T;
}

export function toObject(r: ObjectRow): ObjectRecord {
  const attributes = parseShared<Omit<ObjectAttributes, 'storageClass'>>(r.attributes);
  return {
    id: r.id,
    bucketId: r.bucket_id,
    key: r.key.toString('utf8'),
    size: r.size,
    etag: r.etag,
    lastModified: r.last_modified,
    attributes: { ...attributes, storageClass: r.storage_class as StorageClass },
    partsCount: r.parts_count,
    checksum: r.checksum === null ? null : (JSON.parse(r.checksum) as ObjectChecksum),
    digests: parseShared<Digests>(r.digests),
    extra: parseShared<Record<string, unknown>>(r.extra),
    versionId: r.version_id,
    tags: r.tags === null ? [] : (JSON.parse(r.tags) as ObjectTag[]),
    lock: r.lock === null ? {} : (JSON.parse(r.lock) as ObjectLockState),
  };
}

/** A row of object_versions: a noncurrent version, or a delete marker (latest while noncurrent_since is null). */
export interface VersionRow extends ObjectRow {
  delete_marker: number;
  noncurrent_since: number | null;
}

export function toVersion(r: VersionRow): ObjectVersionRecord {
  return { ...toObject(r), deleteMarker: r.delete_marker === 1, isLatest: r.noncurrent_since === null };
}

export function currentAsVersion(r: ObjectRow): ObjectVersionRecord {
  return { ...toObject(r), deleteMarker: false, isLatest: true };
}

export function tagsJson(tags: readonly ObjectTag[] | undefined): string | null {
  return tags === undefined || tags.length === 0 ? null : JSON.stringify(tags);
}

export function lockJson(lock: ObjectLockState | undefined): string | null {
  return lock === undefined || (lock.retention === undefined && lock.legalHold === undefined) ? null : JSON.stringify(lock);
}

/** Attributes without the storage class, which has a column of its own. */
export function attributesJson(a: ObjectAttributes): string {
  const { storageClass: _omit, ...rest } = a;
  return JSON.stringify(rest);
}

export interface PartRow {
  id: number;
  part_number: number;
  object_offset: number | null;
  size: number;
  etag: string;
  digests: string;
  last_modified: number;
}
export const toPart = (r: PartRow): PartRecord => ({
  id: r.id,
  partNumber: r.part_number,
  size: r.size,
  etag: r.etag,
  digests: JSON.parse(r.digests) as Digests,
  lastModified: r.last_modified,
});
export const toObjectPart = (r: PartRow): ObjectPartRecord => ({ ...toPart(r), offset: r.object_offset ?? 0 });

export interface UploadRow {
  id: string;
  bucket_id: number;
  key: Buffer;
  initiated_at: number;
  state: string;
  finished_at: number | null;
  storage_class: string;
  attributes: string;
  checksum_algorithm: string | null;
  checksum_type: string | null;
  initiator: string;
  part_count: number;
  bytes: number;
  extra: string;
  result: string | null;
}
export function toUpload(r: UploadRow): UploadRecord {
  const attributes = JSON.parse(r.attributes) as Omit<ObjectAttributes, 'storageClass'>;
  return {
    id: r.id,
    bucketId: r.bucket_id,
    key: r.key.toString('utf8'),
    initiatedAt: r.initiated_at,
    state: r.state as UploadState,
    finishedAt: r.finished_at,
    attributes: { ...attributes, storageClass: r.storage_class as StorageClass },
    checksumAlgorithm: r.checksum_algorithm as ChecksumAlgorithm | null,
    checksumType: r.checksum_type as ChecksumType | null,
    initiator: JSON.parse(r.initiator) as Principal,
    partCount: r.part_count,
    bytes: r.bytes,
    extra: JSON.parse(r.extra) as Record<string, unknown>,
    result: r.result === null ? null : (JSON.parse(r.result) as CompletedUpload),
  };
}
