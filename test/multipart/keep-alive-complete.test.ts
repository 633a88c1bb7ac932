import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { errorCode, rawS3 } from '../support/raw-s3.js';
import { s3Client, sdkError } from '../support/s3-client.js';

describe('a CompleteMultipartUpload that answers 200 early and keeps the connection alive', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    // Every completion takes the slow path: headers at once, whitespace, then the outcome in the body.
    server = await startCairnProcess({ args: ['--keep-alive-after', '0ms', '--min-part-size', '1'] });
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'slow' }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('delivers the result document after the whitespace, and the SDK reads it', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'slow', Key: 'k' }));
    const part = await s3.send(new UploadPartCommand({ Bucket: 'slow', Key: 'k', UploadId, PartNumber: 1, Body: 'data' }));
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'slow',
        Key: 'k',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    assert.match(done.ETag ?? '', /-1"$/);
    assert.equal(done.Key, 'k');
  });

  it('delivers an error inside a 200 response, and the SDK raises it', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'slow', Key: 'bad' }));
    const raw = await rawS3(server, {
      method: 'POST',
      path: '/slow/bad',
      query: `uploadId=${UploadId!}`,
      body: '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>',
    });
    assert.equal(raw.status, 200);
    assert.match(raw.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n\s*<Error>/);
    assert.equal(errorCode(raw.body), 'InvalidPart');
    const e = await sdkError(
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'slow',
          Key: 'bad',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"x"' }] },
        }),
      ),
    );
    assert.equal(e.name, 'InvalidPart');
  });
});
