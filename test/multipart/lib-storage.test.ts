import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { generatedStream, sha256Of } from '../support/generated-stream.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';

const MiB = 1024 * 1024;
const SIZE = 100 * MiB;

describe('@aws-sdk/lib-storage Upload', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'lib-storage' }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('uploads 100 MiB in 5 MiB parts, 4 at a time, and reads back the same bytes with a multipart ETag', async () => {
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'lib-storage', Key: 'big/object.bin', Body: generatedStream(SIZE, 42), ContentType: 'application/x-big' },
      partSize: 5 * MiB,
      queueSize: 4,
    });
    const progress: number[] = [];
    upload.on('httpUploadProgress', (p) => progress.push(p.loaded ?? 0));
    const done = await upload.done();
    assert.match(done.ETag ?? '', /^"[0-9a-f]{32}-20"$/);
    assert.equal(Math.max(...progress), SIZE);

    const got = await s3.send(new GetObjectCommand({ Bucket: 'lib-storage', Key: 'big/object.bin' }));
    assert.equal(got.ContentLength, SIZE);
    assert.equal(await sha256Of(got.Body as AsyncIterable<Uint8Array>), await sha256Of(generatedStream(SIZE, 42)));

    const head = await s3.send(new HeadObjectCommand({ Bucket: 'lib-storage', Key: 'big/object.bin' }));
    assert.equal(head.ETag, done.ETag);
    assert.equal(head.ContentType, 'application/x-big');
    const part = await s3.send(new HeadObjectCommand({ Bucket: 'lib-storage', Key: 'big/object.bin', PartNumber: 3 }));
    assert.equal(part.PartsCount, 20);
    assert.equal(part.ContentLength, 5 * MiB);
    assert.equal(part.$metadata.httpStatusCode, 206);
    assert.equal(part.ContentRange, `bytes ${10 * MiB}-${15 * MiB - 1}/${SIZE}`);
    const partBody = await s3.send(new GetObjectCommand({ Bucket: 'lib-storage', Key: 'big/object.bin', PartNumber: 20 }));
    assert.equal(partBody.ContentLength, 5 * MiB);
    assert.equal(partBody.PartsCount, 20);
    await partBody.Body?.transformToByteArray();

    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'lib-storage' }));
    assert.equal(uploads.Uploads, undefined, 'no upload is left behind');
  });
});
