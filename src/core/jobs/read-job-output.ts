import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { resolveByteRange, type ByteRangeRequest, type ResolvedRange } from '../objects/byte-range.js';
import type { JobRecord } from '../ports/job-store.js';
import type { Bucket, Segment } from '../types.js';
import { blobBytes } from '../blobs/blob-bytes.js';
import { findJob } from './find-job.js';
import type { Jobs } from './jobs.js';

export interface ReadJobOutputInput {
  readonly bucket: Bucket;
  readonly jobId: string;
  readonly range?: { readonly request: ByteRangeRequest; readonly asked: string };
}

export interface JobOutputRead {
  readonly job: JobRecord;
  readonly size: number;
  /** Present when a range was asked. */
  readonly range?: ResolvedRange;
  /** The output's 1 MiB leaf hashes (object retrievals). */
  readonly leaves: Buffer | null;
  readonly body: () => AsyncIterable<Buffer>;
}

/** The output of a succeeded job, whole or a range; the blobs stay pinned while it streams. */
export async function readJobOutput(ctx: CoreContext, jobs: Jobs, input: ReadJobOutputInput): Promise<JobOutputRead> {
  const job = await findJob(ctx, jobs, input.bucket, input.jobId);
  const output = job.status === 'succeeded' ? await jobs.store.getJobOutput(job.id) : undefined;
  if (output === undefined) {
    throw new StorageError('InvalidRequest', `The job is not currently available for download: ${job.id}`, { JobId: job.id });
  }
  const size = job.outputSize ?? 0;
  const range = input.range === undefined ? undefined : resolveByteRange(input.range.request, size, input.range.asked);
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  async function* body(): AsyncIterable<Buffer> {
    const release = ctx.pins.pin(output!.segments.map((s) => s.blobId));
    try {
      // The job may have been purged between reading its output and pinning the blobs.
      if ((await jobs.store.getJob(job.id)) === undefined)
        throw new StorageError('NoSuchJob', 'The job does not exist or has expired.', { JobId: job.id });
      yield* readSegments(ctx, output!.segments, start, end);
    } finally {
      release();
    }
  }
  return { job, size, ...(range === undefined ? {} : { range }), leaves: output.leaves, body };
}

async function* readSegments(ctx: CoreContext, segments: readonly Segment[], start: number, end: number): AsyncIterable<Buffer> {
  let segStart = 0;
  for (const seg of segments) {
    const segEnd = segStart + seg.length - 1;
    if (segStart > end) return;
    if (segEnd >= start) {
      const from = Math.max(start, segStart);
      const to = Math.min(end, segEnd);
      yield* blobBytes(ctx, seg.blobId, seg.blobOffset + (from - segStart), to - from + 1);
    }
    segStart += seg.length;
  }
}
