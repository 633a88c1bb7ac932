import type { CoreContext } from '../context.js';
import type { Bucket, ObjectRecord } from '../types.js';

/** The object's record (no bytes), or undefined when the bucket has no such key. */
export async function findObject(ctx: CoreContext, bucket: Bucket, key: string): Promise<ObjectRecord | undefined> {
  return ctx.meta.getObject(bucket.id, key);
}
