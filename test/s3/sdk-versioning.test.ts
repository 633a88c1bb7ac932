import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client, sdkError } from '../support/s3-client.js';

describe('S3 versioning with @aws-sdk/client-s3', () => {
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

  async function versionedBucket(Bucket: string): Promise<void> {
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  const text = async (p: Promise<{ Body?: unknown }>) => (await bodyBytes((await p).Body)).toString();

  it('reports versioning states and refuses MFA delete clearly', async () => {
    const Bucket = 'states';
    await s3.send(new CreateBucketCommand({ Bucket }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, undefined);
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, 'Enabled');
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket }))).Status, 'Suspended');
    const mfa = await sdkError(
      s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Enabled' } })),
    );
    assert.deepEqual([mfa.name, mfa.status], ['NotImplemented', 501]);
  });

  it('keeps versions, reads each by id, and hides the key behind a delete marker', async () => {
    const Bucket = 'versions';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'before' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'one' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'two' }));
    assert.ok(v1.VersionId !== undefined && v2.VersionId !== undefined && v1.VersionId !== v2.VersionId);
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))), 'two');
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }))), 'one');
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: 'null' }))), 'before');
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'k', VersionId: v1.VersionId }));
    assert.deepEqual([head.VersionId, head.ContentLength], [v1.VersionId, 3]);

    const del = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    assert.equal(del.DeleteMarker, true);
    assert.ok(del.VersionId !== undefined);
    const gone = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    assert.deepEqual([gone.name, gone.status], ['NoSuchKey', 404]);
    const onMarker = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: del.VersionId })));
    assert.equal(onMarker.status, 405);
    const unknown = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: 'A'.repeat(32) })));
    assert.deepEqual([unknown.name, unknown.status], ['NoSuchVersion', 404]);
    const bad = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: 'nope' })));
    assert.deepEqual([bad.name, bad.status], ['InvalidArgument', 400]);
    assert.equal((await s3.send(new ListObjectsV2Command({ Bucket }))).KeyCount, 0);

    const listing = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    assert.deepEqual(
      listing.DeleteMarkers?.map((m) => [m.Key, m.VersionId, m.IsLatest]),
      [['k', del.VersionId, true]],
    );
    assert.deepEqual(
      listing.Versions?.map((v) => [v.VersionId, v.IsLatest, v.Size]),
      [
        [v2.VersionId, false, 3],
        [v1.VersionId, false, 3],
        ['null', false, 6],
      ],
    );
    // Deleting the marker by id brings the newest version back.
    const undelete = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: del.VersionId }));
    assert.deepEqual([undelete.DeleteMarker, undelete.VersionId], [true, del.VersionId]);
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'k' }))), 'two');
    const nonEmpty = await sdkError(s3.send(new DeleteBucketCommand({ Bucket })));
    assert.equal(nonEmpty.name, 'BucketNotEmpty');
  });

  it('pages ListObjectVersions with key-marker, version-id-marker, prefix, delimiter and max-keys', async () => {
    const Bucket = 'paging';
    await versionedBucket(Bucket);
    const ids: Record<string, string[]> = {};
    for (const key of ['a', 'b', 'a', 'dir/x', 'c', 'b', 'dir/y', 'a']) {
      const put = await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: key }));
      (ids[key] ??= []).unshift(put.VersionId!);
    }
    const all: string[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (let page = 0; page < 20; page++) {
      const r = await s3.send(
        new ListObjectVersionsCommand({ Bucket, MaxKeys: 2, Delimiter: '/', KeyMarker: keyMarker, VersionIdMarker: versionIdMarker }),
      );
      for (const v of r.Versions ?? []) all.push(`${v.Key}@${v.VersionId}`);
      for (const p of r.CommonPrefixes ?? []) all.push(`${p.Prefix}`);
      if (r.IsTruncated !== true) break;
      keyMarker = r.NextKeyMarker;
      versionIdMarker = r.NextVersionIdMarker;
    }
    const expected = [...ids.a!.map((v) => `a@${v}`), ...ids.b!.map((v) => `b@${v}`), ...ids.c!.map((v) => `c@${v}`), 'dir/'];
    assert.deepEqual(all, expected);
    const prefixed = await s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'dir/' }));
    assert.deepEqual(
      prefixed.Versions?.map((v) => v.Key),
      ['dir/x', 'dir/y'],
    );
    const noKey = await sdkError(s3.send(new ListObjectVersionsCommand({ Bucket, VersionIdMarker: ids.a![0] })));
    assert.equal(noKey.name, 'InvalidArgument');
  });

  it('copies from a version and copies parts from a version, naming the source version', async () => {
    const Bucket = 'copies';
    await versionedBucket(Bucket);
    const old = await s3.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'old-bytes' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'src', Body: 'new-bytes' }));
    const copy = await s3.send(new CopyObjectCommand({ Bucket, Key: 'dst', CopySource: `${Bucket}/src?versionId=${old.VersionId}` }));
    assert.equal(copy.CopySourceVersionId, old.VersionId);
    assert.ok(copy.VersionId !== undefined);
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'dst' }))), 'old-bytes');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp' }));
    const part = await s3.send(
      new UploadPartCopyCommand({ Bucket, Key: 'mp', UploadId, PartNumber: 1, CopySource: `${Bucket}/src?versionId=${old.VersionId}` }),
    );
    assert.equal(part.CopySourceVersionId, old.VersionId);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'mp',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult?.ETag }] },
      }),
    );
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'mp' }))), 'old-bytes');
  });

  it('makes a new version on CompleteMultipartUpload, and a retried complete answers the same version id', async () => {
    const Bucket = 'versioned-mp';
    await versionedBucket(Bucket);
    const first = await s3.send(new PutObjectCommand({ Bucket, Key: 'big', Body: 'single' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'big' }));
    const p1 = await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 1, Body: 'part-one-' }));
    const p2 = await s3.send(new UploadPartCommand({ Bucket, Key: 'big', UploadId, PartNumber: 2, Body: 'two' }));
    const complete = () =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: 'big',
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: p1.ETag },
              { PartNumber: 2, ETag: p2.ETag },
            ],
          },
        }),
      );
    const done = await complete();
    assert.ok(done.VersionId !== undefined && done.VersionId !== first.VersionId);
    assert.equal((await complete()).VersionId, done.VersionId);
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'big' }))), 'part-one-two');
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'big', VersionId: first.VersionId }))), 'single');
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'big', VersionId: done.VersionId, PartNumber: 2 }));
    assert.deepEqual([head.ContentLength, head.PartsCount], [3, 2]);
  });

  it('deletes versions and markers with DeleteObjects', async () => {
    const Bucket = 'multi-delete';
    await versionedBucket(Bucket);
    const a1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'a', Body: '1' }));
    const a2 = await s3.send(new PutObjectCommand({ Bucket, Key: 'a', Body: '2' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'b', Body: '1' }));
    const r = await s3.send(
      new DeleteObjectsCommand({
        Bucket,
        Delete: { Objects: [{ Key: 'a', VersionId: a1.VersionId }, { Key: 'b' }, { Key: 'c', VersionId: 'x' }] },
      }),
    );
    const byKey = new Map(r.Deleted?.map((d) => [d.Key, d]));
    assert.equal(byKey.get('a')?.VersionId, a1.VersionId);
    assert.equal(byKey.get('b')?.DeleteMarker, true);
    const markerId = byKey.get('b')?.DeleteMarkerVersionId;
    assert.ok(markerId !== undefined);
    assert.deepEqual(
      r.Errors?.map((e) => [e.Key, e.Code]),
      [['c', 'NoSuchVersion']],
    );
    const second = await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'b', VersionId: markerId }] } }));
    assert.deepEqual([second.Deleted?.[0]?.DeleteMarker, second.Deleted?.[0]?.VersionId], [true, markerId]);
    const listing = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    assert.deepEqual(
      listing.Versions?.map((v) => [v.Key, v.VersionId]),
      [
        ['a', a2.VersionId],
        ['b', listing.Versions?.[1]?.VersionId],
      ],
    );
    assert.equal(listing.DeleteMarkers, undefined);
  });

  it('replaces only the null version in a suspended bucket', async () => {
    const Bucket = 'suspended';
    await versionedBucket(Bucket);
    const kept = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'kept' }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    const n1 = await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'null-1' }));
    assert.equal(n1.VersionId, undefined, 'S3 answers a write into a suspended bucket without a version id');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'null-2' }));
    const listing = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    assert.deepEqual(
      listing.Versions?.map((v) => [v.VersionId, v.IsLatest]),
      [
        ['null', true],
        [kept.VersionId, false],
      ],
    );
    assert.equal(await text(s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: 'null' }))), 'null-2');
  });
});
