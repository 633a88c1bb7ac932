import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { InventoryFilter, JobRecord, RetrievedObject } from '../ports/job-store.js';
import type { Bucket } from '../types.js';
import { newJobId, type Jobs } from './jobs.js';

export interface InitiateJobInput {
  readonly bucket: Bucket;
  /** How long the job takes before it completes (the dialect's tier). */
  readonly delayMs: number;
  /** An object retrieval: the object and optionally an inclusive byte range of it. */
  readonly retrieval?: { readonly key: string; readonly range?: { readonly start: number; readonly end: number } };
  /** An inventory of the bucket. */
  readonly inventory?: InventoryFilter;
  readonly extra: Readonly<Record<string, unknown>>;
}

/**
 * Starts a job that completes after `delayMs`. An object retrieval records the object as it is now; its
 * bytes are prepared (and referenced by the job) when the job completes.
 */
export async function initiateJob(ctx: CoreContext, jobs: Jobs, input: InitiateJobInput): Promise<JobRecord> {
  const now = ctx.clock();
  let object: RetrievedObject | null = null;
  if (input.retrieval !== undefined) {
    const { key, range } = input.retrieval;
    const record = await ctx.meta.getObject(input.bucket.id, key);
    if (record === undefined) throw new StorageError('NoSuchKey', 'The object does not exist.', { Key: key });
    const start = range?.start ?? 0;
    const end = range?.end ?? record.size - 1;
    if (start < 0 || start > end || end >= record.size) {
      throw new StorageError('InvalidRange', `The byte range ${start}-${end} is outside the object of ${record.size} bytes.`, {
        ActualObjectSize: record.size,
      });
    }
    object = { objectId: record.id, key, size: record.size, digests: record.digests, start, end };
  }
  return jobs.store.createJob({
    id: newJobId(),
    bucketId: input.bucket.id,
    kind: object === null ? 'inventory' : 'object-retrieval',
    createdAt: now,
    completesAt: now + Math.max(0, input.delayMs),
    object,
    inventory: object === null ? (input.inventory ?? {}) : null,
    extra: input.extra,
  });
}
