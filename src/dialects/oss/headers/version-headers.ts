import { StorageError } from '../../../core/errors.js';
import { isValidVersionId } from '../../../core/ids.js';
import type { Bucket, ObjectRecord, ObjectTag } from '../../../core/types.js';

/** versionId: 'null' names the null version; anything not a Cairn id is InvalidArgument. */
export function parseOssVersionId(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === 'null') return null;
  if (!isValidVersionId(value)) {
    throw new StorageError('InvalidArgument', 'Invalid version id specified', { ArgumentName: 'versionId', ArgumentValue: value });
  }
  return value;
}

/** x-oss-version-id on a versioned or suspended bucket ('null' for the null version). */
export function ossVersionHeader(bucket: Bucket, versionId: string | null | undefined): Record<string, string> {
  if (versionId === undefined || (versionId === null && bucket.versioning === 'unversioned')) return {};
  return { 'x-oss-version-id': versionId ?? 'null' };
}

/** x-oss-version-id and x-oss-tagging-count for GET and HEAD. */
export function ossVersionFactHeaders(bucket: Bucket, object: ObjectRecord): Record<string, string> {
  return {
    ...ossVersionHeader(bucket, object.versionId),
    ...(object.tags.length === 0 ? {} : { 'x-oss-tagging-count': String(object.tags.length) }),
  };
}

/** The x-oss-tagging header, `k1=v1&k2=v2` URL-encoded. */
export function parseOssTaggingHeader(value: string | undefined): ObjectTag[] | undefined {
  if (value === undefined) return undefined;
  return [...new URLSearchParams(value)].map(([key, v]) => ({ key, value: v }));
}
