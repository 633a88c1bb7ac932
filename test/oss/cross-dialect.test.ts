import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { crc64ecma } from '../../src/core/checksums/index.js';
import { aliOss, ossRejects, type SignatureVersion } from '../support/ali-oss.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { tempFile } from '../support/temp-file.js';

/** One store behind both dialects: the same buckets, objects and multipart uploads. */
describe('the same uploads and objects through OSS and S3', () => {
  let proc: CairnProcess;
  let s3: S3Client;
  const file = tempFile(400 * 1024, 3);
  before(async () => {
    proc = await startCairnProcess();
    s3 = new S3Client({
      region: 'us-east-1',
      endpoint: proc.url,
      forcePathStyle: true,
      credentials: testCredentials,
      maxAttempts: 1,
    });
  });
  after(async () => {
    s3.destroy();
    file.remove();
    await proc.dispose();
  });

  for (const version of ['V4', 'V1'] as const satisfies readonly SignatureVersion[]) {
    describe(`ali-oss with ${version} signatures`, () => {
      const bucket = `shared-${version.toLowerCase()}`;
      before(async () => {
        await aliOss(proc, version).putBucket(bucket);
      });

      it('lists with S3 the upload and parts ali-oss started, aborts it with S3, and ali-oss sees it gone', async () => {
        const oss = aliOss(proc, version, { bucket });
        const name = 'exampledir/exampleobject.txt';
        const { uploadId } = await oss.initMultipartUpload(name);
        const part = await oss.uploadPart(name, uploadId, 1, file.path, 0, 200 * 1024);

        const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
        assert.deepEqual(
          listed.Uploads?.map((u) => [u.Key, u.UploadId]),
          [[name, uploadId]],
        );
        const parts = await s3.send(new ListPartsCommand({ Bucket: bucket, Key: name, UploadId: uploadId }));
        assert.deepEqual(
          parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag?.toUpperCase()]),
          [[1, 200 * 1024, part.etag]],
        );

        const aborted = await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: name, UploadId: uploadId }));
        assert.equal(aborted.$metadata.httpStatusCode, 204);
        assert.deepEqual((await oss.listUploads({})).uploads, []);
        await ossRejects(oss.listParts(name, uploadId), 404, 'NoSuchUpload');
      });

      it('lists with ali-oss the upload and parts S3 started, aborts it with ali-oss, and S3 sees it gone', async () => {
        const oss = aliOss(proc, version, { bucket });
        const name = 'from-s3.bin';
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: name }));
        assert.ok(UploadId !== undefined);
        const { ETag } = await s3.send(
          new UploadPartCommand({ Bucket: bucket, Key: name, UploadId, PartNumber: 1, Body: file.data.subarray(0, 1000) }),
        );

        const { uploads } = await oss.listUploads({});
        assert.deepEqual(
          uploads.map((u) => [u.name, u.uploadId]),
          [[name, UploadId]],
        );
        const listed = (await oss.listParts(name, UploadId)).parts as Record<string, string>;
        assert.equal(listed.PartNumber, '1');
        assert.equal(listed.Size, '1000');
        assert.equal(listed.ETag, ETag?.toUpperCase());
        assert.equal(listed.HashCrc64ecma, undefined, 'a part S3 uploaded to an S3 upload has no CRC-64');

        assert.equal((await oss.abortMultipartUpload(name, UploadId)).res.status, 204);
        const after = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
        assert.equal(after.Uploads, undefined);
      });

      it('completes with ali-oss an upload it started with parts from both dialects, with the combined CRC-64', async () => {
        const oss = aliOss(proc, version, { bucket });
        const name = 'mixed.bin';
        const { uploadId } = await oss.initMultipartUpload(name);
        const p1 = await oss.uploadPart(name, uploadId, 1, file.path, 0, 200 * 1024);
        // A part S3 uploads to an upload OSS initiated computes its CRC-64 too.
        const p2 = await s3.send(
          new UploadPartCommand({ Bucket: bucket, Key: name, UploadId: uploadId, PartNumber: 2, Body: file.data.subarray(200 * 1024) }),
        );
        const done = await oss.completeMultipartUpload(name, uploadId, [
          { number: 1, etag: p1.etag },
          { number: 2, etag: p2.ETag ?? '' },
        ]);
        const crc = crc64ecma(file.data, 0n).toString(10);
        assert.equal(done.res.headers['x-oss-hash-crc64ecma'], crc);
        const got = await oss.get(name);
        assert.ok(got.content.equals(file.data));
        assert.equal(got.res.headers['x-oss-hash-crc64ecma'], crc);
        const read = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: name }));
        assert.equal(read.ETag?.toUpperCase(), done.etag);
      });

      it('reads with ali-oss what S3 wrote (no CRC-64 header: S3 writes compute none) and with S3 what ali-oss wrote', async () => {
        const oss = aliOss(proc, version, { bucket });
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'by-s3.txt', Body: 'written by S3', ContentType: 'text/plain' }));
        const got = await oss.get('by-s3.txt');
        assert.equal(got.content.toString(), 'written by S3');
        assert.equal(got.res.headers['x-oss-hash-crc64ecma'], undefined);
        assert.match(got.res.headers.etag ?? '', /^"[0-9A-F]{32}"$/);

        const put = await oss.put('by-oss.txt', Buffer.from('written by OSS'), { meta: { origin: 'oss' } });
        const read = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'by-oss.txt' }));
        assert.equal(await read.Body?.transformToString(), 'written by OSS');
        assert.equal(read.ETag?.toUpperCase(), put.res.headers.etag);
        assert.deepEqual(read.Metadata, { origin: 'oss' });
      });

      it('shares buckets: S3 sees the one ali-oss created, ali-oss lists the one S3 created', async () => {
        const oss = aliOss(proc, version);
        const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
        assert.equal(head.$metadata.httpStatusCode, 200);
        await s3.send(new CreateBucketCommand({ Bucket: `made-by-s3-${version.toLowerCase()}` }));
        assert.ok((await oss.listBuckets()).buckets?.some((b) => b.name === `made-by-s3-${version.toLowerCase()}`));
      });
    });
  }
});
