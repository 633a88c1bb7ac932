import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetObjectCommand, GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { aliOss, ossRejects } from '../support/ali-oss.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client } from '../support/s3-client.js';

describe('ali-oss versioning and tagging on the same core as S3', () => {
  let proc: CairnProcess;
  before(async () => {
    proc = await startCairnProcess();
  });
  after(async () => proc.dispose());

  it('versions objects, reads and deletes them by version id, and lists versions and delete markers', async () => {
    const bucket = 'oss-versions';
    const oss = aliOss(proc, 'V4', { bucket });
    await oss.putBucket(bucket);
    assert.equal((await oss.getBucketVersioning(bucket)).versionStatus, undefined);
    await oss.putBucketVersioning(bucket, 'Enabled');
    assert.equal((await oss.getBucketVersioning(bucket)).versionStatus, 'Enabled');
    const v1 = (await oss.put('doc', Buffer.from('one'))).res.headers['x-oss-version-id'];
    const v2 = (await oss.put('doc', Buffer.from('two'))).res.headers['x-oss-version-id'];
    assert.ok(v1 !== undefined && v2 !== undefined && v1 !== v2);
    assert.equal((await oss.get('doc', null, { versionId: v1 })).content.toString(), 'one');
    const del = await oss.delete('doc');
    assert.equal(del.res.headers['x-oss-delete-marker'], 'true');
    const markerId = del.res.headers['x-oss-version-id'];
    await ossRejects(oss.get('doc'), 404, 'NoSuchKey');
    const listing = await oss.getBucketVersions();
    assert.deepEqual(
      listing.objects.map((o) => [o.name, o.versionId, o.isLatest]),
      [
        ['doc', v2, false],
        ['doc', v1, false],
      ],
    );
    assert.deepEqual(
      listing.deleteMarker.map((m) => [m.name, m.versionId]),
      [['doc', markerId]],
    );
    await oss.delete('doc', { versionId: markerId });
    assert.equal((await oss.get('doc')).content.toString(), 'two');
    // The same version through S3.
    const s3 = s3Client(proc);
    try {
      assert.equal(
        (await bodyBytes((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'doc', VersionId: v1 }))).Body)).toString(),
        'one',
      );
    } finally {
      s3.destroy();
    }
  });

  it('tags objects with x-oss-tagging and ?tagging, per version, and tags buckets', async () => {
    const bucket = 'oss-tags';
    const oss = aliOss(proc, 'V1', { bucket });
    await oss.putBucket(bucket);
    await oss.put('k', Buffer.from('x'), { headers: { 'x-oss-tagging': 'a=1&b=2' } });
    assert.deepEqual((await oss.getObjectTagging('k')).tag, { a: '1', b: '2' });
    await oss.putObjectTagging('k', { c: '3' });
    assert.deepEqual((await oss.getObjectTagging('k')).tag, { c: '3' });
    const s3 = s3Client(proc);
    try {
      assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'k' }))).TagSet, [{ Key: 'c', Value: '3' }]);
    } finally {
      s3.destroy();
    }
    await oss.deleteObjectTagging('k');
    assert.deepEqual((await oss.getObjectTagging('k')).tag, {});
    // ali-oss checks ?tagging sets itself; the header reaches the server, which refuses past 10 tags.
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&');
    await ossRejects(oss.put('many', Buffer.from('x'), { headers: { 'x-oss-tagging': eleven } }), 400, 'InvalidArgument');
    await oss.putBucketTags(bucket, { team: 'storage' });
    assert.deepEqual((await oss.getBucketTags(bucket)).tag, { team: 'storage' });
    await oss.deleteBucketTags(bucket);
    assert.deepEqual((await oss.getBucketTags(bucket)).tag, {});
  });
});
