import type { CoreContext } from '../context.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { Bucket, ObjectRecord } from '../types.js';

/** Deleting a key that does not exist succeeds, as in S3. Returns the object that was removed. */
export async function deleteObject(ctx: CoreContext, bucket: Bucket, key: string, ifMatchEtag?: string): Promise<ObjectRecord | undefined> {
  const removed = await ctx.meta.deleteObject(bucket.id, key, ctx.clock(), ifMatchEtag);
  if (removed !== undefined) await reapGarbage(ctx);
  return removed;
}
