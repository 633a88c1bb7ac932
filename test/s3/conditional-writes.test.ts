import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client, sdkError } from '../support/s3-client.js';

const Bucket = 'conditional';
const KiB = 1024;

/** Two bodies that each send half, then wait until both have started and a little longer, then finish. */
function gatedBodies(size: number, fills: readonly number[]): Readable[] {
  let begun = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return fills.map((fill) => {
    let sent = 0;
    return new Readable({
      read() {
        if (sent === 0) {
          sent = size / 2;
          this.push(Buffer.alloc(size / 2, fill));
          if (++begun === fills.length) setTimeout(open, 300);
          return;
        }
        if (sent === size) return;
        sent = size;
        void gate.then(() => {
          this.push(Buffer.alloc(size / 2, fill));
          this.push(null);
        });
      },
    });
  });
}

describe('S3 conditional writes (If-None-Match, If-Match) on PutObject and CompleteMultipartUpload', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess({ args: ['--min-part-size', String(5 * KiB)] });
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  async function completeWith(Key: string, body: string, condition: { IfMatch?: string; IfNoneMatch?: string }) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: body }));
    return s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag! }] },
        ...condition,
      }),
    );
  }

  it('creates with If-None-Match: * only when no object exists, and overwrites with If-Match only on a matching ETag', async () => {
    const Key = 'put';
    const created = await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'one', IfNoneMatch: '*' }));
    const refused = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'two', IfNoneMatch: '*' })));
    assert.deepEqual([refused.status, refused.name], [412, 'PreconditionFailed']);
    const sameTag = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'two', IfNoneMatch: created.ETag! })));
    assert.deepEqual([sameTag.status, sameTag.name], [412, 'PreconditionFailed']);
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'one', IfNoneMatch: '"0123456789abcdef0123456789abcdef"' }));

    const wrong = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'three', IfMatch: '"badetag"' })));
    assert.deepEqual([wrong.status, wrong.name], [412, 'PreconditionFailed']);
    const replaced = await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'three', IfMatch: created.ETag! }));
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'four', IfMatch: '*' }));
    assert.notEqual(replaced.ETag, created.ETag);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    assert.equal((await bodyBytes(got.Body)).toString(), 'four');

    await s3.send(new DeleteObjectCommand({ Bucket, Key }));
    for (const IfMatch of ['*', '"badetag"']) {
      const missing = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body: 'five', IfMatch })));
      assert.deepEqual([missing.status, missing.name], [404, 'NoSuchKey']);
    }
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key })))).status, 404);
  });

  it('refuses a conditional PutObject that cannot succeed before reading its body, and keeps the object', async () => {
    const Key = 'early';
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'kept' }));
    // A body that never ends: the answer can only come before the server reads it. Above 2 MiB the SDK
    // sends Expect: 100-continue and waits, and the server answers without asking for the body.
    const endless = new Readable({ read() {} });
    endless.push(Buffer.alloc(64 * KiB, 7));
    const refused = await sdkError(
      s3.send(new PutObjectCommand({ Bucket, Key, Body: endless, ContentLength: 4096 * KiB, IfNoneMatch: '*' })),
    );
    endless.destroy();
    assert.deepEqual([refused.status, refused.name], [412, 'PreconditionFailed']);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    assert.equal((await bodyBytes(got.Body)).toString(), 'kept');
  });

  it('completes a multipart upload under the same conditions', async () => {
    const Key = 'multipart';
    const first = await completeWith(Key, 'abc', { IfNoneMatch: '*' });
    for (const IfNoneMatch of ['*', first.ETag!]) {
      const refused = await sdkError(completeWith(Key, 'abc', { IfNoneMatch }));
      assert.deepEqual([refused.status, refused.name], [412, 'PreconditionFailed']);
    }
    const second = await completeWith(Key, 'def', { IfNoneMatch: '"badetag"' });
    const third = await completeWith(Key, 'ghi', { IfMatch: second.ETag! });
    const wrong = await sdkError(completeWith(Key, 'jkl', { IfMatch: '"badetag"' }));
    assert.deepEqual([wrong.status, wrong.name], [412, 'PreconditionFailed']);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key }));
    assert.equal(head.ETag, third.ETag);
    await s3.send(new DeleteObjectCommand({ Bucket, Key }));
    for (const IfMatch of ['*', '"badetag"']) {
      const missing = await sdkError(completeWith(Key, 'mno', { IfMatch }));
      assert.deepEqual([missing.status, missing.name], [404, 'NoSuchKey']);
    }
    await completeWith(Key, 'pqr', { IfNoneMatch: first.ETag! });
    await completeWith(Key, 'stu', { IfMatch: '*' });
  });

  it('lets exactly one of two racing If-None-Match: * PutObjects create the object; the other gets 412', async () => {
    const size = 256 * KiB;
    for (let round = 0; round < 5; round++) {
      const Key = `put-race-${round}`;
      const bodies = gatedBodies(size, [1, 2]);
      const results = await Promise.allSettled(
        bodies.map((Body) => s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentLength: size, IfNoneMatch: '*' }))),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      assert.equal(won.length, 1, `round ${round}: ${JSON.stringify(results.map((r) => r.status))}`);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      const e = lost.reason as { name: string; $metadata: { httpStatusCode: number } };
      assert.deepEqual([e.$metadata.httpStatusCode, e.name], [412, 'PreconditionFailed']);
      const got = await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key }))).Body);
      assert.ok(got.equals(Buffer.alloc(size, won[0]! + 1)), 'the object holds the winner’s bytes');
    }
  });

  it('lets exactly one of two racing If-None-Match: * completions create the object; the other gets 412', async () => {
    for (let round = 0; round < 5; round++) {
      const Key = `complete-race-${round}`;
      const uploads = await Promise.all(
        ['first', 'second'].map(async (body) => {
          const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
          const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: body }));
          return { UploadId: UploadId!, ETag: part.ETag!, body };
        }),
      );
      const results = await Promise.allSettled(
        uploads.map((u) =>
          s3.send(
            new CompleteMultipartUploadCommand({
              Bucket,
              Key,
              UploadId: u.UploadId,
              MultipartUpload: { Parts: [{ PartNumber: 1, ETag: u.ETag }] },
              IfNoneMatch: '*',
            }),
          ),
        ),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      assert.equal(won.length, 1, `round ${round}`);
      const e = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as {
        name: string;
        $metadata: { httpStatusCode: number };
      };
      assert.deepEqual([e.$metadata.httpStatusCode, e.name], [412, 'PreconditionFailed']);
      const got = await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key }))).Body);
      assert.equal(got.toString(), uploads[won[0]!]!.body);
    }
  });

  it('answers 409 ConditionalRequestConflict when the object an If-Match PutObject matched is deleted before it commits', async () => {
    const Key = 'deleted-meanwhile';
    const size = 256 * KiB;
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'original' }));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pulled!: () => void;
    const started = new Promise<void>((resolve) => (pulled = resolve));
    let step = 0;
    const Body = new Readable({
      read() {
        if (step++ === 0) {
          this.push(Buffer.alloc(size / 2, 3));
          pulled();
        } else if (step === 2)
          void gate.then(() => {
            this.push(Buffer.alloc(size / 2, 3));
            this.push(null);
          });
      },
    });
    const put = sdkError(s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentLength: size, IfMatch: ETag! })));
    await started;
    await new Promise((r) => setTimeout(r, 200));
    await s3.send(new DeleteObjectCommand({ Bucket, Key }));
    release();
    const e = await put;
    assert.deepEqual([e.status, e.name], [409, 'ConditionalRequestConflict']);
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key })))).status, 404);
  });
});
