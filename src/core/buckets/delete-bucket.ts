import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { Bucket } from '../types.js';

export interface DeleteBucketOptions {
  /**
   * S3 deletes a bucket whose only contents are incomplete multipart uploads, aborting them (their parts
   * are freed). OSS and Glacier refuse until the parts are deleted, so the default is to refuse.
   */
  readonly abortIncompleteUploads?: boolean;
}

/** Refused while objects (or, by default, incomplete uploads) remain; the message says what is left and how to clear it. */
export async function deleteBucket(ctx: CoreContext, bucket: Bucket, options: DeleteBucketOptions = {}): Promise<void> {
  if (options.abortIncompleteUploads === true) await abortAllUploadsOfEmptyBucket(ctx, bucket);
  try {
    await ctx.meta.deleteBucket(bucket.id);
  } catch (error) {
    if (!isStorageError(error, 'BucketNotEmpty')) throw error;
    throw bucketNotEmpty(bucket, Number(error.details.objects ?? 0), Number(error.details.uploads ?? 0));
  }
}

/** Aborts the uploads only when no object remains, so a refused delete changes nothing. */
async function abortAllUploadsOfEmptyBucket(ctx: CoreContext, bucket: Bucket): Promise<void> {
  const current = await ctx.meta.getBucketById(bucket.id);
  if (current === undefined) return;
  if (current.counters.objects > 0) throw bucketNotEmpty(bucket, current.counters.objects, current.counters.uploads);
  if (current.counters.uploads === 0) return;
  for (;;) {
    const page = await ctx.meta.listUploads(bucket.id, { prefix: '', limit: 500 });
    if (page.length === 0) break;
    for (const upload of page) await ctx.meta.abortUpload(upload.id, ctx.clock());
  }
  await reapGarbage(ctx);
}

function bucketNotEmpty(bucket: Bucket, objects: number, uploads: number): StorageError {
  return new StorageError('BucketNotEmpty', bucketNotEmptyMessage(objects, uploads), {
    BucketName: bucket.name,
    ObjectCount: objects,
    IncompleteUploadCount: uploads,
  });
}

function bucketNotEmptyMessage(objects: number, uploads: number): string {
  const held: string[] = [];
  if (objects > 0) held.push(`${objects} object${objects === 1 ? '' : 's'}`);
  if (uploads > 0) held.push(`${uploads} incomplete multipart upload${uploads === 1 ? '' : 's'}`);
  let message = `The bucket you tried to delete is not empty: it holds ${held.join(' and ')}.`;
  if (uploads > 0) {
    message +=
      ' Abort the incomplete uploads first (ListMultipartUploads then AbortMultipartUpload, or `cairn uploads abort --all <bucket>`).';
  }
  return message;
}
