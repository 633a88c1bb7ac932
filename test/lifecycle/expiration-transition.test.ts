import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { admin, blobBytesOnDisk, cairnJson, DAY, noTotals, s3Client, type PassJson } from './helpers.js';

const BUCKET = 'aging';

describe('lifecycle expiration and transition rules against a real server', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess({ args: ['--inline-max-size', '0'] });
    s3 = s3Client(server);
  });
  after(async () => {
    s3.destroy();
    await server.dispose();
  });

  it('expires and transitions exactly the objects the rules select once due, and bills them in their new class', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const put = (Key: string, size: number) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: randomBytes(size) }));
    const t0 = Date.now();
    await put('tmp/1', 3000);
    await put('tmp/2', 2000);
    await put('tmp/huge', 9000);
    await put('archive/report.pdf', 4000);
    await put('keep/me', 1000);
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: BUCKET,
        LifecycleConfiguration: {
          Rules: [
            { ID: 'expire-tmp', Status: 'Enabled', Filter: { And: { Prefix: 'tmp/', ObjectSizeLessThan: 5000 } }, Expiration: { Days: 1 } },
            {
              ID: 'archive-reports',
              Status: 'Enabled',
              Filter: { Prefix: 'archive/' },
              Transitions: [{ Days: 1, StorageClass: 'GLACIER_IR' }],
            },
            { ID: 'disabled', Status: 'Disabled', Filter: {}, Expiration: { Days: 1 } },
          ],
        },
      }),
    );
    const disk = blobBytesOnDisk(server);

    const day1 = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + DAY - 60_000).toISOString()]);
    assert.deepEqual(day1.pass.totals, noTotals);

    const day2 = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + 2 * DAY).toISOString()]);
    assert.deepEqual(
      day2.pass.rules.map((r) => [r.ruleId, r.objectsExpired, r.bytesExpired, r.objectsTransitioned, r.bytesTransitioned]),
      [
        ['archive-reports', 0, 0, 1, 4000],
        ['expire-tmp', 2, 5000, 0, 0],
      ],
    );
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tmp/1' })), { name: 'NoSuchKey' });
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'tmp/2' })), { name: 'NoSuchKey' });
    assert.equal(blobBytesOnDisk(server), disk - 5000);
    const moved = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'archive/report.pdf' }));
    assert.equal(moved.StorageClass, 'GLACIER_IR');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    assert.deepEqual(
      listed.Contents?.map((o) => [o.Key, o.StorageClass]),
      [
        ['archive/report.pdf', 'GLACIER_IR'],
        ['keep/me', 'STANDARD'],
        ['tmp/huge', 'STANDARD'],
      ],
    );
    // The transitioned object's bytes are still whole.
    assert.equal(
      (await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'archive/report.pdf' }))).Body!.transformToByteArray()).length,
      4000,
    );

    const detail = (await admin(server, 'GET', `lifecycle/passes/${day2.pass.id}`)) as {
      actions: { kind: string; key: string; storageClass: string; toStorageClass?: string }[];
    };
    assert.deepEqual(detail.actions.map((a) => [a.kind, a.key, a.storageClass, a.toStorageClass]).sort(), [
      ['expire-object', 'tmp/1', 'standard', undefined],
      ['expire-object', 'tmp/2', 'standard', undefined],
      ['transition-object', 'archive/report.pdf', 'standard', 'archive'],
    ]);

    const usage = await cairnJson<{ rows: { storageClass: string; kind: string; bytes: number; count: number }[] }>(server, [
      'usage',
      '--bucket',
      BUCKET,
    ]);
    assert.deepEqual(
      usage.rows.map((r) => [r.storageClass, r.kind, r.bytes, r.count]),
      [
        ['archive', 'object', 4000, 1],
        ['standard', 'object', 10_000, 2],
      ],
    );

    const later = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + 90 * DAY).toISOString()]);
    assert.deepEqual(later.pass.totals, noTotals, 'nothing is done twice, and nothing unselected is touched');
  });
});
