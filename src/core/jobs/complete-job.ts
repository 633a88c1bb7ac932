import { leafSlice, TreeHashLeaves } from '../checksums/tree-hash-leaves.js';
import { treeHashFromHashes } from '../checksums/tree-hash.js';
import type { CoreContext } from '../context.js';
import { isStorageError } from '../errors.js';
import { readLayout } from '../objects/read-object.js';
import type { JobCompletion, JobRecord } from '../ports/job-store.js';
import type { ObjectRecord } from '../types.js';
import { sliceSegments } from '../objects/slice-segments.js';
import type { Jobs } from './jobs.js';

const running = new WeakMap<Jobs, Map<string, Promise<JobRecord>>>();

/** A job as it stands now: one whose time has come is completed first (or is being completed). */
export async function settleJob(ctx: CoreContext, jobs: Jobs, job: JobRecord): Promise<JobRecord> {
  if (job.status !== 'in-progress' || job.completesAt > ctx.clock()) return job;
  return completeJob(ctx, jobs, job);
}

/** Completes every job that is due. Returns how many completed. Called by a timer and before listings. */
export async function completeDueJobs(ctx: CoreContext, jobs: Jobs): Promise<number> {
  let done = 0;
  for (;;) {
    const due = await jobs.store.listDueJobs(ctx.clock(), 100);
    if (due.length === 0) return done;
    for (const job of due) await completeJob(ctx, jobs, job);
    done += due.length;
  }
}

/**
 * Prepares a job's output and ends it. An object retrieval reads the range once to record its 1 MiB leaf
 * hashes (the tree hash of any aligned sub-range, with no second read) and to check the bytes against the
 * object's tree hash, then references the object's blob segments: no byte is copied, and deleting the
 * object afterwards does not take the output away. An inventory is rendered into a new blob.
 * Concurrent calls for one job share one completion.
 */
export function completeJob(ctx: CoreContext, jobs: Jobs, job: JobRecord): Promise<JobRecord> {
  let inFlight = running.get(jobs);
  if (inFlight === undefined) running.set(jobs, (inFlight = new Map<string, Promise<JobRecord>>()));
  const current = inFlight.get(job.id);
  if (current !== undefined) return current;
  const map = inFlight;
  const work = (async () => {
    try {
      return await (job.kind === 'inventory' ? completeInventory(ctx, jobs, job) : completeRetrieval(ctx, jobs, job));
    } finally {
      map.delete(job.id);
    }
  })();
  map.set(job.id, work);
  return work;
}

async function finish(ctx: CoreContext, jobs: Jobs, job: JobRecord, completion: JobCompletion): Promise<JobRecord> {
  const now = ctx.clock();
  const finished = await jobs.store.finishJob(job.id, completion, now, now + jobs.retentionMs);
  return finished ?? { ...job, status: 'failed', statusMessage: 'The job no longer exists.' };
}

function failed(statusMessage: string): JobCompletion {
  return { status: 'failed', statusMessage, result: {} };
}

async function completeRetrieval(ctx: CoreContext, jobs: Jobs, job: JobRecord): Promise<JobRecord> {
  const o = job.object;
  if (o === null) return finish(ctx, jobs, job, failed('The job names no object.'));
  const current = await ctx.meta.getObject(job.bucketId, o.key);
  if (current?.id !== o.objectId) {
    return finish(ctx, jobs, job, failed('The archive was deleted before the job completed.'));
  }
  const layout = await ctx.meta.getObjectLayout(current.id);
  const release = ctx.pins.pin(layout.flatMap((p) => p.segments.map((s) => s.blobId)));
  let leaves: Buffer;
  try {
    const hasher = new TreeHashLeaves();
    for await (const chunk of readLayout(ctx, layout, o.start, o.end)) hasher.update(chunk);
    leaves = hasher.leaves();
  } finally {
    release();
  }
  const treeHash = treeHashFromHashes(leafSlice(leaves, 0, leaves.length / 32)).toString('hex');
  const whole = o.start === 0 && o.end === o.size - 1;
  const stored = o.digests['sha256-tree'];
  if (whole && stored !== undefined && stored !== treeHash) {
    ctx.log.error('stored bytes do not match their tree hash', { jobId: job.id, key: o.key, stored, computed: treeHash });
    return finish(ctx, jobs, job, failed('The stored data does not match its checksum.'));
  }
  try {
    return await finish(ctx, jobs, job, {
      status: 'succeeded',
      statusMessage: 'Succeeded',
      segments: sliceSegments(layout, o.start, o.end),
      newBlobs: [],
      outputSize: Math.max(0, o.end - o.start + 1),
      outputDigests: { 'sha256-tree': treeHash },
      leaves,
      result: {},
    });
  } catch (error) {
    if (!isStorageError(error, 'NoSuchKey')) throw error;
    return finish(ctx, jobs, job, failed('The archive was deleted before the job completed.'));
  }
}

async function completeInventory(ctx: CoreContext, jobs: Jobs, job: JobRecord): Promise<JobRecord> {
  const filter = job.inventory ?? {};
  const limit = filter.limit ?? Number.POSITIVE_INFINITY;
  const takenAt = ctx.clock();
  let count = 0;
  let lastKey: string | undefined;
  let nextMarker: string | undefined;

  async function* entries(): AsyncIterable<ObjectRecord> {
    let after = filter.after;
    for (;;) {
      const batch = await ctx.meta.listObjects(job.bucketId, { prefix: '', ...(after === undefined ? {} : { after }), limit: 1000 });
      if (batch.length === 0) return;
      for (const object of batch) {
        after = object.key;
        if (filter.createdFrom !== undefined && object.lastModified < filter.createdFrom) continue;
        if (filter.createdBefore !== undefined && object.lastModified >= filter.createdBefore) continue;
        if (count >= limit) {
          nextMarker = lastKey;
          return;
        }
        count++;
        lastKey = object.key;
        yield object;
      }
    }
  }

  const blob = await ctx.blobs.write(jobs.renderInventory(job, entries(), takenAt));
  try {
    const finished = await finish(ctx, jobs, job, {
      status: 'succeeded',
      statusMessage: 'Succeeded',
      segments: blob.size === 0 ? [] : [{ blobId: blob.blobId, blobOffset: 0, length: blob.size }],
      newBlobs: blob.size === 0 ? [] : [blob],
      outputSize: blob.size,
      outputDigests: {},
      leaves: null,
      result: { count, takenAt, ...(nextMarker === undefined ? {} : { nextMarker }) },
    });
    // An empty blob is not kept; and if the job was ended elsewhere meanwhile, this blob is nobody's.
    if (blob.size === 0 || finished.result.takenAt !== takenAt) await ctx.blobs.remove([blob.blobId]);
    return finished;
  } catch (error) {
    await ctx.blobs.remove([blob.blobId]);
    throw error;
  }
}
