import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectLegalHoldCommand,
  GetObjectLockConfigurationCommand,
  GetObjectRetentionCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  PutObjectLockConfigurationCommand,
  PutObjectRetentionCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client, sdkError } from '../support/s3-client.js';

const DAY = 86_400_000;

describe('S3 tagging, object lock and GetObjectAttributes with @aws-sdk/client-s3', () => {
  let server: CairnProcess;
  let s3: S3Client;

  before(async () => {
    server = await startCairnProcess({ args: ['--min-part-size', '5'] });
    s3 = s3Client(server);
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('tags objects on PutObject, by PutObjectTagging per version, and counts them on GET and HEAD', async () => {
    const Bucket = 'tags';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging: 'team=a%20b&empty=' }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'k' }))).TagSet, [
      { Key: 'empty', Value: '' },
      { Key: 'team', Value: 'a b' },
    ]);
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket, Key: 'k' }))).TagCount, 2);
    const v2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'y' }));
    assert.equal((await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))).TagCount, undefined);
    const put = await s3.send(
      new PutObjectTaggingCommand({ Bucket, Key: 'k', VersionId: v1.VersionId, Tagging: { TagSet: [{ Key: 'old', Value: '1' }] } }),
    );
    assert.equal(put.VersionId, v1.VersionId);
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }))).TagSet, [
      { Key: 'old', Value: '1' },
    ]);
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'k', VersionId: v2.VersionId }))).TagSet, []);
    await s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }))).TagSet, []);
  });

  it("refuses tags past S3's limits with InvalidTag and changes nothing", async () => {
    const Bucket = 'tag-limits';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging: 'a=1' }));
    const tags = (n: number, k = 1, v = 1) =>
      Array.from({ length: n }, (_, i) => ({ Key: `${i}`.padEnd(k, 'k'), Value: ''.padEnd(v, 'v') }));
    const cases = [
      tags(11),
      tags(1, 129),
      tags(1, 1, 257),
      [
        { Key: 'd', Value: '1' },
        { Key: 'd', Value: '2' },
      ],
    ];
    for (const TagSet of cases) {
      const e = await sdkError(s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'k', Tagging: { TagSet } })));
      assert.deepEqual([e.name, e.status], ['InvalidTag', 400]);
    }
    await s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'k', Tagging: { TagSet: tags(10, 128, 256) } }));
    assert.equal((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'k' }))).TagSet?.length, 10);
    const header = await sdkError(
      s3.send(
        new PutObjectCommand({
          Bucket,
          Key: 'h',
          Body: 'x',
          Tagging: tags(11)
            .map((t) => `${t.Key}=v`)
            .join('&'),
        }),
      ),
    );
    assert.equal(header.name, 'InvalidTag');
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'h' })))).status, 404);

    assert.equal((await sdkError(s3.send(new GetBucketTaggingCommand({ Bucket })))).name, 'NoSuchTagSet');
    const tooMany = await sdkError(s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tags(51) } })));
    assert.equal(tooMany.name, 'InvalidTag');
    await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tags(50) } }));
    assert.equal((await s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet?.length, 50);
    await s3.send(new DeleteBucketTaggingCommand({ Bucket }));
    assert.equal((await sdkError(s3.send(new GetBucketTaggingCommand({ Bucket })))).name, 'NoSuchTagSet');
  });

  it('copies tags by default, replaces them with the REPLACE directive, and gives upload tags to the object at complete', async () => {
    const Bucket = 'tag-copies';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'x', Tagging: 'a=1' }));
    await s3.send(new CopyObjectCommand({ Bucket, Key: 'copied', CopySource: `${Bucket}/src` }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'copied' }))).TagSet, [{ Key: 'a', Value: '1' }]);
    await s3.send(
      new CopyObjectCommand({ Bucket, Key: 'replaced', CopySource: `${Bucket}/src`, TaggingDirective: 'REPLACE', Tagging: 'b=2' }),
    );
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'replaced' }))).TagSet, [{ Key: 'b', Value: '2' }]);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', Tagging: 'c=3' }));
    const part = await s3.send(new UploadPartCommand({ Bucket, Key: 'mp', UploadId, PartNumber: 1, Body: 'data' }));
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket, Key: 'mp', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] } }),
    );
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'mp' }))).TagSet, [{ Key: 'c', Value: '3' }]);
  });

  it('keeps a locked version through DeleteObject, DeleteObjects and an overwrite; governance yields to a bypass', async () => {
    const Bucket = 'locked';
    await s3.send(new CreateBucketCommand({ Bucket, ObjectLockEnabledForBucket: true }));
    const noConfig = await s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
    assert.equal(noConfig.ObjectLockConfiguration?.ObjectLockEnabled, 'Enabled');
    await s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } },
      }),
    );
    const config = await s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
    assert.deepEqual(config.ObjectLockConfiguration?.Rule?.DefaultRetention, { Mode: 'GOVERNANCE', Days: 1 });
    const suspend = await sdkError(s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } })));
    assert.deepEqual([suspend.name, suspend.status], ['InvalidBucketState', 409]);

    const gov = await s3.send(new PutObjectCommand({ Bucket, Key: 'g', Body: 'governed' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'g' }));
    assert.equal(head.ObjectLockMode, 'GOVERNANCE');
    assert.ok(head.ObjectLockRetainUntilDate !== undefined && head.ObjectLockRetainUntilDate.getTime() > Date.now() + DAY - 60_000);
    const refused = await sdkError(s3.send(new DeleteObjectCommand({ Bucket, Key: 'g', VersionId: gov.VersionId })));
    assert.deepEqual([refused.name, refused.status], ['AccessDenied', 403]);
    const many = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'g', VersionId: gov.VersionId }] } }));
    assert.deepEqual(
      many.Errors?.map((e) => [e.Key, e.Code]),
      [['g', 'AccessDenied']],
    );
    // A plain delete adds a marker and an overwrite adds a version: the locked version stays.
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'g' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'g', Body: 'newer' }));
    const still = await s3.send(new GetObjectCommand({ Bucket, Key: 'g', VersionId: gov.VersionId }));
    assert.equal(still.ObjectLockMode, 'GOVERNANCE');
    const shorten = await sdkError(
      s3.send(
        new PutObjectRetentionCommand({
          Bucket,
          Key: 'g',
          VersionId: gov.VersionId,
          Retention: { Mode: 'GOVERNANCE', RetainUntilDate: new Date(Date.now() + 60_000) },
        }),
      ),
    );
    assert.equal(shorten.name, 'AccessDenied');
    const bypassed = await s3.send(
      new DeleteObjectCommand({ Bucket, Key: 'g', VersionId: gov.VersionId, BypassGovernanceRetention: true }),
    );
    assert.equal(bypassed.VersionId, gov.VersionId);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'g' }));
    assert.equal(
      versions.Versions?.some((v) => v.VersionId === gov.VersionId),
      false,
    );

    const until = new Date(Date.now() + 2 * DAY);
    const comp = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'c', Body: 'kept', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: until }),
    );
    const retention = await s3.send(new GetObjectRetentionCommand({ Bucket, Key: 'c', VersionId: comp.VersionId }));
    assert.deepEqual([retention.Retention?.Mode, retention.Retention?.RetainUntilDate?.toISOString()], ['COMPLIANCE', until.toISOString()]);
    const compDelete = await sdkError(
      s3.send(new DeleteObjectCommand({ Bucket, Key: 'c', VersionId: comp.VersionId, BypassGovernanceRetention: true })),
    );
    assert.equal(compDelete.name, 'AccessDenied');
    const longer = new Date(until.getTime() + DAY);
    await s3.send(
      new PutObjectRetentionCommand({
        Bucket,
        Key: 'c',
        VersionId: comp.VersionId,
        Retention: { Mode: 'COMPLIANCE', RetainUntilDate: longer },
      }),
    );

    const held = await s3.send(new PutObjectCommand({ Bucket, Key: 'h', Body: 'held', ObjectLockLegalHoldStatus: 'ON' }));
    assert.equal((await s3.send(new GetObjectLegalHoldCommand({ Bucket, Key: 'h' }))).LegalHold?.Status, 'ON');
    await s3.send(
      new PutObjectRetentionCommand({ Bucket, Key: 'h', VersionId: held.VersionId, BypassGovernanceRetention: true, Retention: {} }),
    );
    const heldDelete = await sdkError(s3.send(new DeleteObjectCommand({ Bucket, Key: 'h', VersionId: held.VersionId })));
    assert.equal(heldDelete.name, 'AccessDenied');
    await s3.send(new PutObjectLegalHoldCommand({ Bucket, Key: 'h', VersionId: held.VersionId, LegalHold: { Status: 'OFF' } }));
    assert.equal((await s3.send(new GetObjectLegalHoldCommand({ Bucket, Key: 'h', VersionId: held.VersionId }))).LegalHold?.Status, 'OFF');
    await s3.send(new DeleteObjectCommand({ Bucket, Key: 'h', VersionId: held.VersionId }));
  });

  it('answers object lock requests on a bucket without lock as S3 does', async () => {
    const Bucket = 'unlocked';
    await s3.send(new CreateBucketCommand({ Bucket }));
    assert.equal((await sdkError(s3.send(new GetObjectLockConfigurationCommand({ Bucket })))).name, 'ObjectLockConfigurationNotFoundError');
    const put = await sdkError(
      s3.send(
        new PutObjectCommand({
          Bucket,
          Key: 'k',
          Body: 'x',
          ObjectLockMode: 'GOVERNANCE',
          ObjectLockRetainUntilDate: new Date(Date.now() + DAY),
        }),
      ),
    );
    assert.deepEqual([put.name, put.status], ['InvalidRequest', 400]);
    const enable = await sdkError(
      s3.send(new PutObjectLockConfigurationCommand({ Bucket, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } })),
    );
    assert.deepEqual([enable.name, enable.status], ['InvalidBucketState', 409]);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    assert.equal((await sdkError(s3.send(new GetObjectRetentionCommand({ Bucket, Key: 'k' })))).name, 'InvalidRequest');
  });

  it('answers GetObjectAttributes with ETag, checksum, size, class and a page of parts', async () => {
    const Bucket = 'attributes';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const single = await s3.send(new PutObjectCommand({ Bucket, Key: 'one', Body: 'hello', ChecksumAlgorithm: 'SHA256' }));
    const attrs = await s3.send(
      new GetObjectAttributesCommand({
        Bucket,
        Key: 'one',
        ObjectAttributes: ['ETag', 'Checksum', 'ObjectSize', 'StorageClass', 'ObjectParts'],
      }),
    );
    assert.equal(attrs.ETag, single.ETag?.replace(/"/g, ''));
    assert.equal(attrs.Checksum?.ChecksumSHA256, single.ChecksumSHA256);
    assert.deepEqual(
      [attrs.ObjectSize, attrs.StorageClass, attrs.ObjectParts, attrs.VersionId],
      [5, 'STANDARD', undefined, single.VersionId],
    );

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', ChecksumAlgorithm: 'CRC32' }));
    const parts = [];
    for (let n = 1; n <= 5; n++) {
      const p = await s3.send(
        new UploadPartCommand({ Bucket, Key: 'mp', UploadId, PartNumber: n, Body: 'part' + 'x'.repeat(n), ChecksumAlgorithm: 'CRC32' }),
      );
      parts.push({ PartNumber: n, ETag: p.ETag, ChecksumCRC32: p.ChecksumCRC32 });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mp', UploadId, MultipartUpload: { Parts: parts } }));
    const page = await s3.send(
      new GetObjectAttributesCommand({
        Bucket,
        Key: 'mp',
        VersionId: done.VersionId,
        ObjectAttributes: ['ObjectParts', 'Checksum'],
        MaxParts: 2,
        PartNumberMarker: '1',
      }),
    );
    assert.deepEqual(
      [
        page.ObjectParts?.TotalPartsCount,
        page.ObjectParts?.IsTruncated,
        page.ObjectParts?.NextPartNumberMarker,
        page.ObjectParts?.MaxParts,
      ],
      [5, true, '3', 2],
    );
    assert.deepEqual(
      page.ObjectParts?.Parts?.map((p) => [p.PartNumber, p.Size, p.ChecksumCRC32]),
      [
        [2, 6, parts[1]!.ChecksumCRC32],
        [3, 7, parts[2]!.ChecksumCRC32],
      ],
    );
    assert.equal(page.Checksum?.ChecksumCRC32, done.ChecksumCRC32);
    const missing = await sdkError(s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'nope', ObjectAttributes: ['ETag'] })));
    assert.deepEqual([missing.name, missing.status], ['NoSuchKey', 404]);
  });
});
