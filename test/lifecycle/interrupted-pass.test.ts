import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  PutBucketLifecycleConfigurationCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { SqliteMetadataStore } from '../../src/storage/sqlite/sqlite-metadata-store.js';
import { startCairnProcess } from '../support/cairn-process.js';
import { admin, blobBytesOnDisk, DAY, s3Client, waitFor, type PassJson } from './helpers.js';

const BUCKET = 'crashing';
const UPLOADS = 12;
const PART = 10_000;

describe('a lifecycle pass whose server is killed mid-batch', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-lifecycle-crash-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resumes at the next start and counts every upload exactly once', async () => {
    // Batches of 6 with a pause after each action; the kill comes once 2 or 3 of a batch are done, so
    // that at least 2 of its recorded actions are still to be taken.
    const first = await startCairnProcess({
      dataDir,
      args: ['--lifecycle-batch-size', '6', '--lifecycle-throttle', '150ms', '--inline-max-size', '0'],
    });
    const s3 = s3Client(first);
    let passId: number;
    let killedAt: number;
    try {
      await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: BUCKET,
          LifecycleConfiguration: {
            Rules: [
              { ID: 'tmp', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
            ],
          },
        }),
      );
      for (let i = 0; i < UPLOADS + 2; i++) {
        const Key = i < UPLOADS ? `tmp/${i}` : `keep/${i}`;
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
        await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: randomBytes(PART) }));
      }
      const at = new Date(Date.now() + 2 * DAY).toISOString();
      admin(first, 'POST', 'lifecycle/run', {}, { at }).catch(() => undefined);
      const running = await waitFor('the pass to be under way', async () => {
        const { passes } = (await admin(first, 'GET', 'lifecycle/passes')) as { passes: PassJson[] };
        const p = passes.find((x) => x.reason === 'manual');
        const inBatch = (p?.totals.uploadsAborted ?? 0) % 6;
        return p !== undefined && inBatch >= 2 && inBatch <= 3 ? p : undefined;
      });
      passId = running.id;
      await first.kill();
      killedAt = Date.now();
    } finally {
      s3.destroy();
      await first.stop();
    }

    // What the crash left: a pass still running, actions recorded but never settled, uploads still active.
    const meta = new SqliteMetadataStore({ path: path.join(dataDir, 'metadata.db') });
    try {
      const pass = await meta.lifecycle.getPass(passId);
      assert.equal(pass?.state, 'running');
      assert.ok((await meta.lifecycle.pendingActions(passId)).length > 0, 'killed inside a batch');
      const done = (await meta.lifecycle.passTotals(passId))[0]?.uploadsAborted ?? 0;
      assert.ok(done >= 2 && done < UPLOADS, `killed after ${done} of ${UPLOADS}`);
    } finally {
      await meta.close();
    }

    const second = await startCairnProcess({ dataDir, args: ['--inline-max-size', '0'] });
    const s3b = s3Client(second);
    try {
      const resumed = await waitFor('the pass to finish', async () => {
        const { pass } = (await admin(second, 'GET', `lifecycle/passes/${passId}`)) as { pass: PassJson };
        return pass.state === 'completed' ? pass : undefined;
      });
      assert.equal(resumed.resumed, 1);
      assert.deepEqual(
        resumed.rules.map((r) => [r.ruleId, r.uploadsAborted, r.partsFreed, r.bytesFreed]),
        [['tmp', UPLOADS, UPLOADS, UPLOADS * PART]],
      );
      const detail = (await admin(second, 'GET', `lifecycle/passes/${passId}`)) as {
        actions: { key: string; state: string; settledAt: string }[];
      };
      assert.equal(detail.actions.length, UPLOADS);
      assert.equal(new Set(detail.actions.map((a) => a.key)).size, UPLOADS);
      assert.ok(detail.actions.every((a) => a.state === 'done'));
      assert.ok(
        detail.actions.some((a) => Date.parse(a.settledAt) < killedAt) && detail.actions.some((a) => Date.parse(a.settledAt) > killedAt),
      );
      const left = (await s3b.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? [];
      assert.deepEqual(left.map((u) => u.Key).sort(), [`keep/${UPLOADS}`, `keep/${UPLOADS + 1}`]);
      assert.equal(blobBytesOnDisk(second), 2 * PART);
      const usage = (await admin(second, 'GET', 'usage', { bucket: BUCKET })) as { rows: { kind: string; bytes: number; count: number }[] };
      assert.deepEqual(
        usage.rows.filter((r) => r.kind === 'part').map((r) => [r.bytes, r.count]),
        [[2 * PART, 2]],
      );
    } finally {
      s3b.destroy();
      await second.stop();
    }
  });
});
