import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { encodeAwsChunked, signRequest, STREAMING_SIGNED } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { errorCode, rawS3 } from '../support/raw-s3.js';
import { s3Client, sdkError } from '../support/s3-client.js';

const Bucket = 'bad-input';

function blobFiles(server: CairnProcess): string[] {
  const root = path.join(server.dataDir, 'blobs');
  return readdirSync(root).flatMap((d) => readdirSync(path.join(root, d)));
}

describe('bad input gets the S3 error and changes nothing', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    // Every body in a file of its own: the test proves "nothing changed" by the files on disk.
    server = await startCairnProcess({ args: ['--inline-max-size', '0'] });
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'keep', Body: 'original' }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  async function unchanged(): Promise<void> {
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'keep' }));
    assert.equal(await got.Body?.transformToString(), 'original');
    assert.equal(blobFiles(server).length, 1, 'only the one original blob is on disk');
  }

  it('refuses a wrong secret with SignatureDoesNotMatch and the canonical request', async () => {
    const wrong = s3Client(server, { accessKeyId: testCredentials.accessKeyId, secretAccessKey: 'not-the-secret' });
    const e = await sdkError(wrong.send(new PutObjectCommand({ Bucket, Key: 'keep', Body: 'overwritten?' })));
    assert.equal(e.name, 'SignatureDoesNotMatch');
    assert.equal(e.status, 403);
    const raw = await rawS3(server, {
      method: 'PUT',
      path: `/${Bucket}/keep`,
      body: 'x',
      sign: { credentials: { accessKeyId: testCredentials.accessKeyId, secretAccessKey: 'nope' } },
    });
    assert.equal(errorCode(raw.body), 'SignatureDoesNotMatch');
    assert.match(raw.body, /<CanonicalRequest>PUT\n\/bad-input\/keep\n/);
    assert.match(raw.body, /<StringToSign>AWS4-HMAC-SHA256\n/);
    wrong.destroy();
    await unchanged();
  });

  it('refuses an unknown access key with InvalidAccessKeyId and a skewed clock with RequestTimeTooSkewed', async () => {
    const unknown = await rawS3(server, {
      method: 'PUT',
      path: `/${Bucket}/keep`,
      body: 'x',
      sign: { credentials: { accessKeyId: 'CKUNKNOWNKEY00000000', secretAccessKey: 's' } },
    });
    assert.equal(unknown.status, 403);
    assert.equal(errorCode(unknown.body), 'InvalidAccessKeyId');
    const skewed = await rawS3(server, { method: 'PUT', path: `/${Bucket}/keep`, body: 'x', sign: { now: Date.now() - 20 * 60_000 } });
    assert.equal(skewed.status, 403);
    assert.equal(errorCode(skewed.body), 'RequestTimeTooSkewed');
    await unchanged();
  });

  it('refuses an expired presigned URL with AccessDenied', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'keep' }), {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 3600_000),
    });
    const res = await fetch(url, { method: 'PUT', body: 'late' });
    assert.equal(res.status, 403);
    const text = await res.text();
    assert.equal(errorCode(text), 'AccessDenied');
    assert.match(text, /Request has expired/);
    await unchanged();
  });

  it('refuses a body whose chunk signature was tampered with, keeping no bytes', async () => {
    const url = new URL(server.url);
    const data = [Buffer.alloc(70_000, 1), Buffer.alloc(30_000, 2)];
    const decodedLength = 100_000;
    const signed = signRequest(
      {
        method: 'PUT',
        path: `/${Bucket}/keep`,
        headers: { host: url.host, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(decodedLength) },
      },
      testCredentials,
      { region: 'us-east-1', service: 's3', payloadHash: STREAMING_SIGNED },
    );
    const wire = Buffer.concat([...encodeAwsChunked(data, { signing: signed.chunkSigning })]);
    // Flip one byte of the second chunk's data: its signature no longer matches.
    wire[wire.length - 1000] = (wire[wire.length - 1000] ?? 0) ^ 0xff;
    const res = await rawS3(server, {
      method: 'PUT',
      path: `/${Bucket}/keep`,
      headers: { ...signed.headers, 'content-length': String(wire.length) },
      body: wire,
      anonymous: true,
    });
    assert.equal(res.status, 403);
    assert.equal(errorCode(res.body), 'SignatureDoesNotMatch');
    await unchanged();
  });

  it('refuses a payload whose SHA-256 differs from x-amz-content-sha256, and a wrong Content-MD5', async () => {
    const url = new URL(server.url);
    const claimed = createHash('sha256').update('something else').digest('hex');
    const signed = signRequest({ method: 'PUT', path: `/${Bucket}/keep`, headers: { host: url.host } }, testCredentials, {
      region: 'us-east-1',
      service: 's3',
      payloadHash: claimed,
    });
    const res = await rawS3(server, {
      method: 'PUT',
      path: `/${Bucket}/keep`,
      headers: signed.headers,
      body: 'actual body',
      anonymous: true,
    });
    assert.equal(res.status, 400);
    assert.equal(errorCode(res.body), 'XAmzContentSHA256Mismatch');
    const md5 = await rawS3(server, {
      method: 'PUT',
      path: `/${Bucket}/keep`,
      headers: { 'content-md5': createHash('md5').update('other').digest('base64') },
      body: 'body',
    });
    assert.equal(md5.status, 400);
    assert.equal(errorCode(md5.body), 'BadDigest');
    const crc = await rawS3(server, {
      method: 'PUT',
      path: `/${Bucket}/keep`,
      headers: { 'x-amz-checksum-crc32': 'AAAAAA==' },
      body: 'body',
    });
    assert.equal(crc.status, 400);
    assert.equal(errorCode(crc.body), 'BadDigest');
    await unchanged();
  });

  it('refuses malformed XML in DeleteObjects with MalformedXML', async () => {
    const body = '<Delete><Object><Key>keep</Key></Object>';
    const res = await rawS3(server, {
      method: 'POST',
      path: `/${Bucket}`,
      query: 'delete=',
      headers: { 'content-md5': createHash('md5').update(body).digest('base64') },
      body,
    });
    assert.equal(res.status, 400);
    assert.equal(errorCode(res.body), 'MalformedXML');
    await unchanged();
  });

  it('refuses an oversized XML body with MaxMessageLengthExceeded', async () => {
    const objects = Array.from({ length: 30_000 }, (_, i) => `<Object><Key>keep-${'x'.repeat(60)}-${i}</Key></Object>`).join('');
    const body = `<Delete>${objects}<Object><Key>keep</Key></Object></Delete>`;
    assert.ok(body.length > 2 * 1024 * 1024);
    const res = await rawS3(server, {
      method: 'POST',
      path: `/${Bucket}`,
      query: 'delete=',
      headers: { 'content-md5': createHash('md5').update(body).digest('base64') },
      body,
    });
    assert.equal(res.status, 400);
    assert.equal(errorCode(res.body), 'MaxMessageLengthExceeded');
    await unchanged();
  });

  it('refuses a PutObject without Content-Length with MissingContentLength', async () => {
    const res = await rawS3(server, {
      method: 'PUT',
      path: `/${Bucket}/keep`,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      body: [Buffer.from('streamed '), Buffer.from('without length')],
      sign: { payloadHash: 'UNSIGNED-PAYLOAD' },
    });
    assert.equal(res.status, 411);
    assert.equal(errorCode(res.body), 'MissingContentLength');
    await unchanged();
    const head = await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'never' })));
    assert.equal(head.status, 404);
  });
});
