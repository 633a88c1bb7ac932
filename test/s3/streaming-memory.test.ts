import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { generatedStream, sha256Of } from '../support/generated-stream.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';

const MiB = 1024 * 1024;
const SIZE = 200 * MiB;



describe('a 200 MiB streamed PutObject', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'stream' }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('stores and returns every byte while the server never grows by the object size', async () => {
    const rssBefore = server.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 50);
    try {
      await s3.send(new PutObjectCommand({ Bucket: 'stream', Key: 'big', Body: generatedStream(SIZE, 7), ContentLength: SIZE }));
      const got = await s3.send(new GetObjectCommand({ Bucket: 'stream', Key: 'big' }));
      assert.equal(got.ContentLength, SIZE);
      assert.equal(await sha256Of(got.Body as AsyncIterable<Uint8Array>), await sha256Of(generatedStream(SIZE, 7)));
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - rssBefore;
    // Buffers of a few MiB in flight are fine; holding the object would be +200 MiB.
    assert.ok(growth < 64 * MiB, `server RSS grew by ${(growth / MiB).toFixed(1)} MiB while streaming 200 MiB`);
  });
});
