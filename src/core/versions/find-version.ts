import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { Bucket, ObjectVersionRecord } from '../types.js';

/**
 * The version a request names: the latest when `versionId` is absent, else that version (null: the
 * null version). A delete marker is answered as S3 does: NoSuchKey when it is the latest and no
 * version was named, MethodNotAllowed when it was named; both carry DeleteMarker and VersionId
 * details for the dialect's headers. Unless `allowMarker`, which returns the marker itself.
 */
export async function findVersion(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
  options: { readonly allowMarker?: boolean } = {},
): Promise<ObjectVersionRecord> {
  if (versionId === undefined) {
    const current = await ctx.meta.getObject(bucket.id, key);
    if (current !== undefined) return { ...current, deleteMarker: false, isLatest: true };
    const latest = bucket.versioning === 'unversioned' ? undefined : await ctx.meta.getLatestVersion(bucket.id, key);
    if (latest !== undefined && options.allowMarker === true) return latest;
    throw new StorageError('NoSuchKey', 'The object does not exist.', {
      Key: key,
      ...(latest?.deleteMarker === true ? markerDetails(latest) : { DeleteMarker: 'false' }),
    });
  }
  const version = await ctx.meta.getObjectVersion(bucket.id, key, versionId);
  if (version === undefined) {
    if (versionId === null) throw new StorageError('NoSuchKey', 'The object does not exist.', { Key: key });
    throw new StorageError('NoSuchVersion', 'The version does not exist.', { Key: key, VersionId: versionId });
  }
  if (version.deleteMarker && options.allowMarker !== true) {
    throw new StorageError('MethodNotAllowed', 'The specified method is not allowed against this resource.', {
      Method: 'GET',
      ResourceType: 'DeleteMarker',
      ...markerDetails(version),
    });
  }
  return version;
}

/** Details a dialect turns into x-amz-delete-marker / x-amz-version-id (and Last-Modified). */
export function markerDetails(marker: ObjectVersionRecord): Record<string, string | number> {
  return { DeleteMarker: 'true', VersionId: marker.versionId ?? 'null', LastModified: marker.lastModified };
}
