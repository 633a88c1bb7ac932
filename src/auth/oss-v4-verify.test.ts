import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccessKey } from '../core/types.js';
import { formatAmzDate } from './amz-date.js';
import { ossV4SigningKey } from './oss-v4-signing-key.js';
import { OSS_MAX_PRESIGNED_EXPIRES_SECONDS, verifyOssV4, type OssV4VerifyOptions } from './oss-v4-verify.js';
import { ossV4CanonicalQueryCandidates } from './oss-v4-canonical.js';
import { lookupOf, rejectsWith, testRequest } from './test-fixtures.js';

const goKey: AccessKey = { accessKeyId: 'ak', secretAccessKey: 'sk', accountId: '123456789012', userName: null, createdAt: 0 };
const options = (seconds: number, resource: OssV4VerifyOptions['resource']): OssV4VerifyOptions => ({
  lookupKey: lookupOf(goKey),
  now: seconds * 1000,
  region: 'cn-hangzhou',
  resource,
});

/** The request of Go SDK v2's TestV4AuthHeader / TestV4AuthQuery. */
const goResource = { bucket: 'bucket', key: '1234+-/123/1.txt' };
const goPath = '/1234%2B-/123/1.txt';
const goQuery = '%2Bparam1=value3&%2Bparam2=&param1=value1&param2=&%7Cparam1=value4&%7Cparam2=';
const goHeaders = {
  'x-oss-head1': 'value',
  abc: 'value',
  zabc: 'value',
  xyz: 'value',
  'content-type': 'text/plain',
  'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
};

function headerRequest(seconds: number, signature: string, extra: Record<string, string> = {}, additional?: string) {
  const date = formatAmzDate(seconds * 1000);
  const credential = `Credential=ak/${date.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request`;
  const authorization = `OSS4-HMAC-SHA256 ${credential},${additional === undefined ? '' : `AdditionalHeaders=${additional},`}Signature=${signature}`;
  return testRequest({
    method: 'PUT',
    path: goPath,
    query: goQuery,
    headers: { ...goHeaders, ...extra, 'x-oss-date': date, authorization },
  });
}

function presignedRequest(seconds: number, signature: string, extraQuery = '') {
  const date = formatAmzDate(seconds * 1000);
  const credential = encodeURIComponent(`ak/${date.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request`);
  const query =
    `${goQuery}&x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=${credential}&x-oss-date=${date}&x-oss-expires=599` +
    `${extraQuery}&x-oss-signature=${signature}`;
  const { 'x-oss-content-sha256': _unsigned, ...headers } = goHeaders;
  return testRequest({ method: 'PUT', path: goPath, query, headers: { ...headers, 'content-type': 'application/octet-stream' } });
}

describe('OSS V4 header signatures (Go SDK v2 TestV4AuthHeader vectors)', () => {
  it('accepts case 1, whose canonical query writes empty values as bare names', async () => {
    const req = headerRequest(1702743657, 'e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe');
    const auth = await verifyOssV4(req, options(1702743657, goResource));
    assert.equal(auth.kind, 'oss-v4');
    assert.equal(auth.via, 'header');
  });

  it('accepts the STS case (x-oss-security-token is an x-oss-* header like any other)', async () => {
    const req = headerRequest(1702784856, 'b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea', {
      'x-oss-security-token': 'token',
    });
    assert.equal((await verifyOssV4(req, options(1702784856, goResource))).kind, 'oss-v4');
  });

  it('accepts AdditionalHeaders=abc;zabc, which adds those headers to the canonical block', async () => {
    const req = headerRequest(1702747512, '4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f', {}, 'abc;zabc');
    assert.equal((await verifyOssV4(req, options(1702747512, goResource))).kind, 'oss-v4');
  });

  it('accepts fields in any order with ", " separators, as oss2 writes them', async () => {
    const date = formatAmzDate(1702747512_000);
    const authorization =
      `OSS4-HMAC-SHA256 Credential=ak/${date.slice(0, 8)}/cn-hangzhou/oss/aliyun_v4_request, ` +
      'Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f, AdditionalHeaders=zabc;abc';
    const req = testRequest({ method: 'PUT', path: goPath, query: goQuery, headers: { ...goHeaders, 'x-oss-date': date, authorization } });
    assert.equal((await verifyOssV4(req, options(1702747512, goResource))).kind, 'oss-v4');
  });

  it('accepts the seed sample as ali-oss 6.23 signs it (AbortMultipartUpload) and derives the documented key', async () => {
    assert.equal(
      ossV4SigningKey('sk', '20250417', 'cn-hangzhou', 'oss').toString('hex'),
      '5a93056969353a3e7cc791807cab15e7efa66115cf83353d695836dab7a7616e',
    );
    const req = testRequest({
      method: 'DELETE',
      path: '/exampleobject',
      query: 'uploadId=0004B9895DBBB6EC98E36',
      headers: {
        host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com',
        'x-oss-date': '20250417T111832Z',
        'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
        authorization:
          'OSS4-HMAC-SHA256 Credential=ak/20250417/cn-hangzhou/oss/aliyun_v4_request,Signature=aa61055e95847b57ff47b4f6eb4176b105b4f742bc6bce32543c0becdf10f956',
      },
    });
    const now = Date.UTC(2025, 3, 17, 11, 18, 32) / 1000;
    assert.equal((await verifyOssV4(req, options(now, { bucket: 'examplebucket', key: 'exampleobject' }))).kind, 'oss-v4');
  });

  it('answers a wrong signature with SignatureDoesNotMatch, the canonical request and the string to sign', async () => {
    const req = headerRequest(1702743657, 'f'.repeat(64));
    const e = await rejectsWith(verifyOssV4(req, options(1702743657, goResource)), 'SignatureDoesNotMatch');
    assert.equal(
      e.details.CanonicalRequest,
      'PUT\n/bucket/1234%2B-/123/1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n' +
        'content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD',
    );
    assert.equal(
      e.details.StringToSign,
      'OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\nf4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4',
    );
    assert.equal(e.details.EC, '0002-00000040');
  });

  it('refuses a signature for another region with InvalidArgument, naming the region', async () => {
    const req = headerRequest(1702743657, 'e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe');
    const e = await rejectsWith(verifyOssV4(req, { ...options(1702743657, goResource), region: 'cn-beijing' }), 'InvalidArgument');
    assert.equal(e.details.ArgumentValue, 'cn-hangzhou');
    assert.equal(e.details.EC, '0002-00000228');
  });

  it('refuses a skewed clock, a payload hash other than UNSIGNED-PAYLOAD and a malformed credential', async () => {
    const good = 'e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe';
    await rejectsWith(verifyOssV4(headerRequest(1702743657, good), options(1702743657 + 901, goResource)), 'RequestTimeTooSkewed');
    await rejectsWith(
      verifyOssV4(headerRequest(1702743657, good, { 'x-oss-content-sha256': 'a'.repeat(64) }), options(1702743657, goResource)),
      'InvalidArgument',
    );
    const bad = testRequest({
      path: '/',
      headers: {
        'x-oss-date': '20231216T162057Z',
        authorization: 'OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/s3/aws4_request,Signature=00',
      },
    });
    await rejectsWith(verifyOssV4(bad, options(1702743657, { bucket: 'bucket' })), 'InvalidArgument');
  });
});

describe('OSS V4 canonical query as ali-oss writes it', () => {
  it('offers the ali-oss form: empty ordinary parameters as k=, empty sub-resources bare', () => {
    const candidates = ossV4CanonicalQueryCandidates('uploads=&key-marker=&max-uploads=1000');
    assert.equal(candidates[0], 'key-marker&max-uploads=1000&uploads');
    assert.ok(candidates.includes('key-marker=&max-uploads=1000&uploads'));
  });
});

describe('OSS V4 presigned URLs (Go SDK v2 TestV4AuthQuery vectors)', () => {
  it('accepts the plain case', async () => {
    const auth = await verifyOssV4(
      presignedRequest(1702781677, 'a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe'),
      options(1702781677, goResource),
    );
    assert.equal(auth.via, 'query');
    assert.equal(auth.expiresAt, (1702781677 + 599) * 1000);
  });

  it('accepts x-oss-security-token in the query', async () => {
    const req = presignedRequest(
      1702785388,
      '3817ac9d206cd6dfc90f1c09c00be45005602e55898f26f5ddb06d7892e1f8b5',
      '&x-oss-security-token=token',
    );
    assert.equal((await verifyOssV4(req, options(1702785388, goResource))).kind, 'oss-v4');
  });

  it('accepts x-oss-additional-headers', async () => {
    const req = presignedRequest(
      1702783809,
      '6bd984bfe531afb6db1f7550983a741b103a8c58e5e14f83ea474c2322dfa2b7',
      '&x-oss-additional-headers=abc%3Bzabc',
    );
    assert.equal((await verifyOssV4(req, options(1702783809, goResource))).kind, 'oss-v4');
  });

  it('answers an expired URL with AccessDenied and refuses x-oss-expires beyond seven days', async () => {
    const signature = 'a39966c61718be0d5b14e668088b3fa07601033f6518ac7b523100014269c0fe';
    const e = await rejectsWith(
      verifyOssV4(presignedRequest(1702781677, signature), options(1702781677 + 600, goResource)),
      'AccessDenied',
    );
    assert.equal(e.message, 'Request has expired.');
    const tooLong = presignedRequest(1702781677, signature).rawQuery.replace(
      'x-oss-expires=599',
      `x-oss-expires=${OSS_MAX_PRESIGNED_EXPIRES_SECONDS + 1}`,
    );
    const req = testRequest({ method: 'PUT', path: goPath, query: tooLong });
    await rejectsWith(verifyOssV4(req, options(1702781677, goResource)), 'InvalidArgument');
  });
});
