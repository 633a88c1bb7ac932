import type { CoreContext } from '../context.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { Jobs } from './jobs.js';

/** Forgets jobs past their retention and frees the blobs only they referenced. Returns how many. */
export async function purgeExpiredJobs(ctx: CoreContext, jobs: Jobs): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await jobs.store.purgeJobs(ctx.clock(), 1000);
    total += n;
    if (n < 1000) break;
  }
  if (total > 0) await reapGarbage(ctx);
  return total;
}
