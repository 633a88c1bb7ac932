import type { CoreContext } from '../context.js';
import type { Bucket, BucketNamespace } from '../types.js';

/** The buckets (or vaults) of one account in a namespace, by name. */
export async function listBuckets(ctx: CoreContext, namespace: BucketNamespace, accountId: string): Promise<Bucket[]> {
  return ctx.meta.listBuckets(namespace, accountId);
}
