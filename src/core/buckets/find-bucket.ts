import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { Bucket, BucketNamespace } from '../types.js';

/** The bucket by name, or NoSuchBucket. Whether the caller may use it is the dispatcher's question. */
export async function findBucket(ctx: CoreContext, namespace: BucketNamespace, name: string, accountId?: string): Promise<Bucket> {
  const bucket = await ctx.meta.getBucket(namespace, name, accountId);
  if (bucket === undefined) {
    throw new StorageError('NoSuchBucket', 'The bucket does not exist.', { BucketName: name });
  }
  return bucket;
}
