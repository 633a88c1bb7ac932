import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import type { Bucket } from '../types.js';

/** Refused while objects or incomplete uploads remain; the message says what is left and how to clear it. */
export async function deleteBucket(ctx: CoreContext, bucket: Bucket): Promise<void> {
  try {
    await ctx.meta.deleteBucket(bucket.id);
  } catch (error) {
    if (!isStorageError(error, 'BucketNotEmpty')) throw error;
    const objects = Number(error.details.objects ?? 0);
    const uploads = Number(error.details.uploads ?? 0);
    throw new StorageError('BucketNotEmpty', bucketNotEmptyMessage(objects, uploads), {
      BucketName: bucket.name,
      ObjectCount: objects,
      IncompleteUploadCount: uploads,
    });
  }
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
