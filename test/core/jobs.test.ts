import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createBucket } from '../../src/core/buckets/create-bucket.js';
import { isStorageError } from '../../src/core/errors.js';
import { completeDueJobs } from '../../src/core/jobs/complete-job.js';
import { findJob } from '../../src/core/jobs/find-job.js';
import { forgetBucketJobs } from '../../src/core/jobs/forget-bucket-jobs.js';
import { initiateJob } from '../../src/core/jobs/initiate-job.js';
import type { InventoryRenderer, Jobs } from '../../src/core/jobs/jobs.js';
import { listJobs } from '../../src/core/jobs/list-jobs.js';
import { purgeExpiredJobs } from '../../src/core/jobs/purge-jobs.js';
import { readJobOutput } from '../../src/core/jobs/read-job-output.js';
import { recover } from '../../src/core/maintenance/recover.js';
import { deleteObject } from '../../src/core/objects/delete-object.js';
import { putObject } from '../../src/core/objects/put-object.js';
import type { Bucket } from '../../src/core/types.js';
import { SqliteMetadataStore } from '../../src/storage/sqlite/sqlite-metadata-store.js';
import { bodyOf, collect, coreFixture, rootPrincipal, type CoreFixture } from '../support/core-fixture.js';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;

/** One key per line: enough to see which objects an inventory listed. */
const keysOnly: InventoryRenderer = async function* (_job, objects) {
  for await (const o of objects) yield Buffer.from(`${o.key}\n`);
};

function jobsOf(f: CoreFixture): Jobs {
  return { store: (f.ctx.meta as SqliteMetadataStore).jobs(), retentionMs: 24 * HOUR, renderInventory: keysOnly };
}

async function vault(f: CoreFixture): Promise<Bucket> {
  return createBucket(f.ctx, {
    principal: rootPrincipal,
    namespace: 'glacier',
    name: 'v',
    region: 'us-east-1',
    storageClass: 'archive',
    skipNameRules: true,
  });
}

function data(length: number, seed: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 13 + seed) % 256;
  return b;
}

describe('retrieval jobs in the core', () => {
  it('completes a retrieval after its delay, with the tree hash of the range, and serves its bytes', async () => {
    const f = await coreFixture();
    try {
      const jobs = jobsOf(f);
      const bucket = await vault(f);
      const bytes = data(3 * MiB + 10, 1);
      await putObject(f.ctx, { bucket, key: 'a', body: bodyOf(bytes), attributes: { userMetadata: {} }, extraDigests: ['sha256-tree'] });
      const job = await initiateJob(f.ctx, jobs, {
        bucket,
        delayMs: 60_000,
        retrieval: { key: 'a', range: { start: MiB, end: 2 * MiB - 1 } },
        extra: {},
      });
      assert.equal((await findJob(f.ctx, jobs, bucket, job.id)).status, 'in-progress');
      await assert.rejects(readJobOutput(f.ctx, jobs, { bucket, jobId: job.id }), (e: unknown) => isStorageError(e, 'InvalidRequest'));
      f.advance(60_000);
      const done = await findJob(f.ctx, jobs, bucket, job.id);
      assert.equal(done.status, 'succeeded');
      assert.equal(done.outputSize, MiB);
      assert.equal(
        done.outputDigests['sha256-tree'],
        createHash('sha256')
          .update(bytes.subarray(MiB, 2 * MiB))
          .digest('hex'),
      );
      const out = await readJobOutput(f.ctx, jobs, { bucket, jobId: job.id });
      assert.ok((await collect(out.body())).equals(bytes.subarray(MiB, 2 * MiB)));
      assert.equal(out.leaves?.length, 32);
    } finally {
      await f.close();
    }
  });

  it('keeps the output of a completed job after the object is deleted, and frees it when the job expires', async () => {
    const f = await coreFixture();
    try {
      const jobs = jobsOf(f);
      const bucket = await vault(f);
      const bytes = data(100_000, 2);
      await putObject(f.ctx, { bucket, key: 'a', body: bodyOf(bytes), attributes: { userMetadata: {} }, extraDigests: ['sha256-tree'] });
      const job = await initiateJob(f.ctx, jobs, { bucket, delayMs: 0, retrieval: { key: 'a' }, extra: {} });
      assert.equal(await completeDueJobs(f.ctx, jobs), 1);
      await deleteObject(f.ctx, bucket, 'a');
      assert.equal(await f.ctx.blobs.totalBytes(), bytes.length, 'the job still references the blob');
      assert.equal(await f.ctx.meta.referencedBlobBytes(), bytes.length);
      const out = await readJobOutput(f.ctx, jobs, {
        bucket,
        jobId: job.id,
        range: { request: { kind: 'from', first: 10, last: 19 }, asked: 'bytes=10-19' },
      });
      assert.ok((await collect(out.body())).equals(bytes.subarray(10, 20)));

      f.advance(24 * HOUR - 1);
      assert.equal(await purgeExpiredJobs(f.ctx, jobs), 0, 'kept for the whole retention period');
      f.advance(2);
      assert.equal(await purgeExpiredJobs(f.ctx, jobs), 1);
      assert.equal(await f.ctx.blobs.totalBytes(), 0, 'every byte freed');
      await assert.rejects(findJob(f.ctx, jobs, bucket, job.id), (e: unknown) => isStorageError(e, 'NoSuchJob'));
    } finally {
      await f.close();
    }
  });

  it('fails a retrieval whose object was deleted before the job completed', async () => {
    const f = await coreFixture();
    try {
      const jobs = jobsOf(f);
      const bucket = await vault(f);
      await putObject(f.ctx, { bucket, key: 'a', body: bodyOf(data(1000, 3)), attributes: { userMetadata: {} } });
      const job = await initiateJob(f.ctx, jobs, { bucket, delayMs: 10, retrieval: { key: 'a' }, extra: {} });
      await deleteObject(f.ctx, bucket, 'a');
      f.advance(10);
      const done = await findJob(f.ctx, jobs, bucket, job.id);
      assert.equal(done.status, 'failed');
      assert.equal(done.statusMessage, 'The archive was deleted before the job completed.');
      assert.equal(await f.ctx.blobs.totalBytes(), 0);
    } finally {
      await f.close();
    }
  });

  it('lists an inventory page by page with a limit and a continuation marker, filtered by creation date', async () => {
    const f = await coreFixture();
    try {
      const jobs = jobsOf(f);
      const bucket = await vault(f);
      const start = f.ctx.clock();
      for (const key of ['a', 'b', 'c', 'd', 'e']) {
        await putObject(f.ctx, { bucket, key, body: bodyOf(key), attributes: { userMetadata: {} } });
        f.advance(1000);
      }
      const text = async (id: string) => (await collect((await readJobOutput(f.ctx, jobs, { bucket, jobId: id })).body())).toString();
      const first = await initiateJob(f.ctx, jobs, { bucket, delayMs: 0, inventory: { limit: 2 }, extra: {} });
      await completeDueJobs(f.ctx, jobs);
      assert.equal(await text(first.id), 'a\nb\n');
      const marker = (await findJob(f.ctx, jobs, bucket, first.id)).result.nextMarker as string;
      assert.equal(marker, 'b');
      f.advance(1);
      const second = await initiateJob(f.ctx, jobs, { bucket, delayMs: 0, inventory: { limit: 2, after: marker }, extra: {} });
      await completeDueJobs(f.ctx, jobs);
      assert.equal(await text(second.id), 'c\nd\n');
      f.advance(1);
      const dated = await initiateJob(f.ctx, jobs, {
        bucket,
        delayMs: 0,
        inventory: { createdFrom: start + 1000, createdBefore: start + 3000 },
        extra: {},
      });
      await completeDueJobs(f.ctx, jobs);
      assert.equal(await text(dated.id), 'b\nc\n');
      assert.equal((await findJob(f.ctx, jobs, bucket, dated.id)).result.nextMarker, undefined, 'no marker once everything is listed');

      const page = await listJobs(f.ctx, jobs, { bucket, limit: 2 });
      assert.deepEqual(
        page.jobs.map((j) => j.id),
        [first.id, second.id],
      );
      assert.equal(page.isTruncated, true);
      const rest = await listJobs(f.ctx, jobs, { bucket, limit: 2, afterJobId: second.id });
      assert.deepEqual(
        rest.jobs.map((j) => j.id),
        [dated.id],
      );
      assert.equal((await listJobs(f.ctx, jobs, { bucket, limit: 10, completed: false })).jobs.length, 0);

      await forgetBucketJobs(f.ctx, jobs, bucket);
      assert.equal((await listJobs(f.ctx, jobs, { bucket, limit: 10 })).jobs.length, 0);
    } finally {
      await f.close();
    }
  });

  it('keeps jobs and their outputs in the metadata database across a restart', async () => {
    const f = await coreFixture();
    try {
      const jobs = jobsOf(f);
      const bucket = await vault(f);
      const bytes = data(5000, 4);
      await putObject(f.ctx, { bucket, key: 'a', body: bodyOf(bytes), attributes: { userMetadata: {} } });
      const pending = await initiateJob(f.ctx, jobs, { bucket, delayMs: HOUR, retrieval: { key: 'a' }, extra: { tier: 'Bulk' } });
      const done = await initiateJob(f.ctx, jobs, { bucket, delayMs: 0, retrieval: { key: 'a' }, extra: {} });
      await completeDueJobs(f.ctx, jobs);
      await deleteObject(f.ctx, bucket, 'a');

      const reopened = new SqliteMetadataStore({ path: path.join(f.dir, 'metadata.db') });
      try {
        const ctx = { ...f.ctx, meta: reopened };
        const again: Jobs = { ...jobs, store: reopened.jobs() };
        assert.deepEqual((await findJob(ctx, again, bucket, pending.id)).extra, { tier: 'Bulk' });
        assert.equal((await findJob(ctx, again, bucket, pending.id)).status, 'in-progress');
        // Start-up recovery knows the blob only the job references, and leaves it alone.
        assert.deepEqual(await recover(ctx), { temporaryFiles: 0, orphanBlobs: 0, garbageBlobs: 0 });
        const out = await readJobOutput(ctx, again, { bucket, jobId: done.id });
        assert.ok((await collect(out.body())).equals(bytes));
      } finally {
        await reopened.close();
      }
    } finally {
      await f.close();
    }
  });
});
