import type { CoreContext } from '../context.js';
import { BUCKET_TAG_LIMITS, validateTags } from '../objects/object-tags.js';
import type { Bucket, ObjectTag } from '../types.js';
import { getBucketConfig, putBucketConfig } from './bucket-config.js';

/** A bucket's tags, kept as its `tags` configuration document. NoSuchConfiguration (tags) when none. */
export async function getBucketTagging(ctx: CoreContext, bucket: Bucket): Promise<readonly ObjectTag[]> {
  return getBucketConfig<ObjectTag[]>(ctx, bucket, 'tags');
}

export async function putBucketTagging(ctx: CoreContext, bucket: Bucket, tags: readonly ObjectTag[]): Promise<void> {
  await putBucketConfig(ctx, bucket, 'tags', validateTags(tags, BUCKET_TAG_LIMITS));
}

export async function deleteBucketTagging(ctx: CoreContext, bucket: Bucket): Promise<void> {
  await putBucketConfig(ctx, bucket, 'tags', null);
}
