import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aliOss, ossRejects, type SignatureVersion } from '../support/ali-oss.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';

describe('ali-oss buckets and lifecycle', () => {
  let proc: CairnProcess;
  before(async () => {
    proc = await startCairnProcess();
  });
  after(async () => proc.dispose());

  for (const version of ['V4', 'V1'] as const satisfies readonly SignatureVersion[]) {
    describe(`with ${version} signatures`, () => {
      const v = version.toLowerCase();

      it('creates buckets, lists them with their owner, location and storage class, and describes one', async () => {
        const client = aliOss(proc, version);
        const created = await client.putBucket(`standard-${v}`);
        assert.equal(created.bucket, `standard-${v}`);
        await client.putBucket(`ia-${v}`, { storageClass: 'IA' });
        const { buckets, owner } = await client.listBuckets();
        const mine = (buckets ?? []).filter((b) => b.name.endsWith(`-${v}`));
        assert.deepEqual(mine.map((b) => [b.name, b.region, b.storageClass]).sort(), [
          [`ia-${v}`, 'oss-cn-hangzhou', 'IA'],
          [`standard-${v}`, 'oss-cn-hangzhou', 'Standard'],
        ]);
        assert.match(owner.id, /^\d{12}$/);
        const info = await client.getBucketInfo(`ia-${v}`);
        assert.equal(info.bucket.Name, `ia-${v}`);
        assert.equal(info.bucket.StorageClass, 'IA');
        assert.equal(info.bucket.Location, 'oss-cn-hangzhou');
        assert.equal((await client.getBucketLocation(`ia-${v}`)).location, 'oss-cn-hangzhou');
        await ossRejects(client.putBucket(`standard-${v}`), 409, 'BucketAlreadyExists');
        await ossRejects(client.getBucketInfo(`missing-${v}`), 404, 'NoSuchBucket');
      });

      it('puts an AbortMultipartUpload lifecycle rule and reads it back, then deletes the configuration', async () => {
        const client = aliOss(proc, version);
        const bucket = `lifecycle-${v}`;
        await client.putBucket(bucket);
        const missing = await ossRejects(client.getBucketLifecycle(bucket), 404, 'NoSuchLifecycle');
        assert.equal(missing.message, 'No Row found in Lifecycle Table.');
        const put = await client.putBucketLifecycle(bucket, [
          { id: 'clean-parts', prefix: 'tmp/', status: 'Enabled', abortMultipartUpload: { days: 3 } },
          { id: 'old-parts', prefix: 'old/', status: 'Enabled', abortMultipartUpload: { createdBeforeDate: '2024-01-01T00:00:00.000Z' } },
          {
            id: 'logs',
            prefix: 'logs/',
            status: 'Disabled',
            expiration: { days: 30 },
            transition: { days: 10, storageClass: 'IA' },
          },
        ]);
        assert.equal(put.res.status, 200);
        const { rules } = await client.getBucketLifecycle(bucket);
        assert.deepEqual(rules, [
          { id: 'clean-parts', prefix: 'tmp/', status: 'Enabled', abortMultipartUpload: { days: '3' } },
          { id: 'old-parts', prefix: 'old/', status: 'Enabled', abortMultipartUpload: { createdBeforeDate: '2024-01-01T00:00:00.000Z' } },
          { id: 'logs', prefix: 'logs/', status: 'Disabled', expiration: { days: '30' }, transition: { days: '10', storageClass: 'IA' } },
        ]);
        assert.equal((await client.deleteBucketLifecycle(bucket)).res.status, 204);
        await ossRejects(client.getBucketLifecycle(bucket), 404, 'NoSuchLifecycle');
      });

      it('refuses lifecycle rules OSS refuses: overlapping AbortMultipartUpload prefixes', async () => {
        const client = aliOss(proc, version);
        const bucket = `lifecycle-${v}`;
        await ossRejects(
          client.putBucketLifecycle(bucket, [
            { id: 'all', prefix: '', status: 'Enabled', abortMultipartUpload: { days: 1 } },
            { id: 'tmp', prefix: 'tmp/', status: 'Enabled', abortMultipartUpload: { days: 2 } },
          ]),
          400,
          'InvalidArgument',
        );
        await ossRejects(client.getBucketLifecycle(bucket), 404, 'NoSuchLifecycle');
      });

      it('refuses to delete a bucket while parts remain, and deletes it once they are aborted', async () => {
        const bucket = `parts-left-${v}`;
        const client = aliOss(proc, version, { bucket });
        await client.putBucket(bucket);
        const { uploadId } = await client.initMultipartUpload('exampledir/exampleobject.txt');
        await client.request({
          ...client._objectRequestParams('PUT', 'exampledir/exampleobject.txt', { subres: { partNumber: 1, uploadId } }),
          content: Buffer.from('a part smaller than 64 KB still counts'),
          successStatuses: [200],
        });
        const refused = await ossRejects(client.deleteBucket(bucket), 409, 'BucketNotEmpty');
        assert.equal(refused.ecCode, '0015-00000301');
        assert.match(refused.message, /1 incomplete multipart upload/);
        assert.ok((await client.listBuckets()).buckets?.some((b) => b.name === bucket));

        await client.abortMultipartUpload('exampledir/exampleobject.txt', uploadId);
        const deleted = await client.deleteBucket(bucket);
        assert.equal(deleted.res.status, 204);
        assert.ok(!(await client.listBuckets()).buckets?.some((b) => b.name === bucket));
      });

      it('refuses to delete a bucket that holds an object', async () => {
        const bucket = `object-left-${v}`;
        const client = aliOss(proc, version, { bucket });
        await client.putBucket(bucket);
        await client.put('kept.txt', Buffer.from('x'));
        await ossRejects(client.deleteBucket(bucket), 409, 'BucketNotEmpty');
        await client.delete('kept.txt');
        assert.equal((await client.deleteBucket(bucket)).res.status, 204);
      });
    });
  }
});
