import type { CoreContext } from '../context.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { Bucket } from '../types.js';
import type { Jobs } from './jobs.js';

/** Drops every job of a deleted bucket and frees what only their outputs held. */
export async function forgetBucketJobs(ctx: CoreContext, jobs: Jobs, bucket: Bucket): Promise<void> {
  if ((await jobs.store.deleteBucketJobs(bucket.id, ctx.clock())) > 0) await reapGarbage(ctx);
}
