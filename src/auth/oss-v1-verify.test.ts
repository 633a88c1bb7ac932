import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessKey } from '../core/types.js';
import { ossV1CanonicalResource, ossV1StringToSign } from './oss-v1-string-to-sign.js';
import { ossV1Signature, verifyOssV1, type OssV1VerifyOptions } from './oss-v1-verify.js';
import { lookupOf, rejectsWith, testRequest } from './test-fixtures.js';

/** The Go SDK v2 test vectors use AccessKeyId `ak` and secret `sk`. */
const goKey: AccessKey = { accessKeyId: 'ak', secretAccessKey: 'sk', accountId: '123456789012', userName: null, createdAt: 0 };
const at = (date: string | number, resource: OssV1VerifyOptions['resource']): OssV1VerifyOptions => ({
  lookupKey: lookupOf(goKey),
  now: typeof date === 'number' ? date : Date.parse(date),
  resource,
});

const goDate = 'Wed, 28 Dec 2022 10:27:41 GMT';
const putHeaders = {
  'content-md5': 'eB5eJF1ptWaXm4bijSPyxw==',
  'content-type': 'text/html',
  'x-oss-meta-author': 'alice',
  'x-oss-meta-magic': 'abracadabra',
  'x-oss-date': goDate,
};

describe('OSS V1 header signatures (Go SDK v2 TestV1AuthHeader vectors)', () => {
  it('builds the documented string to sign for a PUT with metadata', () => {
    const resource = ossV1CanonicalResource({ bucket: 'examplebucket', key: 'nelson' }, []);
    assert.equal(
      ossV1StringToSign({ method: 'PUT', headers: putHeaders, date: goDate, resource }),
      'PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\nx-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson',
    );
  });

  it('accepts vector 1: PUT with Content-MD5, Content-Type and x-oss-meta-*', async () => {
    const req = testRequest({
      method: 'PUT',
      path: '/nelson',
      headers: { ...putHeaders, authorization: 'OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=' },
    });
    const auth = await verifyOssV1(req, at(goDate, { bucket: 'examplebucket', key: 'nelson' }));
    assert.equal(auth.kind, 'oss-v1');
    assert.equal(auth.via, 'header');
    assert.deepEqual(auth.principal, { accountId: '123456789012', userName: null, accessKeyId: 'ak' });
  });

  it('accepts vector 2: the same with the ?acl sub-resource', async () => {
    const req = testRequest({
      method: 'PUT',
      path: '/nelson',
      query: 'acl',
      headers: { ...putHeaders, authorization: 'OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=' },
    });
    assert.equal((await verifyOssV1(req, at(goDate, { bucket: 'examplebucket', key: 'nelson' }))).kind, 'oss-v1');
  });

  it('accepts vector 3: a bucket request whose ordinary query parameter is not signed', async () => {
    const req = testRequest({
      path: '/',
      query: 'resourceGroup&non-resousce=null',
      headers: { 'x-oss-date': goDate, authorization: 'OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=' },
    });
    assert.equal((await verifyOssV1(req, at(goDate, { bucket: 'examplebucket' }))).kind, 'oss-v1');
    assert.equal(
      ossV1CanonicalResource({ bucket: 'examplebucket' }, [
        ['resourceGroup', ''],
        ['non-resousce', 'null'],
      ]),
      '/examplebucket/?resourceGroup',
    );
  });

  it('accepts vector 4: sub-resources sorted by name', async () => {
    const req = testRequest({
      path: '/',
      query: 'resourceGroup&acl',
      headers: { 'x-oss-date': goDate, authorization: 'OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=' },
    });
    assert.equal((await verifyOssV1(req, at(goDate, { bucket: 'examplebucket' }))).kind, 'oss-v1');
  });

  it('reproduces the documentation example signature', () => {
    const toSign =
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson';
    assert.equal(ossV1Signature('OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV', toSign), '26NBxoKdsyly4EDv6inkoDft/yA=');
  });

  it('accepts the seed sample as ali-oss 6.23 signs it: AbortMultipartUpload with only x-oss-date', async () => {
    const date = 'Thu, 17 Apr 2025 11:18:32 GMT';
    const req = testRequest({
      method: 'DELETE',
      path: '/exampleobject',
      query: 'uploadId=0004B9895DBBB6EC98E36',
      headers: {
        host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
        'x-oss-date': date,
        authorization: 'OSS ak:hSpY/mM1Q6OIzE9vn076c0sDXSg=',
      },
    });
    assert.equal((await verifyOssV1(req, at(date, { bucket: 'examplebucket', key: 'exampleobject' }))).kind, 'oss-v1');
  });

  it('signs the decoded key, whatever the path encoding (a b+c.txt)', async () => {
    const date = 'Thu, 17 Apr 2025 11:18:32 GMT';
    const resource = ossV1CanonicalResource({ bucket: 'b', key: 'dir/a b+c.txt' }, []);
    const signature = ossV1Signature('sk', ossV1StringToSign({ method: 'GET', headers: { 'x-oss-date': date }, date, resource }));
    const req = testRequest({ path: '/dir/a%20b%2Bc.txt', headers: { 'x-oss-date': date, authorization: `OSS ak:${signature}` } });
    assert.equal((await verifyOssV1(req, at(date, { bucket: 'b', key: 'dir/a b+c.txt' }))).kind, 'oss-v1');
  });

  it('answers SignatureDoesNotMatch with the string to sign as text and bytes', async () => {
    const req = testRequest({
      method: 'PUT',
      path: '/nelson',
      headers: { ...putHeaders, authorization: 'OSS ak:AAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
    });
    const e = await rejectsWith(verifyOssV1(req, at(goDate, { bucket: 'examplebucket', key: 'nelson' })), 'SignatureDoesNotMatch');
    assert.equal(e.details.OSSAccessKeyId, 'ak');
    assert.equal(e.details.SignatureProvided, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    assert.match(String(e.details.StringToSign), /^PUT\neB5eJF1ptWaXm4bijSPyxw==\n/);
    assert.match(String(e.details.StringToSignBytes), /^50 55 54 0A 65 42 35/);
  });

  it('refuses an unknown key, a skewed clock, a missing date and a malformed header', async () => {
    const good = { ...putHeaders, authorization: 'OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=' };
    const resource = { bucket: 'examplebucket', key: 'nelson' };
    const unknown = await rejectsWith(
      verifyOssV1(
        testRequest({ method: 'PUT', path: '/nelson', headers: { ...good, authorization: 'OSS nobody:kSHKmLxlyEAKtZPkJhG9bZb5k7M=' } }),
        at(goDate, resource),
      ),
      'InvalidAccessKeyId',
    );
    assert.equal(unknown.details.OSSAccessKeyId, 'nobody');
    const skewed = await rejectsWith(
      verifyOssV1(testRequest({ method: 'PUT', path: '/nelson', headers: good }), at(Date.parse(goDate) + 16 * 60_000, resource)),
      'RequestTimeTooSkewed',
    );
    assert.equal(skewed.details.MaxAllowedSkewMilliseconds, 900_000);
    const { 'x-oss-date': _omitted, ...undated } = good;
    await rejectsWith(verifyOssV1(testRequest({ method: 'PUT', path: '/nelson', headers: undated }), at(goDate, resource)), 'AccessDenied');
    await rejectsWith(
      verifyOssV1(testRequest({ method: 'PUT', path: '/nelson', headers: { ...good, authorization: 'OSS ak' } }), at(goDate, resource)),
      'InvalidArgument',
    );
  });
});

describe('OSS V1 presigned URLs (Go SDK v2 TestV1AuthQuery vectors)', () => {
  it('accepts case 1: GET with versionId, Expires as the date line', async () => {
    const signature = encodeURIComponent('dcLTea+Yh9ApirQ8o8dOPqtvJXQ=');
    const req = testRequest({ path: '/key', query: `versionId=versionId&OSSAccessKeyId=ak&Expires=1699807420&Signature=${signature}` });
    const auth = await verifyOssV1(req, at(1699807420_000 - 1000, { bucket: 'bucket', key: 'key' }));
    assert.equal(auth.via, 'query');
    assert.equal(auth.expiresAt, 1699807420_000);
  });

  it('accepts case 2: a key with + and security-token signed as sub-resources', async () => {
    const signature = encodeURIComponent('jzKYRrM5y6Br0dRFPaTGOsbrDhY=');
    const req = testRequest({
      path: '/key%2B123',
      query: `versionId=versionId&security-token=token&OSSAccessKeyId=ak&Expires=1699808204&Signature=${signature}`,
    });
    assert.equal(
      ossV1CanonicalResource({ bucket: 'bucket', key: 'key+123' }, [
        ['versionId', 'versionId'],
        ['security-token', 'token'],
        ['OSSAccessKeyId', 'ak'],
      ]),
      '/bucket/key+123?security-token=token&versionId=versionId',
    );
    assert.equal((await verifyOssV1(req, at(1699808204_000, { bucket: 'bucket', key: 'key+123' }))).kind, 'oss-v1');
  });

  it('reproduces the documentation example URL signature', () => {
    assert.equal(
      ossV1Signature('OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV', 'GET\n\n\n1141889120\n/oss-example/oss-api.pdf'),
      'EwaNTn1erJGkimiJ9WmXgwnANLc=',
    );
  });

  it('answers an expired URL with AccessDenied, Expires and ServerTime before checking anything else', async () => {
    const req = testRequest({ path: '/key', query: 'OSSAccessKeyId=unknown&Expires=1699807420&Signature=bad' });
    const e = await rejectsWith(verifyOssV1(req, at(1699807421_000, { bucket: 'bucket', key: 'key' })), 'AccessDenied');
    assert.equal(e.message, 'Request has expired.');
    assert.equal(e.details.Expires, '2023-11-12T16:43:40Z');
    assert.equal(e.details.ServerTime, '2023-11-12T16:43:41Z');
  });
});
