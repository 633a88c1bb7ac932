import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutBucketLifecycleConfigurationCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { admin, blobBytesOnDisk, cairn, cairnJson, DAY, noTotals, s3Client, type PassJson } from './helpers.js';

const BUCKET = 'time-travel';
const KiB = 1024;

describe('lifecycle time travel through the CLI and the admin API', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
  });
  after(async () => {
    s3.destroy();
    await server.dispose();
  });

  it('aborts exactly the matching upload once its rule is due, frees its bytes and records the pass', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: BUCKET,
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'logs-after-2-days',
              Status: 'Enabled',
              Filter: { Prefix: 'logs/' },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 },
            },
          ],
        },
      }),
    );
    const t0 = Date.now();
    const start = async (key: string, partSizes: number[]) => {
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }));
      const etags = [];
      for (const [i, size] of partSizes.entries()) {
        const part = await s3.send(
          new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: created.UploadId, PartNumber: i + 1, Body: randomBytes(size) }),
        );
        etags.push(part.ETag!);
      }
      return { created, etags };
    };
    const logs = await start('logs/app.log', [64 * KiB, 64 * KiB]);
    const data = await start('data/table.bin', [32 * KiB]);
    const tmp = await start('tmp/scratch', [16 * KiB]);
    const done = await start('logs/finished.log', [8 * KiB]);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'logs/finished.log',
        UploadId: done.created.UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: done.etags[0]! }] },
      }),
    );

    // The upload the rule selects is told when it will be aborted, and by which rule; the others are not.
    const initiated = (await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: 'logs/app.log' }))).Uploads?.[0]?.Initiated;
    assert.ok(initiated !== undefined);
    assert.equal(logs.created.AbortRuleId, 'logs-after-2-days');
    assert.equal(logs.created.AbortDate?.getTime(), Math.ceil(initiated.getTime() / DAY) * DAY + 2 * DAY);
    assert.equal(data.created.AbortDate, undefined);
    const listed = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'logs/app.log', UploadId: logs.created.UploadId }));
    assert.deepEqual([listed.AbortDate, listed.AbortRuleId], [logs.created.AbortDate, 'logs-after-2-days']);
    const diskBefore = blobBytesOnDisk(server);

    // Day 1: nothing is due.
    const day1 = await cairnJson<{ dryRun: false; pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + DAY).toISOString()]);
    assert.equal(day1.pass.state, 'completed');
    assert.deepEqual(day1.pass.totals, noTotals);
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads?.length, 3);

    // A dry run at day 3 tells what will go, and changes nothing.
    const preview = await cairn(server, ['lifecycle', 'run', '--dry-run', '--at', new Date(t0 + 3 * DAY).toISOString()]);
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /would abort 1 upload\(s\) \(2 part\(s\), 128\.0 KiB\)/);
    assert.match(preview.stdout, /abort-upload\s+time-travel\s+logs\/app\.log\s+logs-after-2-days/);
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads?.length, 3);

    // Day 3: exactly the matching upload is aborted and its bytes leave the disk.
    const day3 = await cairn(server, ['lifecycle', 'run', '--at', new Date(t0 + 3 * DAY).toISOString()]);
    assert.equal(day3.code, 0, day3.stderr);
    assert.match(day3.stdout, /aborted 1 upload\(s\) \(2 part\(s\), 128\.0 KiB\)/);
    assert.equal(blobBytesOnDisk(server), diskBefore - 128 * KiB);
    const left = (await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads ?? [];
    assert.deepEqual(left.map((u) => u.UploadId).sort(), [data.created.UploadId, tmp.created.UploadId].sort());
    await assert.rejects(s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: 'logs/app.log', UploadId: logs.created.UploadId })), {
      name: 'NoSuchUpload',
    });
    const finished = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'logs/finished.log' }));
    assert.equal((await finished.Body!.transformToByteArray()).length, 8 * KiB);

    // The pass record shows it, per rule, with the action itself.
    const passes = await cairnJson<PassJson[]>(server, ['lifecycle', 'passes']);
    const pass = passes[0]!;
    assert.equal(pass.reason, 'manual');
    assert.equal(pass.evaluatedAt, new Date(t0 + 3 * DAY).toISOString());
    assert.deepEqual(pass.rules, [
      {
        bucket: BUCKET,
        ruleId: 'logs-after-2-days',
        uploadsAborted: 1,
        partsFreed: 2,
        bytesFreed: 128 * KiB,
        objectsExpired: 0,
        bytesExpired: 0,
        objectsTransitioned: 0,
        bytesTransitioned: 0,
        versionsExpired: 0,
        versionBytesExpired: 0,
        versionsTransitioned: 0,
        versionBytesTransitioned: 0,
        deleteMarkersExpired: 0,
      },
    ]);
    assert.deepEqual(passes[1]?.totals, noTotals);
    const detail = (await admin(server, 'GET', `lifecycle/passes/${pass.id}`)) as {
      actions: { kind: string; key: string; uploadId: string; parts: number; bytes: number; state: string }[];
    };
    assert.deepEqual(
      detail.actions.map((a) => [a.kind, a.key, a.uploadId, a.parts, a.bytes, a.state]),
      [['abort-upload', 'logs/app.log', logs.created.UploadId, 2, 128 * KiB, 'done']],
    );
    const table = await cairn(server, ['lifecycle', 'passes']);
    assert.match(table.stdout, new RegExp(`^\\s*${pass.id}\\s+manual\\s+completed\\s+${pass.evaluatedAt}.*\\s1\\s+2\\s+128\\.0 KiB`, 'm'));

    // A later pass finds nothing more: the others are not selected.
    const day30 = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + 30 * DAY).toISOString()]);
    assert.deepEqual(day30.pass.totals, noTotals);
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }))).Uploads?.length, 2);
  });

  it('shows what incomplete uploads hold and cost in the usage report', async () => {
    const usage = await cairn(server, ['usage', '--bucket', BUCKET]);
    assert.equal(usage.code, 0, usage.stderr);
    assert.match(
      usage.stdout,
      /time-travel: incomplete uploads: 2 upload\(s\), 0\.000 GB in 2 part\(s\), cost so far \S+ USD, oldest \d{4}-/,
    );
    assert.match(usage.stdout, /^time-travel\s+standard\s+parts\s+2\s+48\.0 KiB/m);
    const json = await cairnJson<{
      rows: { kind: string; bytes: number; count: number }[];
      incompleteUploads: { uploads: number; bytes: number }[];
    }>(server, ['usage', '--bucket', BUCKET]);
    assert.deepEqual(
      json.incompleteUploads.map((u) => [u.uploads, u.bytes]),
      [[2, 48 * KiB]],
    );
    assert.deepEqual(
      json.rows.filter((r) => r.kind === 'object').map((r) => [r.bytes, r.count]),
      [[8 * KiB, 1]],
    );
  });

  it('refuses the lifecycle and usage endpoints to anyone but the root of the default account', async () => {
    const created = (await admin(server, 'POST', 'accounts', {}, { name: 'tenant' })) as { accessKeyId: string; secretAccessKey: string };
    const r = await cairn(server, ['lifecycle', 'passes', '--access-key', created.accessKeyId, '--secret-key', created.secretAccessKey]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /AccessDenied/);
    const u = await cairn(server, ['usage', '--access-key', created.accessKeyId, '--secret-key', created.secretAccessKey]);
    assert.match(u.stderr, /AccessDenied/);
  });
});
