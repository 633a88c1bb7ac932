import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../common/wire.js';
import { detectOss } from './detect-oss.js';

const req = (headers: Record<string, string>, query = '') => ({ headers, query: parseQuery(query) });

describe('detectOss', () => {
  it('claims OSS signatures, OSS presigned URLs, x-oss-* headers and aliyuncs.com hosts', () => {
    assert.equal(detectOss(req({ authorization: 'OSS ak:sig' })), true);
    assert.equal(
      detectOss(req({ authorization: 'OSS4-HMAC-SHA256 Credential=ak/20250417/cn-hangzhou/oss/aliyun_v4_request,Signature=00' })),
      true,
    );
    assert.equal(detectOss(req({}, 'OSSAccessKeyId=ak&Expires=1&Signature=s')), true);
    assert.equal(detectOss(req({}, 'x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-signature=00')), true);
    assert.equal(detectOss(req({ 'x-oss-date': 'Thu, 17 Apr 2025 11:18:32 GMT' })), true);
    assert.equal(detectOss(req({ host: 'examplebucket.oss-cn-hangzhou.aliyuncs.com' })), true);
    assert.equal(detectOss(req({ host: '.oss-cn-hangzhou.aliyuncs.com' })), true);
    assert.equal(detectOss(req({ host: 'localhost:9000', 'access-control-request-headers': 'content-type, x-oss-date' })), true);
  });

  it('claims requests whose Authorization names an OSS scheme however malformed the rest is', () => {
    for (const authorization of ['OSS', 'OSS4-HMAC-SHA256', 'OSS4-HMAC-SHA256,Credential=x', 'oss ak:sig', '  OSS  ak:sig', 'OSS :']) {
      assert.equal(detectOss(req({ authorization })), true, authorization);
    }
    assert.equal(detectOss(req({ authorization: 'OSSX ak:sig' })), false);
    assert.equal(detectOss(req({ authorization: 'AWS ak:sig' })), false);
  });

  it('leaves AWS-signed requests, even with an x-oss-* header, and plain requests to S3', () => {
    assert.equal(detectOss(req({ authorization: 'AWS4-HMAC-SHA256 Credential=...', 'x-oss-meta-a': '1' })), false);
    assert.equal(detectOss(req({ 'x-oss-date': 'now' }, 'X-Amz-Signature=00')), false);
    assert.equal(detectOss(req({ host: 'localhost:9000' })), false);
    assert.equal(detectOss(req({ host: 'localhost:9000', 'access-control-request-headers': 'x-amz-date, content-type' })), false);
    assert.equal(detectOss(req({ host: 'bucket.s3.amazonaws.com' }, 'uploads')), false);
  });
});
