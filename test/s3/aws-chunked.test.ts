import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { zlib } from '../support/zlib-crc.js';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  encodeAwsChunked,
  signRequest,
  STREAMING_SIGNED,
  STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
} from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { errorCode, rawS3 } from '../support/raw-s3.js';
import { s3Client, sdkError } from '../support/s3-client.js';

const crc32Base64 = (data: Buffer) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(zlib.crc32(data) >>> 0);
  return b.toString('base64');
};

describe('aws-chunked request bodies', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'chunked' }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  async function put(key: string, mode: string, chunks: Buffer[], trailers?: Record<string, string>) {
    const url = new URL(server.url);
    const decoded = chunks.reduce((n, c) => n + c.length, 0);
    const headers: Record<string, string> = {
      host: url.host,
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': String(decoded),
    };
    if (trailers !== undefined) headers['x-amz-trailer'] = Object.keys(trailers).join(',');
    const signed = signRequest({ method: 'PUT', path: `/chunked/${key}`, headers }, testCredentials, {
      region: 'us-east-1',
      service: 's3',
      payloadHash: mode,
    });
    const wire = Buffer.concat([
      ...encodeAwsChunked(chunks, {
        ...(mode === STREAMING_UNSIGNED_TRAILER ? {} : { signing: signed.chunkSigning }),
        ...(trailers === undefined ? {} : { trailers }),
      }),
    ]);
    return rawS3(server, {
      method: 'PUT',
      path: `/chunked/${key}`,
      headers: { ...signed.headers, 'content-length': String(wire.length) },
      body: wire,
      anonymous: true,
    });
  }

  const data = [Buffer.alloc(65_536, 'a'), Buffer.alloc(40_000, 'b'), Buffer.from('tail')];
  const whole = Buffer.concat(data);

  it('stores a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body with every chunk signature checked', async () => {
    const res = await put('signed', STREAMING_SIGNED, data);
    assert.equal(res.status, 200, res.body);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'chunked', Key: 'signed' }));
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(whole));
  });

  it('stores signed and unsigned trailer bodies and keeps the trailing CRC-32 as the object checksum', async () => {
    for (const [key, mode] of [
      ['signed-trailer', STREAMING_SIGNED_TRAILER],
      ['unsigned-trailer', STREAMING_UNSIGNED_TRAILER],
    ] as const) {
      const res = await put(key, mode, data, { 'x-amz-checksum-crc32': crc32Base64(whole) });
      assert.equal(res.status, 200, `${mode}: ${res.body}`);
      assert.equal(res.headers['x-amz-checksum-crc32'], crc32Base64(whole));
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'chunked', Key: key, ChecksumMode: 'ENABLED' }));
      assert.equal(head.ChecksumCRC32, crc32Base64(whole));
      assert.equal(head.ContentLength, whole.length);
    }
  });

  it('refuses a trailing checksum that does not match the body, storing nothing', async () => {
    const res = await put('bad-trailer', STREAMING_UNSIGNED_TRAILER, data, { 'x-amz-checksum-crc32': crc32Base64(Buffer.from('other')) });
    assert.equal(res.status, 400);
    assert.equal(errorCode(res.body), 'BadDigest');
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket: 'chunked', Key: 'bad-trailer' })))).status, 404);
  });
});
