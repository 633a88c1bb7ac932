import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { isValidUploadId } from '../ids.js';
import type { Bucket, UploadRecord } from '../types.js';

export function noSuchUpload(uploadId: string): StorageError {
  return new StorageError('NoSuchUpload', 'The upload does not exist, or it was aborted or completed.', { UploadId: uploadId });
}

/**
 * The upload with this id in this bucket and key, in any state, while its tombstone lasts. Malformed
 * ids, other buckets or keys, and expired tombstones are all simply unknown.
 */
export async function findUpload(
  ctx: CoreContext,
  bucket: Bucket,
  key: string | undefined,
  uploadId: string,
): Promise<UploadRecord | undefined> {
  if (!isValidUploadId(uploadId)) return undefined;
  const upload = await ctx.meta.getUpload(uploadId);
  if (upload === undefined || upload.bucketId !== bucket.id) return undefined;
  if (key !== undefined && upload.key !== key) return undefined;
  if (upload.state !== 'active' && (upload.finishedAt ?? 0) < ctx.clock() - ctx.limits.tombstoneWindowMs) {
    return undefined;
  }
  return upload;
}

/** The upload if it is still active, else NoSuchUpload. */
export async function findActiveUpload(ctx: CoreContext, bucket: Bucket, key: string | undefined, uploadId: string): Promise<UploadRecord> {
  const upload = await findUpload(ctx, bucket, key, uploadId);
  if (upload?.state !== 'active') throw noSuchUpload(uploadId);
  return upload;
}
