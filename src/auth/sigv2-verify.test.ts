import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { sigV2CanonicalResource, sigV2StringToSign } from './sigv2-string-to-sign.js';
import { verifySigV2, type SigV2VerifyOptions } from './sigv2-verify.js';
import { EXAMPLE_AKID, EXAMPLE_SECRET, exampleKey, lookupOf, rejectsWith, testRequest } from './test-fixtures.js';

const at = (date: string): SigV2VerifyOptions => ({ lookupKey: lookupOf(exampleKey), now: Date.parse(date) });
const authorization = (signature: string) => `AWS ${EXAMPLE_AKID}:${signature}`;

/** The examples of "Authenticating Requests (AWS Signature Version 2)" in the S3 documentation. */
describe('verifySigV2 with the AWS documentation examples', () => {
  it('accepts Object GET (virtual-hosted: the bucket comes from the Host header)', async () => {
    const date = 'Tue, 27 Mar 2007 19:36:42 +0000';
    const req = testRequest({
      path: '/photos/puppy.jpg',
      headers: { host: 'johnsmith.s3.amazonaws.com', date, authorization: authorization('bWq2s1WEIj+Ydj0vQ697zp+IXMU=') },
    });
    const result = await verifySigV2(req, { ...at(date), bucketFromHost: 'johnsmith' });
    assert.equal(result.kind, 'sigv2');
    assert.deepEqual(result.principal, { accountId: '123456789012', userName: null, accessKeyId: EXAMPLE_AKID });
  });

  it('accepts Object PUT with a Content-Type', async () => {
    const date = 'Tue, 27 Mar 2007 21:15:45 +0000';
    const req = testRequest({
      method: 'PUT',
      path: '/photos/puppy.jpg',
      headers: {
        'content-type': 'image/jpeg',
        'content-length': '94328',
        host: 'johnsmith.s3.amazonaws.com',
        date,
        authorization: authorization('MyyxeRY7whkBe+bq8fHCL/2kKUg='),
      },
    });
    assert.equal((await verifySigV2(req, { ...at(date), bucketFromHost: 'johnsmith' })).kind, 'sigv2');
  });

  it('accepts List, whose query parameters are not sub-resources', async () => {
    const date = 'Tue, 27 Mar 2007 19:42:41 +0000';
    const req = testRequest({
      path: '/',
      query: 'prefix=photos&max-keys=50&marker=puppy',
      headers: {
        'user-agent': 'Mozilla/5.0',
        host: 'johnsmith.s3.amazonaws.com',
        date,
        authorization: authorization('htDYFYduRNen8P9ZfE/s9SuKy0U='),
      },
    });
    assert.equal((await verifySigV2(req, { ...at(date), bucketFromHost: 'johnsmith' })).kind, 'sigv2');
  });

  it('accepts Fetch ?acl, a sub-resource', async () => {
    const date = 'Tue, 27 Mar 2007 19:44:46 +0000';
    const req = testRequest({
      path: '/',
      query: 'acl',
      headers: { host: 'johnsmith.s3.amazonaws.com', date, authorization: authorization('c2WLPFtWHVgbEmeEG93a4cG37dM=') },
    });
    assert.equal((await verifySigV2(req, { ...at(date), bucketFromHost: 'johnsmith' })).kind, 'sigv2');
  });

  it('accepts Delete, path-style, with x-amz-date taking precedence over Date', async () => {
    const req = testRequest({
      method: 'DELETE',
      path: '/johnsmith/photos/puppy.jpg',
      headers: {
        'user-agent': 'dotnet',
        host: 's3.amazonaws.com',
        date: 'Tue, 27 Mar 2007 21:20:27 +0000',
        'x-amz-date': 'Tue, 27 Mar 2007 21:20:26 +0000',
        authorization: authorization('lx3byBScXR6KzyMaifNkardMwNk='),
      },
    });
    assert.equal((await verifySigV2(req, at('Tue, 27 Mar 2007 21:20:26 +0000'))).kind, 'sigv2');
  });

  it('accepts Upload to a CNAME bucket with x-amz-meta headers, one of them repeated', async () => {
    const date = 'Tue, 27 Mar 2007 21:06:08 +0000';
    const req = testRequest({
      method: 'PUT',
      path: '/db-backup.dat.gz',
      headers: {
        'user-agent': 'curl/7.15.5',
        host: 'static.johnsmith.net:8080',
        date,
        'x-amz-acl': 'public-read',
        'content-type': 'application/x-download',
        'content-md5': '4gJE4saaMU4BqNR0kLY+lw==',
        // node:http joins the two X-Amz-Meta-ReviewedBy headers like this
        'x-amz-meta-reviewedby': 'joe@johnsmith.net, jane@johnsmith.net',
        'x-amz-meta-filechecksum': '0x02661779',
        'x-amz-meta-checksumalgorithm': 'crc32',
        'content-disposition': 'attachment; filename=database.dat',
        'content-encoding': 'gzip',
        'content-length': '5913339',
        authorization: authorization('ilyl83RwaSoYIEdixDQcA4OnAnc='),
      },
    });
    assert.equal((await verifySigV2(req, { ...at(date), bucketFromHost: 'static.johnsmith.net' })).kind, 'sigv2');
  });

  it('accepts List All My Buckets', async () => {
    const date = 'Wed, 28 Mar 2007 01:29:59 +0000';
    const req = testRequest({
      path: '/',
      headers: { host: 's3.amazonaws.com', date, authorization: authorization('qGdzdERIC03wnaRNKh6OqZehG9s=') },
    });
    assert.equal((await verifySigV2(req, at(date))).kind, 'sigv2');
  });

  it('accepts Unicode keys, signing the path as sent', async () => {
    const date = 'Wed, 28 Mar 2007 01:49:49 +0000';
    const req = testRequest({
      path: '/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re',
      headers: { host: 's3.amazonaws.com', date, authorization: authorization('DNEZGsoieTZ92F3bUfSPQcbGmlM=') },
    });
    assert.equal((await verifySigV2(req, at(date))).kind, 'sigv2');
  });

  it('accepts the query string authentication example until it expires', async () => {
    const req = testRequest({
      path: '/photos/puppy.jpg',
      query: 'AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620',
      headers: { host: 'johnsmith.s3.amazonaws.com' },
    });
    const result = await verifySigV2(req, { ...at('Tue, 27 Mar 2007 19:36:42 +0000'), bucketFromHost: 'johnsmith' });
    assert.equal(result.kind === 'sigv2' && result.via, 'query');
    assert.equal(result.kind === 'sigv2' && result.expiresAt, 1175139620_000);
    const err = await rejectsWith(
      verifySigV2(req, { lookupKey: lookupOf(exampleKey), now: 1175139620_001, bucketFromHost: 'johnsmith' }),
      'AccessDenied',
    );
    assert.equal(err.message, 'Request has expired');
  });
});

describe('verifySigV2 errors', () => {
  const date = 'Tue, 27 Mar 2007 19:36:42 +0000';
  const getPuppy = (signature = 'bWq2s1WEIj+Ydj0vQ697zp+IXMU=', extra: Record<string, string> = {}) =>
    testRequest({
      path: '/johnsmith/photos/puppy.jpg',
      headers: { host: 's3.amazonaws.com', date, authorization: authorization(signature), ...extra },
    });

  it('answers SignatureDoesNotMatch with the string to sign', async () => {
    const err = await rejectsWith(verifySigV2(getPuppy('AAAAAAAAAAAAAAAAAAAAAAAAAAA='), at(date)), 'SignatureDoesNotMatch');
    assert.equal(err.details['StringToSign'], `GET\n\n\n${date}\n/johnsmith/photos/puppy.jpg`);
    assert.equal(err.details['AWSAccessKeyId'], EXAMPLE_AKID);
  });

  it('answers SignatureDoesNotMatch when an unsigned x-amz-* header is added', async () => {
    await rejectsWith(verifySigV2(getPuppy(undefined, { 'x-amz-acl': 'public-read' }), at(date)), 'SignatureDoesNotMatch');
  });

  it('answers InvalidAccessKeyId, RequestTimeTooSkewed and InvalidArgument as S3 does', async () => {
    await rejectsWith(verifySigV2(getPuppy(), { ...at(date), lookupKey: lookupOf() }), 'InvalidAccessKeyId');
    await rejectsWith(verifySigV2(getPuppy(), { ...at(date), now: Date.parse(date) + 900_001 }), 'RequestTimeTooSkewed');
    const req = getPuppy();
    await rejectsWith(verifySigV2({ ...req, headers: { ...req.headers, authorization: 'AWS nocolon' } }, at(date)), 'InvalidArgument');
  });

  it('returns anonymous without credentials', async () => {
    assert.equal((await verifySigV2(testRequest({ path: '/b/k' }), at(date))).kind, 'anonymous');
  });
});

describe('sigV2CanonicalResource', () => {
  it('keeps sub-resources (sorted, values decoded) and drops other parameters', () => {
    assert.equal(
      sigV2CanonicalResource('/k', 'uploadId=a%2Bb&partNumber=2&x-id=UploadPart&response-content-type=text%2Fplain', 'b'),
      '/b/k?partNumber=2&response-content-type=text/plain&uploadId=a+b',
    );
    assert.equal(sigV2CanonicalResource('/b', 'versioning&prefix=x'), '/b?versioning');
  });

  it('signs a round trip with a sub-resource and x-amz headers', async () => {
    const now = Date.UTC(2024, 0, 1);
    const headers = { host: 'h', date: new Date(now).toUTCString(), 'x-amz-meta-a': ' b ', 'content-type': 'text/plain' };
    const toSign = sigV2StringToSign({ method: 'PUT', headers, date: headers.date, resource: '/b/k?partNumber=1&uploadId=u' });
    const signature = createHmac('sha1', EXAMPLE_SECRET).update(toSign).digest('base64');
    const req = testRequest({
      method: 'PUT',
      path: '/b/k',
      query: 'partNumber=1&uploadId=u',
      headers: { ...headers, authorization: authorization(signature) },
    });
    assert.equal((await verifySigV2(req, { lookupKey: lookupOf(exampleKey), now })).kind, 'sigv2');
  });
});
