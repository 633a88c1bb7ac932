// node:test tracks the promises describe() and it() return; nothing here may await them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError, type StorageErrorCode } from '../../core/errors.js';
import { parseQuery } from '../common/wire.js';
import type { OssEndpoint } from './endpoint.js';
import { parseCopySource, routeOss } from './router.js';

const options = { domains: ['localhost', 'cairn.example'] };

function route(method: string, url: string, headers: Record<string, string> = {}): OssEndpoint {
  const q = url.indexOf('?');
  return routeOss({ method, rawPath: q < 0 ? url : url.slice(0, q), query: parseQuery(q < 0 ? '' : url.slice(q + 1)), headers }, options);
}

function assertError(fn: () => unknown, code: StorageErrorCode): void {
  assert.throws(fn, (e: unknown) => isStorageError(e, code));
}

const example = { host: 'oss-example.oss-cn-hangzhou.aliyuncs.com' };

describe('routeOss: where the bucket and key come from', () => {
  it('reads the bucket from the Host ali-oss sends for an IP endpoint, and the decoded key from the path', () => {
    const e = route('PUT', '/dir/a%20b%2Bc.txt?partNumber=1&uploadId=abc', { host: 'test-bucket.oss-cn-hangzhou.aliyuncs.com' });
    assert.deepEqual(e, { operation: 'UploadPart', bucket: 'test-bucket', key: 'dir/a b+c.txt', uploadId: 'abc', partNumber: 1 });
  });

  it('does the same for the region form without oss- (test-bucket.cn-hangzhou.aliyuncs.com)', () => {
    assert.deepEqual(route('GET', '/k', { host: 'test-bucket.cn-hangzhou.aliyuncs.com' }), {
      operation: 'GetObject',
      bucket: 'test-bucket',
      key: 'k',
      overrides: {},
    });
  });

  it("treats ali-oss's bucket-less Host (.oss-cn-hangzhou.aliyuncs.com) as the service", () => {
    assert.deepEqual(route('GET', '/', { host: '.oss-cn-hangzhou.aliyuncs.com' }), { operation: 'ListBuckets' });
  });

  it('uses path style for IP literals, localhost and the bare OSS endpoint', () => {
    for (const host of ['127.0.0.1:9000', 'localhost:9000', '[::1]:9000', 'oss-cn-hangzhou.aliyuncs.com']) {
      const e = route('DELETE', '/test-bucket/dir/a%20b%2Bc.txt?uploadId=u1', { host });
      assert.deepEqual(e, { operation: 'AbortMultipartUpload', bucket: 'test-bucket', key: 'dir/a b+c.txt', uploadId: 'u1' }, host);
    }
    assert.deepEqual(route('GET', '/', { host: '127.0.0.1:9000' }), { operation: 'ListBuckets' });
  });

  it('reads <bucket>.<domain> for Cairn’s own --domain as virtual-hosted', () => {
    assert.deepEqual(route('HEAD', '/a/b', { host: 'photos.cairn.example:9000' }), {
      operation: 'HeadObject',
      bucket: 'photos',
      key: 'a/b',
    });
  });

  it('refuses a path whose escapes do not decode', () => {
    assertError(() => route('GET', '/b/%E0%A4%A', { host: 'localhost' }), 'InvalidURI');
  });
});

describe('routeOss: the OSS documentation requests', () => {
  const cases: [string, string, Record<string, string>, OssEndpoint][] = [
    ['POST', '/multipart.data?uploads', {}, { operation: 'InitiateMultipartUpload', bucket: 'oss-example', key: 'multipart.data' }],
    [
      'PUT',
      '/multipart.data?partNumber=1&uploadId=0004B9895DBBB6EC98E36',
      {},
      { operation: 'UploadPart', bucket: 'oss-example', key: 'multipart.data', uploadId: '0004B9895DBBB6EC98E36', partNumber: 1 },
    ],
    [
      'PUT',
      '/multipart.data?partNumber=1&uploadId=u',
      { 'x-oss-copy-source': '/oss-example/src-object' },
      {
        operation: 'UploadPartCopy',
        bucket: 'oss-example',
        key: 'multipart.data',
        uploadId: 'u',
        partNumber: 1,
        copySource: { bucket: 'oss-example', key: 'src-object' },
      },
    ],
    [
      'POST',
      '/multipart.data?uploadId=u&encoding-type=url',
      {},
      { operation: 'CompleteMultipartUpload', bucket: 'oss-example', key: 'multipart.data', uploadId: 'u', encodingType: 'url' },
    ],
    [
      'DELETE',
      '/multipart.data?uploadId=u',
      {},
      { operation: 'AbortMultipartUpload', bucket: 'oss-example', key: 'multipart.data', uploadId: 'u' },
    ],
    [
      'GET',
      '/multipart.data?uploadId=u&max-parts=5&part-number-marker=2',
      {},
      { operation: 'ListParts', bucket: 'oss-example', key: 'multipart.data', uploadId: 'u', partNumberMarker: 2, maxParts: 5 },
    ],
    [
      'GET',
      '/?uploads&max-uploads=2000&key-marker=',
      {},
      { operation: 'ListMultipartUploads', bucket: 'oss-example', prefix: '', maxUploads: 1000 },
    ],
    [
      'GET',
      '/?prefix=fun/&delimiter=/&max-keys=10',
      {},
      { operation: 'ListObjects', bucket: 'oss-example', prefix: 'fun/', delimiter: '/', maxKeys: 10 },
    ],
    [
      'GET',
      '/?list-type=2&continuation-token=abc&fetch-owner=true',
      {},
      { operation: 'ListObjectsV2', bucket: 'oss-example', prefix: '', continuationToken: 'abc', maxKeys: 100, fetchOwner: true },
    ],
    ['PUT', '/', {}, { operation: 'PutBucket', bucket: 'oss-example' }],
    ['DELETE', '/', {}, { operation: 'DeleteBucket', bucket: 'oss-example' }],
    ['GET', '/?bucketInfo', {}, { operation: 'GetBucketInfo', bucket: 'oss-example' }],
    ['GET', '/?location', {}, { operation: 'GetBucketLocation', bucket: 'oss-example' }],
    ['POST', '/?delete', {}, { operation: 'DeleteMultipleObjects', bucket: 'oss-example' }],
    ['POST', '/', {}, { operation: 'PostObject', bucket: 'oss-example' }],
    ['PUT', '/?lifecycle', {}, { operation: 'PutBucketLifecycle', bucket: 'oss-example' }],
    ['GET', '/?lifecycle', {}, { operation: 'GetBucketLifecycle', bucket: 'oss-example' }],
    ['DELETE', '/?lifecycle', {}, { operation: 'DeleteBucketLifecycle', bucket: 'oss-example' }],
    ['PUT', '/?cors', {}, { operation: 'PutBucketCors', bucket: 'oss-example' }],
    ['GET', '/?cors', {}, { operation: 'GetBucketCors', bucket: 'oss-example' }],
    ['DELETE', '/?cors', {}, { operation: 'DeleteBucketCors', bucket: 'oss-example' }],
    ['PUT', '/?encryption', {}, { operation: 'PutBucketEncryption', bucket: 'oss-example' }],
    ['GET', '/?encryption', {}, { operation: 'GetBucketEncryption', bucket: 'oss-example' }],
    ['DELETE', '/?encryption', {}, { operation: 'DeleteBucketEncryption', bucket: 'oss-example' }],
    ['PUT', '/nelson', {}, { operation: 'PutObject', bucket: 'oss-example', key: 'nelson' }],
    [
      'PUT',
      '/copy',
      { 'x-oss-copy-source': '/oss-example/nelson' },
      { operation: 'CopyObject', bucket: 'oss-example', key: 'copy', copySource: { bucket: 'oss-example', key: 'nelson' } },
    ],
    ['POST', '/log?append&position=0', {}, { operation: 'AppendObject', bucket: 'oss-example', key: 'log', position: 0 }],
    ['HEAD', '/nelson?objectMeta', {}, { operation: 'GetObjectMeta', bucket: 'oss-example', key: 'nelson' }],
    [
      'GET',
      '/nelson?response-content-type=text/plain&response-cache-control=no-cache',
      {},
      { operation: 'GetObject', bucket: 'oss-example', key: 'nelson', overrides: { contentType: 'text/plain', cacheControl: 'no-cache' } },
    ],
    ['DELETE', '/nelson', {}, { operation: 'DeleteObject', bucket: 'oss-example', key: 'nelson' }],
  ];
  for (const [method, url, headers, expected] of cases) {
    it(`${method} ${url} is ${expected.operation}`, () => {
      assert.deepEqual(route(method, url, { ...example, ...headers }), expected);
    });
  }
});

describe('routeOss: refusals', () => {
  it('refuses part numbers outside 1..10000 and a missing one', () => {
    assertError(() => route('PUT', '/k?partNumber=10001&uploadId=u', example), 'InvalidArgument');
    assertError(() => route('PUT', '/k?partNumber=0&uploadId=u', example), 'InvalidArgument');
    assertError(() => route('PUT', '/k?uploadId=u', example), 'InvalidArgument');
  });

  it('answers sub-resources Cairn does not serve with NotImplemented, not as a plain GET', () => {
    assertError(() => route('GET', '/?acl', example), 'NotImplemented');
    assertError(() => route('PUT', '/k?symlink', example), 'NotImplemented');
  });

  it('refuses methods an address does not take', () => {
    assertError(() => route('POST', '/', { host: 'oss-cn-hangzhou.aliyuncs.com' }), 'MethodNotAllowed');
    assertError(() => route('PUT', '/', { host: 'localhost' }), 'MethodNotAllowed');
    assertError(() => route('GET', '/k?uploads', example), 'MethodNotAllowed');
    assertError(() => route('POST', '/k', { host: 'oss-example.oss-cn-hangzhou.aliyuncs.com' }), 'MethodNotAllowed');
  });

  it('refuses a bad encoding-type, append position or page size', () => {
    assertError(() => route('GET', '/?encoding-type=base64', example), 'InvalidArgument');
    assertError(() => route('POST', '/k?append&position=-1', example), 'InvalidArgument');
    assertError(() => route('GET', '/?max-keys=ten', example), 'InvalidArgument');
  });
});

describe('parseCopySource', () => {
  it('decodes what ali-oss sends (/ as %2F) and what the Go SDK sends (/ as is)', () => {
    assert.deepEqual(parseCopySource('/test-bucket/dir%2Fa%20b%2Bc.txt'), { bucket: 'test-bucket', key: 'dir/a b+c.txt' });
    assert.deepEqual(parseCopySource('/test-bucket/dir/a%20b.txt'), { bucket: 'test-bucket', key: 'dir/a b.txt' });
    assert.deepEqual(parseCopySource('/b/k?versionId=v1'), { bucket: 'b', key: 'k', versionId: 'v1' });
  });

  it('refuses a source without bucket and key', () => {
    for (const bad of ['/bucket', '/bucket/', '//key', '/b/k?other=1']) assertError(() => parseCopySource(bad), 'InvalidArgument');
  });
});
