import { randomBytes } from 'node:crypto';
import { StorageError } from '../errors.js';
import type { JobRecord, JobStore } from '../ports/job-store.js';
import type { ObjectRecord } from '../types.js';

/**
 * Turns the objects an inventory lists into its output bytes (the dialect's format: Glacier JSON or CSV).
 * `takenAt` is the time of the snapshot.
 */
export type InventoryRenderer = (job: JobRecord, objects: AsyncIterable<ObjectRecord>, takenAt: number) => AsyncIterable<Uint8Array>;

/** What the job functions work with besides the CoreContext: the store and the dialect's choices. */
export interface Jobs {
  readonly store: JobStore;
  /** How long a finished job and its output are kept. */
  readonly retentionMs: number;
  readonly renderInventory: InventoryRenderer;
}

const JOB_ID = /^[A-Za-z0-9_-]{92}$/;

/** Job ids: 69 random bytes in base64url, 92 characters like AWS's. */
export function newJobId(): string {
  return randomBytes(69).toString('base64url');
}

export function isValidJobId(id: string): boolean {
  return JOB_ID.test(id);
}

export function noSuchJob(jobId: string): StorageError {
  return new StorageError('NoSuchJob', 'The job does not exist or has expired.', { JobId: jobId });
}
