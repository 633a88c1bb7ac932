import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { admin, blobBytesOnDisk, cairnJson, DAY, s3Client, type PassJson } from './helpers.js';

describe('lifecycle rules on versions, tags and object lock against a real server', () => {
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

  const versionsOf = async (Bucket: string, Prefix?: string) => {
    const r = await s3.send(new ListObjectVersionsCommand({ Bucket, ...(Prefix === undefined ? {} : { Prefix }) }));
    return {
      versions: (r.Versions ?? []).map((v) => [v.Key, v.VersionId, v.IsLatest, v.StorageClass]),
      markers: (r.DeleteMarkers ?? []).map((m) => [m.Key, m.VersionId, m.IsLatest]),
    };
  };

  it('expires and transitions noncurrent versions, keeps the newer ones, and removes expired delete markers', async () => {
    const Bucket = 'aging-versions';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const t0 = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await s3.send(new PutObjectCommand({ Bucket, Key: 'doc', Body: randomBytes(1000 + i) }))).VersionId!);
    const gone = await s3.send(new PutObjectCommand({ Bucket, Key: 'gone', Body: randomBytes(500) }));
    const marker = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'gone' }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'keep-two-newer',
              Status: 'Enabled',
              Filter: { Prefix: 'doc' },
              NoncurrentVersionExpiration: { NoncurrentDays: 2, NewerNoncurrentVersions: 1 },
              NoncurrentVersionTransitions: [{ NoncurrentDays: 1, StorageClass: 'STANDARD_IA' }],
            },
            { ID: 'gone-for-good', Status: 'Enabled', Filter: { Prefix: 'gone' }, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
            { ID: 'markers', Status: 'Enabled', Filter: { Prefix: 'gone' }, Expiration: { ExpiredObjectDeleteMarker: true } },
          ],
        },
      }),
    );
    const disk = blobBytesOnDisk(server);
    const preview = await cairnJson<{ rules: PassJson['rules'] }>(server, [
      'lifecycle',
      'run',
      '--dry-run',
      '--at',
      new Date(t0 + 3 * DAY).toISOString(),
    ]);
    const planned = Object.fromEntries(
      preview.rules.map((r) => [r.ruleId, [r.versionsExpired, r.versionsTransitioned, r.deleteMarkersExpired]]),
    );
    // doc: three noncurrent versions; the newest of them is kept (one newer is required), the two older expire.
    assert.deepEqual(planned, { 'keep-two-newer': [2, 1, 0], 'gone-for-good': [1, 0, 0] });
    assert.equal(blobBytesOnDisk(server), disk);

    const day3 = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + 3 * DAY).toISOString()]);
    const done = Object.fromEntries(
      day3.pass.rules.map((r) => [r.ruleId, [r.versionsExpired, r.versionBytesExpired, r.versionsTransitioned]]),
    );
    assert.deepEqual(done, { 'keep-two-newer': [2, 1000 + 1001, 1], 'gone-for-good': [1, 500, 0] });
    assert.equal(blobBytesOnDisk(server), disk - 1000 - 1001 - 500);
    assert.deepEqual((await versionsOf(Bucket, 'doc')).versions, [
      ['doc', ids[3], true, 'STANDARD'],
      ['doc', ids[2], false, 'STANDARD_IA'],
    ]);
    // The marker is now the only version of its key: the next pass removes it.
    assert.deepEqual((await versionsOf(Bucket, 'gone')).markers, [['gone', marker.VersionId, true]]);
    assert.ok(gone.VersionId !== undefined);
    const day4 = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + 4 * DAY).toISOString()]);
    assert.equal(day4.pass.rules.find((r) => r.ruleId === 'markers')?.deleteMarkersExpired, 1);
    assert.deepEqual(await versionsOf(Bucket, 'gone'), { versions: [], markers: [] });
  });

  it('selects objects by tag and by And of prefix, tags and sizes', async () => {
    const Bucket = 'tagged-rules';
    await s3.send(new CreateBucketCommand({ Bucket }));
    const t0 = Date.now();
    const put = (Key: string, size: number, Tagging?: string) =>
      s3.send(new PutObjectCommand({ Bucket, Key, Body: randomBytes(size), ...(Tagging === undefined ? {} : { Tagging }) }));
    await put('a/small-tmp', 100, 'kind=tmp');
    await put('a/big-tmp', 5000, 'kind=tmp');
    await put('a/small-keep', 100, 'kind=keep');
    await put('b/small-tmp', 100, 'kind=tmp&team=x');
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'tmp-under-a',
              Status: 'Enabled',
              Filter: { And: { Prefix: 'a/', Tags: [{ Key: 'kind', Value: 'tmp' }], ObjectSizeLessThan: 1000 } },
              Expiration: { Days: 1 },
            },
            { ID: 'team-x', Status: 'Enabled', Filter: { Tag: { Key: 'team', Value: 'x' } }, Expiration: { Days: 1 } },
          ],
        },
      }),
    );
    const preview = await admin(server, 'POST', 'lifecycle/run', {}, { dryRun: true, at: new Date(t0 + 2 * DAY).toISOString() });
    const actions = (preview as { actions: { key: string; rule: string }[] }).actions.map((a) => [a.key, a.rule]).sort();
    assert.deepEqual(actions, [
      ['a/small-tmp', 'tmp-under-a'],
      ['b/small-tmp', 'team-x'],
    ]);
    await cairnJson(server, ['lifecycle', 'run', '--at', new Date(t0 + 2 * DAY).toISOString()]);
    const left = (await versionsOf(Bucket)).versions.map((v) => v[0]);
    assert.deepEqual(left, ['a/big-tmp', 'a/small-keep']);
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'a/small-keep' }))).TagSet, [
      { Key: 'kind', Value: 'keep' },
    ]);
  });

  it('never removes a locked version, whatever the rules say', async () => {
    const Bucket = 'locked-aging';
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    const t0 = Date.now();
    const locked = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'k',
        Body: 'keep',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date(t0 + 30 * DAY),
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'newer' }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: {
          Rules: [{ ID: 'all', Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }],
        },
      }),
    );
    const pass = await cairnJson<{ pass: PassJson }>(server, ['lifecycle', 'run', '--at', new Date(t0 + 3 * DAY).toISOString()]);
    assert.equal(pass.pass.rules.find((r) => r.ruleId === 'all')?.versionsExpired ?? 0, 0);
    assert.ok((await versionsOf(Bucket)).versions.some((v) => v[1] === locked.VersionId));
  });
});
