import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { Bucket, BucketConfigName } from '../types.js';

/** Bucket configuration documents are kept as JSON of the core's own models, never as wire XML. */
export async function getBucketConfig<T>(ctx: CoreContext, bucket: Bucket, name: BucketConfigName): Promise<T> {
  const value = await ctx.meta.getBucketConfig(bucket.id, name);
  if (value === undefined) {
    throw new StorageError('NoSuchConfiguration', `The ${name} configuration does not exist`, {
      BucketName: bucket.name,
      Configuration: name,
    });
  }
  return JSON.parse(value) as T;
}

export async function findBucketConfig<T>(ctx: CoreContext, bucket: Bucket, name: BucketConfigName): Promise<T | undefined> {
  const value = await ctx.meta.getBucketConfig(bucket.id, name);
  return value === undefined ? undefined : (JSON.parse(value) as T);
}

export async function putBucketConfig(ctx: CoreContext, bucket: Bucket, name: BucketConfigName, value: unknown): Promise<void> {
  await ctx.meta.putBucketConfig(bucket.id, name, value === null ? null : JSON.stringify(value));
}
