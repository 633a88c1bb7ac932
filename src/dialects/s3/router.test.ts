// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isStorageError, type StorageErrorCode } from '../../core/errors.js';
import { s3Operations } from './actions.js';
import type { S3Endpoint } from './endpoint.js';
import { routeS3 } from './router.js';
import { bucketExamples, serviceExamples } from './router-examples.js';
import { testRequest } from './test-request.js';

const options = { virtualHostDomains: ['s3.example.com', 'localhost'] };

function route(method: string, target: string, headers: Record<string, string> = {}): S3Endpoint {
  return routeS3(testRequest(method, target, headers), options);
}

function assertRouteError(fn: () => unknown, code: StorageErrorCode, message?: string, details?: Record<string, string>): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isStorageError(e, code), `expected ${code}, got ${String(e)}`);
    if (message !== undefined) assert.equal(e.message, message);
    if (details !== undefined) assert.deepEqual(e.details, details);
    return true;
  });
}

function keyOf(target: string): string {
  const path = target.split('?')[0] ?? '';
  return decodeURIComponent(path.slice(1));
}

describe('routeS3', () => {
  describe("replays the examples of Amazon's API reference", () => {
    for (const [method, target, operation, fields = {}, headers = {}] of bucketExamples) {
      const key = keyOf(target);
      const expected = { operation, bucket: 'examplebucket', ...(key === '' ? {} : { key }), ...fields };
      it(`${method} ${target} -> ${operation} (path style)`, () => {
        const endpoint = route(method, '/examplebucket' + target, { host: 's3.example.com', ...headers });
        assert.deepEqual(pick(endpoint, expected), expected);
      });
      it(`${method} ${target} -> ${operation} (virtual-hosted style)`, () => {
        const endpoint = route(method, target, { host: 'examplebucket.s3.example.com', ...headers });
        assert.deepEqual(pick(endpoint, expected), expected);
      });
    }
    for (const [method, target, operation, fields = {}] of serviceExamples) {
      it(`${method} ${target} on the service -> ${operation}`, () => {
        const endpoint = route(method, target, { host: 's3.example.com' });
        assert.deepEqual(endpoint, { operation, ...fields });
      });
    }
  });

  it('has an example for every operation it knows', () => {
    const covered = new Set([...bucketExamples, ...serviceExamples].map(([, , operation]) => operation));
    assert.deepEqual(
      s3Operations.filter((o) => !covered.has(o)),
      [],
    );
  });

  it('routes the URLs @aws-sdk/client-s3 builds, x-id included', () => {
    const h = { host: 'localhost:9000' };
    assert.equal(route('PUT', '/b/k?x-id=PutObject', h).operation, 'PutObject');
    assert.equal(route('GET', '/b/k?x-id=GetObject', h).operation, 'GetObject');
    assert.equal(route('PUT', '/b/k?x-id=UploadPart&partNumber=3&uploadId=u', h).operation, 'UploadPart');
    assert.equal(route('DELETE', '/b/k?x-id=AbortMultipartUpload&uploadId=u', h).operation, 'AbortMultipartUpload');
    assert.equal(route('GET', '/b/k?x-id=ListParts&uploadId=u', h).operation, 'ListParts');
    assert.equal(route('GET', '/b?x-id=ListBuckets', h).operation, 'ListObjects');
    assert.equal(route('GET', '/?x-id=ListBuckets', h).operation, 'ListBuckets');
  });

  it('ignores presigned-URL parameters when routing', () => {
    const endpoint = route(
      'PUT',
      '/b/k?partNumber=1&uploadId=u&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=abc',
      { host: 'localhost' },
    );
    assert.deepEqual(endpoint, { operation: 'UploadPart', bucket: 'b', key: 'k', partNumber: 1, uploadId: 'u' });
  });

  describe('PUT on a key: UploadPartCopy before UploadPart before CopyObject before PutObject', () => {
    const copy = { 'x-amz-copy-source': 'src/dir/a%20b.txt?versionId=v1' };
    it('is UploadPartCopy with partNumber, uploadId and x-amz-copy-source', () => {
      assert.deepEqual(route('PUT', '/b/k?partNumber=7&uploadId=u', copy), {
        operation: 'UploadPartCopy',
        bucket: 'b',
        key: 'k',
        partNumber: 7,
        uploadId: 'u',
        copySource: { bucket: 'src', key: 'dir/a b.txt', versionId: 'v1' },
      });
    });
    it('is UploadPart with partNumber and uploadId', () => {
      assert.equal(route('PUT', '/b/k?partNumber=7&uploadId=u').operation, 'UploadPart');
    });
    it('is CopyObject with x-amz-copy-source alone', () => {
      assert.equal(route('PUT', '/b/k', copy).operation, 'CopyObject');
    });
    it('is PutObject otherwise', () => {
      assert.equal(route('PUT', '/b/k').operation, 'PutObject');
    });
    it('refuses a part upload that lacks uploadId or partNumber instead of replacing the object', () => {
      assertRouteError(() => route('PUT', '/b/k?partNumber=1'), 'MissingParameter', undefined, { ArgumentName: 'uploadId' });
      assertRouteError(() => route('PUT', '/b/k?uploadId=u'), 'MissingParameter', undefined, { ArgumentName: 'partNumber' });
      assertRouteError(() => route('PUT', '/b/k?uploadId=u', copy), 'MissingParameter');
    });
  });

  describe('other precedences', () => {
    it('is ListParts for GET with uploadId, GetObject without', () => {
      assert.equal(route('GET', '/b/k?uploadId=').operation, 'ListParts');
      assert.equal(route('GET', '/b/k').operation, 'GetObject');
    });
    it('is AbortMultipartUpload for DELETE with uploadId, even an empty one, never DeleteObject', () => {
      assert.deepEqual(route('DELETE', '/b/k?uploadId='), { operation: 'AbortMultipartUpload', bucket: 'b', key: 'k', uploadId: '' });
    });
    it('is CreateMultipartUpload for POST ?uploads and CompleteMultipartUpload for POST with uploadId', () => {
      assert.equal(route('POST', '/b/k?uploads').operation, 'CreateMultipartUpload');
      assert.equal(route('POST', '/b/k?uploadId=u').operation, 'CompleteMultipartUpload');
    });
    it('is ListObjectsV2 only for list-type=2', () => {
      assert.equal(route('GET', '/b?list-type=2').operation, 'ListObjectsV2');
      assert.equal(route('GET', '/b').operation, 'ListObjects');
      assertRouteError(() => route('GET', '/b?list-type=1'), 'InvalidArgument', 'Invalid List Type specified in Request', {
        ArgumentName: 'list-type',
        ArgumentValue: '1',
      });
    });
    it('lists configurations addressed by id when GET has no id, and needs the id to change one', () => {
      assert.equal(route('GET', '/b?metrics').operation, 'ListBucketMetricsConfigurations');
      assert.equal(route('GET', '/b?metrics&id=m').operation, 'GetBucketMetricsConfiguration');
      assertRouteError(() => route('PUT', '/b?metrics'), 'MissingParameter', undefined, { ArgumentName: 'id' });
      assertRouteError(() => route('DELETE', '/b?inventory'), 'MissingParameter');
    });
    it('treats HEAD as HeadBucket or HeadObject whatever the query', () => {
      assert.equal(route('HEAD', '/b?acl').operation, 'HeadBucket');
      assert.deepEqual(route('HEAD', '/b/k?partNumber=2&response-content-type=text%2Fplain'), {
        operation: 'HeadObject',
        bucket: 'b',
        key: 'k',
        partNumber: 2,
        overrides: { contentType: 'text/plain' },
      });
    });
  });

  describe('finds the bucket', () => {
    it('in the Host header for a configured domain, port or not, any case', () => {
      for (const host of ['photos.localhost:9000', 'photos.localhost', 'PHOTOS.LocalHost', 'photos.s3.example.com', 'photos.localhost.']) {
        assert.deepEqual(route('GET', '/a/b.jpg', { host }), { operation: 'GetObject', bucket: 'photos', key: 'a/b.jpg', overrides: {} });
      }
    });
    it('with dots in its name and the longest configured domain winning', () => {
      const endpoint = routeS3(testRequest('GET', '/', { host: 'my.bucket.s3.example.com' }), {
        virtualHostDomains: ['example.com', 's3.example.com'],
      });
      assert.equal(endpoint.operation, 'ListObjects');
      assert.equal('bucket' in endpoint && endpoint.bucket, 'my.bucket');
    });
    it('in the path when the host is a configured domain itself, an address or another name', () => {
      for (const host of ['localhost:9000', 's3.example.com', '127.0.0.1:9000', '[::1]:9000', 'storage.internal', '']) {
        assert.deepEqual(route('GET', '/photos/a.jpg', { host }), {
          operation: 'GetObject',
          bucket: 'photos',
          key: 'a.jpg',
          overrides: {},
        });
      }
      assert.deepEqual(route('GET', '/photos/a.jpg'), { operation: 'GetObject', bucket: 'photos', key: 'a.jpg', overrides: {} });
    });
    it('honours a port in a configured domain', () => {
      const opts = { virtualHostDomains: ['localhost:9000'] };
      assert.equal(routeS3(testRequest('GET', '/', { host: 'b.localhost:9000' }), opts).operation, 'ListObjects');
      assert.equal(routeS3(testRequest('GET', '/', { host: 'b.localhost:9001' }), opts).operation, 'ListBuckets');
    });
    it('answers ListBuckets for GET / path style and ListObjects for GET / on a virtual-hosted bucket', () => {
      assert.equal(route('GET', '/', { host: 'localhost' }).operation, 'ListBuckets');
      assert.equal(route('GET', '/', { host: 'b.localhost' }).operation, 'ListObjects');
      assert.equal(route('GET', '/b/', { host: 'localhost' }).operation, 'ListObjects');
    });
  });

  describe('decodes the key exactly once and otherwise keeps it as sent', () => {
    const cases: readonly (readonly [string, string])[] = [
      ['/b/a%20b', 'a b'],
      ['/b/a+b', 'a+b'],
      ['/b/a%2Bb', 'a+b'],
      ['/b/100%25', '100%'],
      ['/b/%2541', '%41'],
      ['/b/caf%C3%A9/%E2%9C%93', 'café/✓'],
      ['/b/../x', '../x'],
      ['/b/a//b/', 'a//b/'],
      ['/b//leading', '/leading'],
      ['/b/a%2Fb', 'a/b'],
      ['/b/%3F%23%26', '?#&'],
      ['/b/%00%01', '\u0000\u0001'],
    ];
    for (const [path, key] of cases) {
      it(`${path} -> ${JSON.stringify(key)}`, () => {
        const endpoint = route('GET', path);
        assert.equal('key' in endpoint && endpoint.key, key);
        const virtual = route('GET', path.slice(2), { host: 'b.localhost' });
        assert.equal('key' in virtual && virtual.key, key);
      });
    }
    it('refuses malformed escapes and invalid UTF-8 rather than guessing', () => {
      for (const path of ['/b/%zz', '/b/%', '/b/%ff', '/b/%C3']) {
        assertRouteError(() => route('GET', path), 'InvalidURI', "Couldn't parse the specified URI.", { URI: path });
      }
    });
    it('refuses a path with an empty bucket segment', () => {
      assertRouteError(() => route('GET', '//key'), 'InvalidBucketName');
    });
  });

  describe('validates parameters with the errors S3 gives', () => {
    const part = 'Part number must be an integer between 1 and 10000, inclusive';
    for (const value of ['0', '10001', 'abc', '-1', '1.5', '', '1e3', ' 1', '99999999999']) {
      it(`refuses partNumber=${JSON.stringify(value)}`, () => {
        const details = { ArgumentName: 'partNumber', ArgumentValue: value };
        assertRouteError(() => route('PUT', `/b/k?uploadId=u&partNumber=${encodeURIComponent(value)}`), 'InvalidArgument', part, details);
        assertRouteError(() => route('GET', `/b/k?partNumber=${encodeURIComponent(value)}`), 'InvalidArgument', part, details);
      });
    }
    it('accepts partNumber 1 and 10000', () => {
      assert.equal(route('PUT', '/b/k?uploadId=u&partNumber=10000').operation, 'UploadPart');
      assert.equal(route('GET', '/b/k?partNumber=1').operation, 'GetObject');
    });
    it('defaults max-keys to 1000, caps it at 1000 and accepts 0', () => {
      const maxKeys = (q: string) => {
        const e = route('GET', `/b?list-type=2${q}`);
        return e.operation === 'ListObjectsV2' ? e.maxKeys : undefined;
      };
      assert.equal(maxKeys(''), 1000);
      assert.equal(maxKeys('&max-keys=5000'), 1000);
      assert.equal(maxKeys('&max-keys=0'), 0);
      assert.equal(maxKeys('&max-keys=007'), 7);
    });
    it('refuses a max-keys that is not a non-negative integer', () => {
      assertRouteError(
        () => route('GET', '/b?max-keys=-1'),
        'InvalidArgument',
        'Argument maxKeys must be an integer between 0 and 2147483647',
        {
          ArgumentName: 'max-keys',
          ArgumentValue: '-1',
        },
      );
      for (const value of ['abc', '2147483648', '1.0', '']) {
        assertRouteError(
          () => route('GET', `/b?list-type=2&max-keys=${value}`),
          'InvalidArgument',
          'Provided max-keys not an integer or within integer range',
          { ArgumentName: 'max-keys', ArgumentValue: value },
        );
      }
    });
    it('validates max-uploads, max-parts and part-number-marker the same way', () => {
      assertRouteError(
        () => route('GET', '/b?uploads&max-uploads=x'),
        'InvalidArgument',
        'Provided max-uploads not an integer or within integer range',
      );
      assertRouteError(
        () => route('GET', '/b/k?uploadId=u&max-parts=-5'),
        'InvalidArgument',
        'Argument max-parts must be an integer between 0 and 2147483647',
      );
      assertRouteError(() => route('GET', '/b/k?uploadId=u&part-number-marker=z'), 'InvalidArgument');
      const parts = route('GET', '/b/k?uploadId=u&max-parts=5000');
      assert.deepEqual(parts, { operation: 'ListParts', bucket: 'b', key: 'k', uploadId: 'u', maxParts: 1000, partNumberMarker: 0 });
    });
    it('accepts only encoding-type=url', () => {
      for (const value of ['URL', 'xml', '']) {
        assertRouteError(
          () => route('GET', `/b?encoding-type=${value}`),
          'InvalidArgument',
          'Invalid Encoding Method specified in Request',
          {
            ArgumentName: 'encoding-type',
            ArgumentValue: value,
          },
        );
      }
    });
    it('takes an empty continuation token as none, and refuses a fetch-owner that is not a boolean', () => {
      const e = route('GET', '/b?list-type=2&continuation-token=');
      assert.equal(e.operation === 'ListObjectsV2' ? e.continuationToken : undefined, '');
      assertRouteError(() => route('GET', '/b?list-type=2&fetch-owner=yes'), 'InvalidArgument');
    });
    it('refuses an empty versionId', () => {
      assertRouteError(() => route('DELETE', '/b/k?versionId='), 'InvalidArgument', 'Version id cannot be the empty string', {
        ArgumentName: 'versionId',
        ArgumentValue: '',
      });
    });
    it('treats an empty delimiter as no delimiter', () => {
      assert.deepEqual(route('GET', '/b?delimiter='), { operation: 'ListObjects', bucket: 'b', prefix: '', maxKeys: 1000 });
    });
    it('refuses a parameter given twice', () => {
      assertRouteError(() => route('GET', '/b?prefix=a&prefix=b'), 'InvalidArgument', undefined, {
        ArgumentName: 'prefix',
        ArgumentValue: 'a,b',
      });
      assertRouteError(() => route('DELETE', '/b/k?uploadId=a&uploadId=b'), 'InvalidArgument');
    });
    it('refuses max-buckets outside 1..10000', () => {
      assertRouteError(
        () => route('GET', '/?max-buckets=0'),
        'InvalidArgument',
        'Argument max-buckets must be an integer between 1 and 10000',
      );
    });
  });

  describe('never misroutes', () => {
    it('refuses a bucket subresource on a key instead of writing the object', () => {
      assertRouteError(
        () => route('PUT', '/b/k?lifecycle'),
        'InvalidRequest',
        'Key is not expected for the PUT method ?lifecycle subresource',
      );
      assertRouteError(() => route('GET', '/b/k?versions'), 'InvalidRequest');
      assertRouteError(() => route('POST', '/b/k?delete'), 'InvalidRequest');
    });
    it('refuses an object subresource on a bucket', () => {
      assertRouteError(() => route('GET', '/b?retention'), 'InvalidRequest', 'A key must be specified');
      assertRouteError(() => route('POST', '/b?uploads'), 'InvalidRequest', 'A key must be specified');
    });
    it('refuses a subresource that, with this method, belongs to the bucket', () => {
      assertRouteError(() => route('GET', '/b/k?uploads'), 'InvalidRequest', 'Key is not expected for the GET method ?uploads subresource');
      assertRouteError(() => route('PUT', '/b/k?uploads'), 'MethodNotAllowed');
    });
    it('refuses uploadId or partNumber on a bucket instead of deleting the bucket', () => {
      assertRouteError(() => route('DELETE', '/b?uploadId=u'), 'InvalidRequest', 'A key must be specified');
      assertRouteError(() => route('PUT', '/b/?partNumber=1&uploadId=u'), 'InvalidRequest');
    });
    it('refuses two subresources at once', () => {
      assertRouteError(
        () => route('GET', '/b/k?acl&tagging'),
        'InvalidRequest',
        'A request may name one subresource, not ?acl and ?tagging',
      );
    });
    it('answers MethodNotAllowed for methods the target does not support', () => {
      assertRouteError(() => route('POST', '/b/k'), 'MethodNotAllowed', 'The specified method is not allowed against this resource.', {
        Method: 'POST',
        ResourceType: 'OBJECT',
      });
      assertRouteError(() => route('PATCH', '/b'), 'MethodNotAllowed', undefined, { Method: 'PATCH', ResourceType: 'BUCKET' });
      assertRouteError(() => route('PUT', '/'), 'MethodNotAllowed', undefined, { Method: 'PUT', ResourceType: 'SERVICE' });
      assertRouteError(() => route('OPTIONS', '/b/k'), 'MethodNotAllowed');
      assertRouteError(() => route('POST', '/b?acl'), 'MethodNotAllowed');
      assertRouteError(() => route('DELETE', '/b/k?acl'), 'MethodNotAllowed');
    });
    it('accepts a lowercase method', () => {
      assert.equal(route('get', '/b/k').operation, 'GetObject');
    });
    it('refuses a select without select-type 2', () => {
      assertRouteError(() => route('POST', '/b/k?select'), 'MissingParameter');
      assertRouteError(() => route('POST', '/b/k?select&select-type=3'), 'InvalidArgument');
    });
    it('refuses a malformed copy source', () => {
      assertRouteError(() => route('PUT', '/b/k', { 'x-amz-copy-source': 'no-key' }), 'InvalidArgument');
    });
  });
});

function pick(endpoint: S3Endpoint, like: object): Record<string, unknown> {
  const record = endpoint as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(like).map((k) => [k, record[k]]));
}
