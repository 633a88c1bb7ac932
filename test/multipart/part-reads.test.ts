import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client, sdkError } from '../support/s3-client.js';

const KiB = 1024;
const Bucket = 'part-reads';

describe('multipart edges: part reads, sparse and repeated parts, UploadPartCopy ranges', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess({ args: ['--min-part-size', String(64 * KiB)] });
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  async function uploadParts(Key: string, bodies: readonly Buffer[]) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const parts = [];
    for (const [i, Body] of bodies.entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body }));
      parts.push({ PartNumber: i + 1, ETag: ETag! });
    }
    return { UploadId: UploadId!, parts };
  }

  it('reads each part by number with its size and the object ETag, and refuses a number past the last with 400 InvalidPart', async () => {
    const Key = 'four-parts';
    const bodies = [64 * KiB, 64 * KiB, 64 * KiB, 10 * KiB].map((n, i) => Buffer.alloc(n, 65 + i));
    const { UploadId, parts } = await uploadParts(Key, bodies);
    // Part 2 sent again: the later send is the part.
    await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: bodies[1]! }));
    const early = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 1 })));
    assert.deepEqual([early.status, early.name], [404, 'NoSuchKey']);
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    for (const [i, body] of bodies.entries()) {
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key, PartNumber: i + 1 }));
      assert.deepEqual([head.PartsCount, head.ETag, head.ContentLength], [4, done.ETag, body.length]);
      const got = await s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: i + 1 }));
      assert.equal(got.$metadata.httpStatusCode, 206);
      assert.deepEqual([got.PartsCount, got.ETag, got.ContentLength], [4, done.ETag, body.length]);
      assert.ok((await bodyBytes(got.Body)).equals(body), `part ${i + 1}`);
    }
    for (const send of [
      () => s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 5 })),
      () => s3.send(new HeadObjectCommand({ Bucket, Key, PartNumber: 5 })),
    ]) {
      const past = await sdkError(send());
      assert.equal(past.status, 400);
    }
    assert.equal((await sdkError(s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 5 })))).name, 'InvalidPart');
  });

  it('numbers the parts of a sparse completion 1 to PartsCount in object order, so every part is reachable', async () => {
    const Key = 'sparse';
    const bodies = [Buffer.alloc(64 * KiB, 'a'), Buffer.alloc(64 * KiB, 'b'), Buffer.alloc(5 * KiB, 'c')];
    const { UploadId, parts } = await uploadParts(Key, bodies);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [parts[0]!, parts[2]!] } }),
    );
    const whole = await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key }))).Body);
    assert.ok(whole.equals(Buffer.concat([bodies[0]!, bodies[2]!])));
    for (const [n, body] of [
      [1, bodies[0]!],
      [2, bodies[2]!],
    ] as const) {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: n }));
      assert.deepEqual([got.PartsCount, got.ETag, got.ContentLength], [2, done.ETag, body.length]);
      assert.ok((await bodyBytes(got.Body)).equals(body), `part ${n}`);
    }
    const past = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 3 })));
    assert.deepEqual([past.status, past.name], [400, 'InvalidPart']);
  });

  it('serves an object written in one request as part 1, and refuses part 2 with 400 InvalidPart', async () => {
    const Key = 'single';
    const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'body' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 1 }));
    assert.equal(got.ETag, put.ETag);
    assert.equal((await bodyBytes(got.Body)).toString(), 'body');
    const second = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 2 })));
    assert.deepEqual([second.status, second.name], [400, 'InvalidPart']);
  });

  it('refuses a part number past the last one of an SSE-C object with InvalidPart before asking for its key', async () => {
    const Key = 'sse-c-parts';
    const customerKey = randomBytes(32);
    const sse = {
      SSECustomerAlgorithm: 'AES256',
      SSECustomerKey: customerKey.toString('base64'),
      SSECustomerKeyMD5: createHash('md5').update(customerKey).digest('base64'),
    };
    const bodies = [Buffer.alloc(64 * KiB, 'p'), Buffer.alloc(3 * KiB, 'q')];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...sse }));
    const Parts = [];
    for (const [i, Body] of bodies.entries()) {
      const { ETag } = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body, ...sse }));
      Parts.push({ PartNumber: i + 1, ETag: ETag! });
    }
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts }, ...sse }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 2, ...sse }));
    assert.ok((await bodyBytes(got.Body)).equals(bodies[1]!));
    const past = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 3 })));
    assert.deepEqual([past.status, past.name], [400, 'InvalidPart']);
    const keyless = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: 1 })));
    assert.deepEqual([keyless.status, keyless.name], [400, 'InvalidRequest']);
  });

  it('completes with part 1 listed twice when it was sent twice and the first send finished last, keeping that send', async () => {
    const Key = 'resend-first';
    const size = 256 * KiB;
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let halfway!: () => void;
    const started = new Promise<void>((resolve) => (halfway = resolve));
    let step = 0;
    const slowA = new Readable({
      read() {
        if (step++ === 0) {
          this.push(Buffer.alloc(size / 2, 'A'));
          halfway();
        } else if (step === 2)
          void gate.then(() => {
            this.push(Buffer.alloc(size / 2, 'A'));
            this.push(null);
          });
      },
    });
    const listed: { PartNumber: number; ETag: string }[] = [];
    const first = s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: slowA, ContentLength: size }));
    await started;
    const second = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: Buffer.alloc(size, 'B') }));
    listed.push({ PartNumber: 1, ETag: second.ETag! });
    release();
    listed.push({ PartNumber: 1, ETag: (await first).ETag! });
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: listed } }));
    const got = await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key }))).Body);
    assert.ok(got.equals(Buffer.alloc(size, 'A')), 'the object holds the send that finished last');
  });

  it('refuses an UploadPartCopy range outside its source with InvalidRange, and a reversed range with InvalidArgument', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'five-bytes', Body: '12345' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'dest' }));
    const copy = (CopySourceRange: string) =>
      sdkError(
        s3.send(
          new UploadPartCopyCommand({ Bucket, Key: 'dest', UploadId, PartNumber: 1, CopySource: `${Bucket}/five-bytes`, CopySourceRange }),
        ),
      );
    const outside = await copy('bytes=0-21');
    assert.deepEqual([outside.status, outside.name], [416, 'InvalidRange']);
    const reversed = await copy('bytes=3-1');
    assert.deepEqual([reversed.status, reversed.name], [400, 'InvalidArgument']);
    const ok = await s3.send(
      new UploadPartCopyCommand({
        Bucket,
        Key: 'dest',
        UploadId,
        PartNumber: 1,
        CopySource: `${Bucket}/five-bytes`,
        CopySourceRange: 'bytes=1-3',
      }),
    );
    assert.ok(ok.CopyPartResult?.ETag);
  });
});
