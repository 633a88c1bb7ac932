import type Database from 'better-sqlite3';
import type {
  InventoryFilter,
  JobCompletion,
  JobListQuery,
  JobOutput,
  JobRecord,
  JobStore,
  NewJob,
  RetrievedObject,
} from '../../core/ports/job-store.js';
import type { Digests, Segment } from '../../core/types.js';
import type { Bookkeeping } from './bookkeeping.js';
import type { WriteBatcher } from './write-batcher.js';

/**
 * Retrieval jobs live in the metadata database, so that they survive a restart and so that their output
 * can hold references on blobs in the same transactions as objects and parts do.
 */
export const jobSchema = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  bucket_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  completes_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  status_message TEXT,
  completed_at INTEGER,
  expires_at INTEGER,
  object TEXT,
  inventory TEXT,
  output_size INTEGER,
  output_digests TEXT NOT NULL DEFAULT '{}',
  leaves BLOB,
  extra TEXT NOT NULL,
  result TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS jobs_by_bucket ON jobs(bucket_id, created_at, id);
CREATE INDEX IF NOT EXISTS jobs_due ON jobs(completes_at, id) WHERE status = 'in-progress';
CREATE INDEX IF NOT EXISTS jobs_expiring ON jobs(expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS job_segments (
  job_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  blob_offset INTEGER NOT NULL,
  length INTEGER NOT NULL,
  PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;
`;

interface JobRow {
  id: string;
  bucket_id: number;
  kind: string;
  created_at: number;
  completes_at: number;
  status: string;
  status_message: string | null;
  completed_at: number | null;
  expires_at: number | null;
  object: string | null;
  inventory: string | null;
  output_size: number | null;
  output_digests: string;
  leaves: Buffer | null;
  extra: string;
  result: string;
}

/** Columns without the leaves, which only GetJobOutput needs. */
const COLUMNS = `id, bucket_id, kind, created_at, completes_at, status, status_message, completed_at, expires_at, object,
  inventory, output_size, output_digests, extra, result`;

export class SqliteJobStore implements JobStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly writes: WriteBatcher,
    private readonly book: Bookkeeping,
  ) {
    db.exec(jobSchema);
  }

  private st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  createJob(job: NewJob): Promise<JobRecord> {
    return this.writes.run(() => {
      this.book.bucket(job.bucketId);
      this.st(
        `INSERT INTO jobs (id, bucket_id, kind, created_at, completes_at, status, object, inventory, extra)
         VALUES (?, ?, ?, ?, ?, 'in-progress', ?, ?, ?)`,
      ).run(
        job.id,
        job.bucketId,
        job.kind,
        job.createdAt,
        job.completesAt,
        job.object === null ? null : JSON.stringify(job.object),
        job.inventory === null ? null : JSON.stringify(job.inventory),
        JSON.stringify(job.extra),
      );
      return this.jobById(job.id)!;
    });
  }

  async getJob(jobId: string): Promise<JobRecord | undefined> {
    return this.jobById(jobId);
  }

  private jobById(jobId: string): JobRecord | undefined {
    const row = this.st(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`).get(jobId) as JobRow | undefined;
    return row && toJob(row);
  }

  async listJobs(bucketId: number, query: JobListQuery): Promise<JobRecord[]> {
    let sql = `SELECT ${COLUMNS} FROM jobs WHERE bucket_id = ? AND (expires_at IS NULL OR expires_at > ?)`;
    const params: unknown[] = [bucketId, query.liveAt];
    if (query.after !== undefined) {
      sql += ' AND (created_at, id) > (?, ?)';
      params.push(query.after.createdAt, query.after.id);
    }
    if (query.status !== undefined) {
      sql += ' AND status = ?';
      params.push(query.status);
    }
    if (query.completed !== undefined) sql += query.completed ? " AND status <> 'in-progress'" : " AND status = 'in-progress'";
    sql += ' ORDER BY created_at, id LIMIT ?';
    params.push(query.limit);
    return (this.st(sql).all(...params) as JobRow[]).map(toJob);
  }

  async listDueJobs(now: number, limit: number): Promise<JobRecord[]> {
    const rows = this.st(
      `SELECT ${COLUMNS} FROM jobs WHERE status = 'in-progress' AND completes_at <= ? ORDER BY completes_at, id LIMIT ?`,
    ).all(now, limit) as JobRow[];
    return rows.map(toJob);
  }

  finishJob(jobId: string, completion: JobCompletion, completedAt: number, expiresAt: number): Promise<JobRecord | undefined> {
    return this.writes.run(() => {
      const current = this.jobById(jobId);
      if (current?.status !== 'in-progress') return current;
      if (completion.status === 'succeeded') {
        this.book.insertBlobs(completion.newBlobs, completedAt);
        const insert = this.st('INSERT INTO job_segments (job_id, seq, blob_id, blob_offset, length) VALUES (?, ?, ?, ?, ?)');
        completion.segments.forEach((seg, seq) => {
          this.book.referenceBlob(seg.blobId);
          insert.run(jobId, seq, seg.blobId, seg.blobOffset, seg.length);
        });
      }
      const succeeded = completion.status === 'succeeded';
      this.st(
        `UPDATE jobs SET status = ?, status_message = ?, completed_at = ?, expires_at = ?, output_size = ?,
           output_digests = ?, leaves = ?, result = ? WHERE id = ?`,
      ).run(
        completion.status,
        completion.statusMessage,
        completedAt,
        expiresAt,
        succeeded ? completion.outputSize : null,
        JSON.stringify(succeeded ? completion.outputDigests : {}),
        succeeded ? completion.leaves : null,
        JSON.stringify(completion.result),
        jobId,
      );
      return this.jobById(jobId);
    });
  }

  async getJobOutput(jobId: string): Promise<JobOutput | undefined> {
    const row = this.st("SELECT leaves FROM jobs WHERE id = ? AND status = 'succeeded'").get(jobId) as
      { leaves: Buffer | null } | undefined;
    if (row === undefined) return undefined;
    const segments = this.st('SELECT blob_id, blob_offset, length FROM job_segments WHERE job_id = ? ORDER BY seq').all(jobId) as {
      blob_id: string;
      blob_offset: number;
      length: number;
    }[];
    return {
      segments: segments.map((s): Segment => ({ blobId: s.blob_id, blobOffset: s.blob_offset, length: s.length })),
      leaves: row.leaves,
    };
  }

  async purgeJobs(expiredBy: number, limit: number): Promise<number> {
    // Called on a timer: when nothing has expired, do not open a write transaction (and fsync) at all.
    if (this.st('SELECT 1 FROM jobs INDEXED BY jobs_expiring WHERE expires_at <= ? LIMIT 1').get(expiredBy) === undefined) return 0;
    return this.writes.run(() => {
      const ids = this.st('SELECT id FROM jobs INDEXED BY jobs_expiring WHERE expires_at <= ? LIMIT ?')
        .pluck()
        .all(expiredBy, limit) as string[];
      for (const id of ids) this.deleteJob(id, expiredBy);
      return ids.length;
    });
  }

  deleteBucketJobs(bucketId: number, now: number): Promise<number> {
    return this.writes.run(() => {
      const ids = this.st('SELECT id FROM jobs WHERE bucket_id = ?').pluck().all(bucketId) as string[];
      for (const id of ids) this.deleteJob(id, now);
      return ids.length;
    });
  }

  private deleteJob(jobId: string, now: number): void {
    const blobIds = this.st('SELECT blob_id FROM job_segments WHERE job_id = ?').pluck().all(jobId) as string[];
    this.st('DELETE FROM job_segments WHERE job_id = ?').run(jobId);
    this.st('DELETE FROM jobs WHERE id = ?').run(jobId);
    for (const blobId of blobIds) this.book.releaseBlob(blobId, now);
  }
}

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    bucketId: row.bucket_id,
    kind: row.kind as JobRecord['kind'],
    createdAt: row.created_at,
    completesAt: row.completes_at,
    status: row.status as JobRecord['status'],
    statusMessage: row.status_message,
    completedAt: row.completed_at,
    expiresAt: row.expires_at,
    object: row.object === null ? null : (JSON.parse(row.object) as RetrievedObject),
    inventory: row.inventory === null ? null : (JSON.parse(row.inventory) as InventoryFilter),
    outputSize: row.output_size,
    outputDigests: JSON.parse(row.output_digests) as Digests,
    extra: JSON.parse(row.extra) as Record<string, unknown>,
    result: JSON.parse(row.result) as Record<string, unknown>,
  };
}
