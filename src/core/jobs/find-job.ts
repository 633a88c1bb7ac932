import type { CoreContext } from '../context.js';
import type { JobRecord } from '../ports/job-store.js';
import type { Bucket } from '../types.js';
import { settleJob } from './complete-job.js';
import { isValidJobId, noSuchJob, type Jobs } from './jobs.js';

/** The job of this bucket, completed if its time has come; NoSuchJob when unknown, of another bucket or expired. */
export async function findJob(ctx: CoreContext, jobs: Jobs, bucket: Bucket, jobId: string): Promise<JobRecord> {
  const job = isValidJobId(jobId) ? await jobs.store.getJob(jobId) : undefined;
  if (job === undefined || job.bucketId !== bucket.id || (job.expiresAt !== null && job.expiresAt <= ctx.clock())) {
    throw noSuchJob(jobId);
  }
  return settleJob(ctx, jobs, job);
}
