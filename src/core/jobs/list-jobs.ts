import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { JobRecord, JobStatus } from '../ports/job-store.js';
import type { Bucket } from '../types.js';
import { completeDueJobs } from './complete-job.js';
import { isValidJobId, type Jobs } from './jobs.js';

export interface ListJobsInput {
  readonly bucket: Bucket;
  readonly status?: JobStatus;
  readonly completed?: boolean;
  /** Resume after this job (the previous page's last). */
  readonly afterJobId?: string;
  readonly limit: number;
}

export interface ListJobsResult {
  readonly jobs: JobRecord[];
  readonly isTruncated: boolean;
}

/** A bucket's live jobs in the order they were initiated; due jobs are completed first so filters see them done. */
export async function listJobs(ctx: CoreContext, jobs: Jobs, input: ListJobsInput): Promise<ListJobsResult> {
  await completeDueJobs(ctx, jobs);
  let after: { createdAt: number; id: string } | undefined;
  if (input.afterJobId !== undefined) {
    const marker = isValidJobId(input.afterJobId) ? await jobs.store.getJob(input.afterJobId) : undefined;
    if (marker?.bucketId !== input.bucket.id) {
      throw new StorageError('InvalidArgument', `The marker is not valid: ${input.afterJobId}`, { ArgumentName: 'marker' });
    }
    after = { createdAt: marker.createdAt, id: marker.id };
  }
  const rows = await jobs.store.listJobs(input.bucket.id, {
    ...(after === undefined ? {} : { after }),
    ...(input.status === undefined ? {} : { status: input.status }),
    ...(input.completed === undefined ? {} : { completed: input.completed }),
    liveAt: ctx.clock(),
    limit: input.limit + 1,
  });
  return { jobs: rows.slice(0, input.limit), isTruncated: rows.length > input.limit };
}
