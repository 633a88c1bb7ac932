import { randomBytes } from 'node:crypto';
import type { CoreContext } from '../../core/context.js';
import { isStorageError } from '../../core/errors.js';
import { reapGarbage } from '../../core/maintenance/reap-garbage.js';
import type { Bucket, UploadRecord } from '../../core/types.js';
import { abortUpload } from '../../core/uploads/abort-upload.js';
import { listUploads } from '../../core/uploads/list-uploads.js';

/** Uploads read per batch, and aborted at once within it (their commits share the write batcher's fsyncs). */
const BATCH = 200;
const IN_FLIGHT = 25;
const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_JOBS = 200;

export interface AbortJob {
  readonly id: string;
  /** The access key that started it: only its sessions may follow it. */
  readonly owner: string;
  readonly bucket: string;
  readonly prefix: string;
  state: 'running' | 'done' | 'failed' | 'stopped';
  /** Incomplete uploads under the prefix when the job started. */
  readonly total: number;
  aborted: number;
  parts: number;
  bytes: number;
  /** Uploads the principal may not abort, left in place. */
  denied: number;
  /** Uploads that were finished by someone else meanwhile. */
  gone: number;
  readonly startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

/**
 * Delete All, done on the server: a job walks the bucket's incomplete uploads in key order, in batches,
 * aborting each that the principal may abort, and counts as it goes so that the page can show progress.
 */
export class AbortJobs {
  private readonly jobs = new Map<string, AbortJob>();
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(private readonly ctx: CoreContext) {}

  start(input: {
    owner: string;
    bucket: Bucket;
    prefix: string;
    total: number;
    mayAbort: (upload: UploadRecord) => Promise<boolean>;
  }): AbortJob {
    this.forgetOld();
    const job: AbortJob = {
      id: randomBytes(12).toString('base64url'),
      owner: input.owner,
      bucket: input.bucket.name,
      prefix: input.prefix,
      state: 'running',
      total: input.total,
      aborted: 0,
      parts: 0,
      bytes: 0,
      denied: 0,
      gone: 0,
      startedAt: this.ctx.clock(),
      finishedAt: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    const run = this.run(job, input.bucket, input.mayAbort)
      .catch((e: unknown) => {
        job.state = 'failed';
        job.error = String(e);
        this.ctx.log.error('console delete-all failed', { job: job.id, bucket: job.bucket, error: String(e) });
      })
      .finally(() => {
        job.finishedAt = this.ctx.clock();
        this.running.delete(run);
      });
    this.running.add(run);
    return job;
  }

  get(id: string): AbortJob | undefined {
    return this.jobs.get(id);
  }

  /** Lets running jobs stop between two batches (server shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running]);
  }

  private async run(job: AbortJob, bucket: Bucket, mayAbort: (u: UploadRecord) => Promise<boolean>): Promise<void> {
    let marker: { keyMarker: string; uploadIdMarker: string } | undefined;
    for (;;) {
      if (this.stopping) {
        job.state = 'stopped';
        return;
      }
      const page = await listUploads(this.ctx, { bucket, prefix: job.prefix, ...marker, maxUploads: BATCH });
      for (let i = 0; i < page.uploads.length; i += IN_FLIGHT) {
        await Promise.all(page.uploads.slice(i, i + IN_FLIGHT).map((u) => this.abortOne(job, bucket, u, mayAbort)));
      }
      await reapGarbage(this.ctx);
      const last = page.uploads.at(-1);
      if (!page.isTruncated || last === undefined) break;
      marker = { keyMarker: last.key, uploadIdMarker: last.id };
    }
    job.state = 'done';
  }

  private async abortOne(job: AbortJob, bucket: Bucket, u: UploadRecord, mayAbort: (u: UploadRecord) => Promise<boolean>): Promise<void> {
    if (!(await mayAbort(u))) {
      job.denied++;
      return;
    }
    try {
      await abortUpload(this.ctx, bucket, u.key, u.id);
      job.aborted++;
      job.parts += u.partCount;
      job.bytes += u.bytes;
    } catch (error) {
      if (!isStorageError(error, 'NoSuchUpload')) throw error;
      job.gone++;
    }
  }

  private forgetOld(): void {
    const now = this.ctx.clock();
    for (const [id, job] of this.jobs) {
      if (job.finishedAt !== null && (now - job.finishedAt > KEEP_FINISHED_MS || this.jobs.size > MAX_JOBS)) this.jobs.delete(id);
    }
  }
}
