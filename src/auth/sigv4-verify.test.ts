import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifySigV4, sigV4ScopeOf, type SigV4VerifyOptions } from './sigv4-verify.js';
import { EXAMPLE_AKID, EXAMPLE_TIME, exampleKey, lookupOf, rejectsWith, testRequest } from './test-fixtures.js';
import { EMPTY_SHA256 } from './hashes.js';

const s3: SigV4VerifyOptions = { region: 'us-east-1', services: ['s3'], lookupKey: lookupOf(exampleKey), now: EXAMPLE_TIME };
const host = 'examplebucket.s3.amazonaws.com';
const auth = (signedHeaders: string, signature: string) =>
  `AWS4-HMAC-SHA256 Credential=${EXAMPLE_AKID}/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`;

/** The four header-signed examples of "Examples: Signature Calculations in AWS Signature Version 4". */
const docExamples = {
  getObject: () =>
    testRequest({
      path: '/test.txt',
      headers: {
        host,
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY_SHA256,
        'x-amz-date': '20130524T000000Z',
        authorization: auth(
          'host;range;x-amz-content-sha256;x-amz-date',
          'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
        ),
      },
    }),
  putObject: (path: string) =>
    testRequest({
      method: 'PUT',
      path,
      headers: {
        host,
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
        authorization: auth(
          'date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class',
          '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
        ),
      },
      body: 'Welcome to Amazon S3.',
    }),
  getLifecycle: () =>
    testRequest({
      path: '/',
      query: 'lifecycle',
      headers: {
        host,
        'x-amz-date': '20130524T000000Z',
        'x-amz-content-sha256': EMPTY_SHA256,
        authorization: auth('host;x-amz-content-sha256;x-amz-date', 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543'),
      },
    }),
  listObjects: () =>
    testRequest({
      path: '/',
      query: 'max-keys=2&prefix=J',
      headers: {
        host,
        'x-amz-date': '20130524T000000Z',
        'x-amz-content-sha256': EMPTY_SHA256,
        authorization: auth('host;x-amz-content-sha256;x-amz-date', '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7'),
      },
    }),
  presignedGet: (query = '') =>
    testRequest({
      path: '/test.txt',
      query:
        'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
        '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404' +
        query,
      headers: { host },
    }),
};

describe('verifySigV4 with the AWS documentation examples', () => {
  it('accepts GET Object with a Range header', async () => {
    const result = await verifySigV4(docExamples.getObject(), s3);
    assert.equal(result.kind, 'sigv4');
    assert.deepEqual(result.principal, { accountId: '123456789012', userName: null, accessKeyId: EXAMPLE_AKID });
    assert.equal(result.kind === 'sigv4' && result.via, 'header');
    assert.deepEqual(result.payload, { mode: 'sha256', sha256: EMPTY_SHA256 });
  });

  it('accepts PUT Object whether the path is sent as test$file.text or test%24file.text', async () => {
    for (const path of ['/test$file.text', '/test%24file.text']) {
      const result = await verifySigV4(docExamples.putObject(path), s3);
      assert.equal(result.kind, 'sigv4', path);
    }
  });

  it('accepts GET Bucket lifecycle (a sub-resource without a value)', async () => {
    assert.equal((await verifySigV4(docExamples.getLifecycle(), s3)).kind, 'sigv4');
  });

  it('accepts GET Bucket (list objects) with sorted query parameters', async () => {
    assert.equal((await verifySigV4(docExamples.listObjects(), s3)).kind, 'sigv4');
  });

  it('accepts the presigned GET example and reports when it expires', async () => {
    const result = await verifySigV4(docExamples.presignedGet(), s3);
    assert.equal(result.kind, 'sigv4');
    if (result.kind !== 'sigv4') return;
    assert.equal(result.via, 'query');
    assert.equal(result.expiresAt, EXAMPLE_TIME + 86_400_000);
    assert.deepEqual(result.payload, { mode: 'unsigned' });
  });

  it('refuses the presigned example once it has expired, with AccessDenied "Request has expired"', async () => {
    const err = await rejectsWith(verifySigV4(docExamples.presignedGet(), { ...s3, now: EXAMPLE_TIME + 86_400_001 }), 'AccessDenied');
    assert.equal(err.message, 'Request has expired');
    assert.equal(err.details['Expires'], '2013-05-25T00:00:00Z');
    assert.equal(err.details['ServerTime'], '2013-05-25T00:00:00Z');
  });

  it('still accepts the presigned example in its last millisecond', async () => {
    assert.equal((await verifySigV4(docExamples.presignedGet(), { ...s3, now: EXAMPLE_TIME + 86_400_000 })).kind, 'sigv4');
  });
});

describe('verifySigV4 errors', () => {
  it('answers SignatureDoesNotMatch with the string to sign and canonical request when a signed header changed', async () => {
    const req = docExamples.getObject();
    const tampered = { ...req, headers: { ...req.headers, range: 'bytes=0-10' } };
    const err = await rejectsWith(verifySigV4(tampered, s3), 'SignatureDoesNotMatch');
    assert.equal(err.details['AWSAccessKeyId'], EXAMPLE_AKID);
    assert.equal(err.details['SignatureProvided'], 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    assert.equal(
      err.details['CanonicalRequest'],
      `GET\n/test.txt\n\nhost:${host}\nrange:bytes=0-10\nx-amz-content-sha256:${EMPTY_SHA256}\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n${EMPTY_SHA256}`,
    );
    assert.match(
      String(err.details['StringToSign']),
      /^AWS4-HMAC-SHA256\n20130524T000000Z\n20130524\/us-east-1\/s3\/aws4_request\n[0-9a-f]{64}$/,
    );
  });

  it('answers SignatureDoesNotMatch when the query changed', async () => {
    const req = docExamples.listObjects();
    await rejectsWith(verifySigV4({ ...req, rawQuery: 'max-keys=3&prefix=J' }, s3), 'SignatureDoesNotMatch');
  });

  it('answers SignatureDoesNotMatch for a wrong secret', async () => {
    const lookupKey = lookupOf({ ...exampleKey, secretAccessKey: 'not-the-secret' });
    await rejectsWith(verifySigV4(docExamples.getObject(), { ...s3, lookupKey }), 'SignatureDoesNotMatch');
  });

  it('answers InvalidAccessKeyId for an unknown access key', async () => {
    const err = await rejectsWith(verifySigV4(docExamples.getObject(), { ...s3, lookupKey: lookupOf() }), 'InvalidAccessKeyId');
    assert.equal(err.details['AWSAccessKeyId'], EXAMPLE_AKID);
  });

  it('answers RequestTimeTooSkewed beyond 15 minutes either way, with the skew details', async () => {
    for (const now of [EXAMPLE_TIME + 900_001, EXAMPLE_TIME - 900_001]) {
      const err = await rejectsWith(verifySigV4(docExamples.getObject(), { ...s3, now }), 'RequestTimeTooSkewed');
      assert.equal(err.details['RequestTime'], '20130524T000000Z');
      assert.equal(err.details['MaxAllowedSkewMilliseconds'], 900000);
      assert.equal(typeof err.details['ServerTime'], 'string');
    }
    assert.equal((await verifySigV4(docExamples.getObject(), { ...s3, now: EXAMPLE_TIME + 900_000 })).kind, 'sigv4');
  });

  it('answers AuthorizationMalformed naming the expected region when the scope has another', async () => {
    const err = await rejectsWith(verifySigV4(docExamples.getObject(), { ...s3, region: 'eu-west-1' }), 'AuthorizationMalformed');
    assert.equal(err.message, "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'");
    assert.equal(err.details['Region'], 'eu-west-1');
  });

  it('answers AuthorizationMalformed when the scope names a service this endpoint does not serve', async () => {
    await rejectsWith(verifySigV4(docExamples.getObject(), { ...s3, services: ['glacier'] }), 'AuthorizationMalformed');
  });

  it('answers AuthorizationMalformed for a header without Signature or with a bad credential', async () => {
    const base = docExamples.getObject();
    for (const authorization of [
      `AWS4-HMAC-SHA256 Credential=${EXAMPLE_AKID}/20130524/us-east-1/s3/aws4_request, SignedHeaders=host`,
      `AWS4-HMAC-SHA256 Credential=${EXAMPLE_AKID}/20130524/us-east-1/s3/aws5_request, SignedHeaders=host, Signature=00`,
      `AWS4-HMAC-SHA256 Credential=${EXAMPLE_AKID}/20130525/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00`,
      'AWS4-HMAC-SHA256 garbage',
    ]) {
      await rejectsWith(verifySigV4({ ...base, headers: { ...base.headers, authorization } }, s3), 'AuthorizationMalformed');
    }
  });

  it('answers AccessDenied when neither x-amz-date nor Date is present', async () => {
    const base = docExamples.getObject();
    const headers: Record<string, string> = { ...base.headers };
    delete headers['x-amz-date'];
    await rejectsWith(verifySigV4({ ...base, headers }, s3), 'AccessDenied');
  });

  it('answers AccessDenied naming x-amz-* headers that were sent but not signed', async () => {
    const base = docExamples.getObject();
    const err = await rejectsWith(verifySigV4({ ...base, headers: { ...base.headers, 'x-amz-acl': 'public-read' } }, s3), 'AccessDenied');
    assert.equal(err.details['HeadersNotSigned'], 'x-amz-acl');
  });

  it('answers InvalidArgument when both an Authorization header and presigned parameters are present', async () => {
    const req = docExamples.presignedGet();
    await rejectsWith(verifySigV4({ ...req, headers: { ...req.headers, authorization: 'AWS4-HMAC-SHA256 x' } }, s3), 'InvalidArgument');
  });

  it('answers InvalidArgument for an x-amz-content-sha256 value S3 does not know', async () => {
    const base = docExamples.getObject();
    const err = await rejectsWith(
      verifySigV4({ ...base, headers: { ...base.headers, 'x-amz-content-sha256': 'abc' } }, s3),
      'InvalidArgument',
    );
    assert.equal(err.details['ArgumentName'], 'x-amz-content-sha256');
  });

  it('answers AccessDenied for X-Amz-Expires above 604800 seconds, and for zero or negative ones', async () => {
    const req = docExamples.presignedGet();
    const err = await rejectsWith(
      verifySigV4({ ...req, rawQuery: req.rawQuery.replace('X-Amz-Expires=86400', 'X-Amz-Expires=604801') }, s3),
      'AccessDenied',
    );
    assert.equal(err.details['X-Amz-Expires'], '604801');
    for (const value of ['0', '-7']) {
      const expired = await rejectsWith(
        verifySigV4({ ...req, rawQuery: req.rawQuery.replace('X-Amz-Expires=86400', `X-Amz-Expires=${value}`) }, s3),
        'AccessDenied',
      );
      assert.equal(expired.message, 'Request has expired');
    }
  });

  it('answers AuthorizationMalformed for a presigned URL that lacks a parameter', async () => {
    const req = docExamples.presignedGet();
    await rejectsWith(
      verifySigV4({ ...req, rawQuery: req.rawQuery.replace('&X-Amz-SignedHeaders=host', '') }, s3),
      'AuthorizationMalformed',
    );
  });

  it('refuses a presigned URL dated more than 15 minutes in the future', async () => {
    const err = await rejectsWith(verifySigV4(docExamples.presignedGet(), { ...s3, now: EXAMPLE_TIME - 900_001 }), 'AccessDenied');
    assert.equal(err.message, 'Request is not valid yet');
  });

  it('answers SignatureDoesNotMatch when a parameter is added to a presigned URL', async () => {
    await rejectsWith(verifySigV4(docExamples.presignedGet('&x-id=GetObject'), s3), 'SignatureDoesNotMatch');
  });
});

describe('verifySigV4 without credentials', () => {
  it('returns anonymous for a request without any authentication', async () => {
    const result = await verifySigV4(testRequest({ path: '/bucket/key', headers: { host } }), s3);
    assert.deepEqual(result, { kind: 'anonymous', principal: null, payload: { mode: 'unsigned' } });
  });

  it('still checks a hex x-amz-content-sha256 of an anonymous request', async () => {
    const result = await verifySigV4(testRequest({ path: '/b/k', headers: { 'x-amz-content-sha256': EMPTY_SHA256 } }), s3);
    assert.deepEqual(result.payload, { mode: 'sha256', sha256: EMPTY_SHA256 });
  });

  it('refuses a signed streaming payload on an anonymous request', async () => {
    const req = testRequest({ path: '/b/k', headers: { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' } });
    await rejectsWith(verifySigV4(req, s3), 'InvalidRequest');
  });
});

describe('sigV4ScopeOf', () => {
  it('reads the credential scope from the header or the presigned query without verifying', () => {
    assert.equal(sigV4ScopeOf(docExamples.getObject())?.service, 's3');
    assert.equal(sigV4ScopeOf(docExamples.presignedGet())?.region, 'us-east-1');
    assert.equal(sigV4ScopeOf(testRequest({ path: '/' })), undefined);
  });
});
