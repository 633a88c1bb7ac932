import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeAwsChunked } from './aws-chunked-encode.js';
import { sha256Hex } from './hashes.js';
import { requestBody } from './request-body.js';
import { signRequest } from './sign-request.js';
import { verifySigV4 } from './sigv4-verify.js';
import {
  EXAMPLE_AKID,
  EXAMPLE_SECRET,
  collect,
  exampleKey,
  lookupOf,
  rejectsWith,
  seededRandom,
  splitRandomly,
  testRequest,
} from './test-fixtures.js';

const now = Date.UTC(2024, 0, 2, 3, 4, 5);
const options = { region: 'us-east-1', services: ['s3'], lookupKey: lookupOf(exampleKey), now };
const credentials = { accessKeyId: EXAMPLE_AKID, secretAccessKey: EXAMPLE_SECRET };

/** Signs a PUT with the given payload hash and extra headers, and sends `wire` as its body in `pieces`. */
function signedPut(payloadHash: string, wire: Buffer, extraHeaders: Record<string, string> = {}, pieces?: Buffer[]) {
  const signed = signRequest({ method: 'PUT', path: '/bucket/key', headers: { host: 'localhost:9000', ...extraHeaders } }, credentials, {
    region: 'us-east-1',
    service: 's3',
    now,
    payloadHash,
  });
  return { signed, request: testRequest({ method: 'PUT', path: '/bucket/key', headers: signed.headers, body: pieces ?? [wire] }) };
}

describe('requestBody', () => {
  it('passes an UNSIGNED-PAYLOAD body through', async () => {
    const { request } = signedPut('UNSIGNED-PAYLOAD', Buffer.from('hello'), { 'content-length': '5' });
    const body = requestBody(request, await verifySigV4(request, options));
    assert.equal(body.contentLength, 5);
    assert.equal((await collect(body)).toString(), 'hello');
    assert.deepEqual(body.trailers(), {});
  });

  it('delivers a body whose SHA-256 matches x-amz-content-sha256', async () => {
    const data = Buffer.from('Welcome to Amazon S3.');
    const { request } = signedPut(sha256Hex(data), data);
    assert.equal((await collect(requestBody(request, await verifySigV4(request, options)))).toString(), 'Welcome to Amazon S3.');
  });

  it('throws ContentSha256Mismatch at the end of a body whose SHA-256 differs, with both hashes', async () => {
    const { request } = signedPut(sha256Hex('something else'), Buffer.from('Welcome to Amazon S3.'));
    const body = requestBody(request, await verifySigV4(request, options));
    const err = await rejectsWith(collect(body), 'ContentSha256Mismatch');
    assert.equal(err.details['ClientComputedContentSHA256'], sha256Hex('something else'));
    assert.equal(err.details['S3ComputedContentSHA256'], sha256Hex('Welcome to Amazon S3.'));
  });

  it('decodes a signed aws-chunked body split at random points and verifies every chunk', async () => {
    const random = seededRandom(5);
    const data = Buffer.from(Array.from({ length: 300_000 }, () => Math.floor(random() * 256)));
    const headers = { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(data.length) };
    const signed = signRequest({ method: 'PUT', path: '/bucket/key', headers: { host: 'h', ...headers } }, credentials, {
      region: 'us-east-1',
      service: 's3',
      now,
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    });
    const wire = Buffer.concat([
      ...encodeAwsChunked([data.subarray(0, 65536), data.subarray(65536, 200_000), data.subarray(200_000)], {
        signing: signed.chunkSigning,
      }),
    ]);
    const request = testRequest({ method: 'PUT', path: '/bucket/key', headers: signed.headers, body: splitRandomly(wire, random, 9000) });
    const auth = await verifySigV4(request, options);
    assert.equal(auth.payload.mode, 'aws-chunked');
    const body = requestBody(request, auth);
    assert.equal(body.contentLength, data.length);
    assert.ok((await collect(body)).equals(data));
  });

  it('decodes a signed aws-chunked body with a signed trailer and delivers the trailer afterwards', async () => {
    const headers = { 'x-amz-decoded-content-length': '11', 'x-amz-trailer': 'x-amz-checksum-crc32' };
    const signed = signRequest({ method: 'PUT', path: '/bucket/key', headers: { host: 'h', ...headers } }, credentials, {
      region: 'us-east-1',
      service: 's3',
      now,
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
    });
    const wire = Buffer.concat([
      ...encodeAwsChunked([Buffer.from('hello world')], { signing: signed.chunkSigning, trailers: { 'x-amz-checksum-crc32': 'DUoRhQ==' } }),
    ]);
    const request = testRequest({ method: 'PUT', path: '/bucket/key', headers: signed.headers, body: wire });
    const body = requestBody(request, await verifySigV4(request, options));
    assert.throws(() => body.trailers(), /before the request body was read/);
    assert.equal((await collect(body)).toString(), 'hello world');
    assert.deepEqual(body.trailers(), { 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });

  it('refuses a signed chunked body whose trailer signature is wrong', async () => {
    const headers = { 'x-amz-trailer': 'x-amz-checksum-crc32' };
    const signed = signRequest({ method: 'PUT', path: '/b/k', headers: { host: 'h', ...headers } }, credentials, {
      region: 'us-east-1',
      service: 's3',
      now,
      payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
    });
    const wire = Buffer.concat([
      ...encodeAwsChunked([Buffer.from('x')], { signing: signed.chunkSigning, trailers: { 'x-amz-checksum-crc32': 'AAAAAA==' } }),
    ]);
    const forged = Buffer.from(wire.toString('latin1').replace('AAAAAA==', 'BBBBBB=='), 'latin1');
    const request = testRequest({ method: 'PUT', path: '/b/k', headers: signed.headers, body: forged });
    await rejectsWith(collect(requestBody(request, await verifySigV4(request, options))), 'SignatureDoesNotMatch');
  });

  it('decodes STREAMING-UNSIGNED-PAYLOAD-TRAILER and delivers the trailer named by x-amz-trailer', async () => {
    const wire = Buffer.from('a\r\naaaaaaaaaa\r\n0\r\nx-amz-checksum-crc32:TBHN8A==\r\n\r\n');
    const { request } = signedPut('STREAMING-UNSIGNED-PAYLOAD-TRAILER', wire, {
      'x-amz-trailer': 'x-amz-checksum-crc32',
      'x-amz-decoded-content-length': '10',
    });
    const body = requestBody(request, await verifySigV4(request, options));
    assert.equal((await collect(body)).toString(), 'aaaaaaaaaa');
    assert.deepEqual(body.trailers(), { 'x-amz-checksum-crc32': 'TBHN8A==' });
  });

  it('answers IncompleteBody for a truncated chunked body', async () => {
    const wire = Buffer.from('a\r\naaaaaaaaaa\r\n0\r\nx-amz-checksum-crc32:TBHN8A==\r\n\r\n');
    const { request } = signedPut('STREAMING-UNSIGNED-PAYLOAD-TRAILER', wire.subarray(0, 12), { 'x-amz-decoded-content-length': '10' });
    await rejectsWith(collect(requestBody(request, await verifySigV4(request, options))), 'IncompleteBody');
  });

  it('answers InvalidArgument for a non-numeric x-amz-decoded-content-length', async () => {
    const { request } = signedPut('STREAMING-UNSIGNED-PAYLOAD-TRAILER', Buffer.from('0\r\n\r\n'), {
      'x-amz-decoded-content-length': 'ten',
    });
    const auth = await verifySigV4(request, options);
    await rejectsWith(async () => requestBody(request, auth), 'InvalidArgument');
  });

  it('can be read only once', async () => {
    const { request } = signedPut('UNSIGNED-PAYLOAD', Buffer.from('x'));
    const body = requestBody(request, await verifySigV4(request, options));
    await collect(body);
    assert.throws(() => body[Symbol.asyncIterator]());
  });
});
