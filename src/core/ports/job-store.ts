import type { Digests, Segment } from '../types.js';
import type { NewBlob } from './metadata-store.js';

/**
 * Retrieval jobs: asynchronous preparations of an object's bytes (or a range of them) or of a bucket's
 * inventory, which complete after a delay and keep their output for a retention period (Glacier's
 * InitiateJob / DescribeJob / GetJobOutput). Protocol-neutral: what a job's parameters mean on the wire
 * stays in `extra`, owned by the dialect.
 */
export type JobKind = 'object-retrieval' | 'inventory';
export type JobStatus = 'in-progress' | 'succeeded' | 'failed';

export interface JobRecord {
  readonly id: string;
  readonly bucketId: number;
  readonly kind: JobKind;
  readonly createdAt: number;
  /** When the job is due to complete. */
  readonly completesAt: number;
  readonly status: JobStatus;
  readonly statusMessage: string | null;
  readonly completedAt: number | null;
  /** When the job and its output are forgotten (set at completion). */
  readonly expiresAt: number | null;
  /** Object retrievals: the object as it was when the job started. */
  readonly object: RetrievedObject | null;
  /** Inventories: which objects to list. */
  readonly inventory: InventoryFilter | null;
  /** Size of the output once the job succeeded. */
  readonly outputSize: number | null;
  /** Digests of the output once the job succeeded (object retrievals: its tree hash when known). */
  readonly outputDigests: Digests;
  /** The dialect's own parameters (tier, description, format, filters...). Plain JSON. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** Facts learnt at completion (an inventory's continuation marker...). Plain JSON. */
  readonly result: Readonly<Record<string, unknown>>;
}

export interface RetrievedObject {
  readonly objectId: number;
  readonly key: string;
  readonly size: number;
  readonly digests: Digests;
  /** Inclusive byte range of the object the job retrieves. */
  readonly start: number;
  readonly end: number;
}

/** An inventory lists the objects created in [createdFrom, createdBefore), after `after` in key order, at most `limit`. */
export interface InventoryFilter {
  readonly createdFrom?: number;
  readonly createdBefore?: number;
  readonly after?: string;
  readonly limit?: number;
}

export interface NewJob {
  readonly id: string;
  readonly bucketId: number;
  readonly kind: JobKind;
  readonly createdAt: number;
  readonly completesAt: number;
  readonly object: RetrievedObject | null;
  readonly inventory: InventoryFilter | null;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** How a job ends. A succeeded job holds references on the blobs of its output until it is purged. */
export type JobCompletion =
  | {
      readonly status: 'succeeded';
      readonly statusMessage: string;
      readonly segments: readonly Segment[];
      /** Blobs written for this output (an inventory); they start with the job's reference. */
      readonly newBlobs: readonly NewBlob[];
      readonly outputSize: number;
      readonly outputDigests: Digests;
      /** SHA-256 of every 1 MiB of the output, concatenated (object retrievals). */
      readonly leaves: Buffer | null;
      readonly result: Readonly<Record<string, unknown>>;
    }
  | { readonly status: 'failed'; readonly statusMessage: string; readonly result: Readonly<Record<string, unknown>> };

export interface JobOutput {
  readonly segments: readonly Segment[];
  readonly leaves: Buffer | null;
}

export interface JobListQuery {
  /** Resume after this job, in (createdAt, id) order. */
  readonly after?: { readonly createdAt: number; readonly id: string };
  readonly status?: JobStatus;
  /** true: succeeded or failed; false: in progress. */
  readonly completed?: boolean;
  /** Jobs that expired before this time are left out. */
  readonly liveAt: number;
  readonly limit: number;
}

/** The job port. Each mutating method is one transaction; blob references follow the metadata rules. */
export interface JobStore {
  createJob(job: NewJob): Promise<JobRecord>;
  getJob(jobId: string): Promise<JobRecord | undefined>;
  /** Jobs of a bucket in (createdAt, id) order. */
  listJobs(bucketId: number, query: JobListQuery): Promise<JobRecord[]>;
  /** In-progress jobs due at `now`, oldest first. */
  listDueJobs(now: number, limit: number): Promise<JobRecord[]>;
  /**
   * Ends an in-progress job, taking a reference on every output blob. Returns the job as it stands;
   * a job that already ended is returned unchanged. Throws NoSuchKey when an output segment names a
   * blob that is no longer live (the object was deleted while the job was preparing).
   */
  finishJob(jobId: string, completion: JobCompletion, completedAt: number, expiresAt: number): Promise<JobRecord | undefined>;
  /** The output of a succeeded job. */
  getJobOutput(jobId: string): Promise<JobOutput | undefined>;
  /** Forgets up to `limit` jobs whose expiry is at or before `expiredBy`, releasing their blobs. Returns how many. */
  purgeJobs(expiredBy: number, limit: number): Promise<number>;
  /** Forgets every job of a bucket (the bucket is being deleted), releasing their blobs. */
  deleteBucketJobs(bucketId: number, now: number): Promise<number>;
}
