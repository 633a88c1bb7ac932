// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isStorageError, type StorageErrorCode } from '../../core/errors.js';
import { s3Operations } from './actions.js';
import type { S3Endpoint, S3Operation } from './endpoint.js';
import { routeS3 } from './router.js';
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

type Example = readonly [method: string, target: string, operation: S3Operation, fields?: object, headers?: Record<string, string>];

/**
 * Requests from the examples of Amazon's S3 API reference, written relative to the bucket
 * (`Host: examplebucket.s3.amazonaws.com`); each is replayed path style and virtual-hosted style.
 * The ones without a published example use the request syntax of their reference page.
 */
const bucketExamples: readonly Example[] = [
  [
    'DELETE',
    '/example-object?uploadId=VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZ',
    'AbortMultipartUpload',
    {
      key: 'example-object',
      uploadId: 'VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZ',
    },
  ],
  [
    'POST',
    '/example-object?uploadId=AAAsb2FkIElEIGZvciBlbHZpbmcncyWeeS1tb3ZpZS5tMnRzIRRwbG9hZA',
    'CompleteMultipartUpload',
    {
      uploadId: 'AAAsb2FkIElEIGZvciBlbHZpbmcncyWeeS1tb3ZpZS5tMnRzIRRwbG9hZA',
    },
  ],
  [
    'PUT',
    '/my-second-image.jpg',
    'CopyObject',
    { copySource: { bucket: 'bucket', key: 'my-image.jpg' } },
    {
      'x-amz-copy-source': '/bucket/my-image.jpg',
    },
  ],
  [
    'PUT',
    '/my-second-image.jpg',
    'CopyObject',
    {
      copySource: { bucket: 'bucket', key: 'my-image.jpg', versionId: '3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nrjfkd' },
    },
    { 'x-amz-copy-source': '/bucket/my-image.jpg?versionId=3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nrjfkd' },
  ],
  ['PUT', '/', 'CreateBucket'],
  ['POST', '/?metadataConfiguration', 'CreateBucketMetadataConfiguration'],
  ['POST', '/?metadataTable', 'CreateBucketMetadataTableConfiguration'],
  ['POST', '/example-object?uploads', 'CreateMultipartUpload', { key: 'example-object' }],
  ['GET', '/?session', 'CreateSession'],
  ['DELETE', '/', 'DeleteBucket'],
  ['DELETE', '/?analytics&id=list1', 'DeleteBucketAnalyticsConfiguration', { id: 'list1' }],
  ['DELETE', '/?cors', 'DeleteBucketCors'],
  ['DELETE', '/?encryption', 'DeleteBucketEncryption'],
  ['DELETE', '/?intelligent-tiering&id=Id', 'DeleteBucketIntelligentTieringConfiguration', { id: 'Id' }],
  ['DELETE', '/?inventory&id=list1', 'DeleteBucketInventoryConfiguration', { id: 'list1' }],
  ['DELETE', '/?lifecycle', 'DeleteBucketLifecycle'],
  ['DELETE', '/?metadataConfiguration', 'DeleteBucketMetadataConfiguration'],
  ['DELETE', '/?metadataTable', 'DeleteBucketMetadataTableConfiguration'],
  ['DELETE', '/?metrics&id=ExampleMetrics', 'DeleteBucketMetricsConfiguration', { id: 'ExampleMetrics' }],
  ['DELETE', '/?ownershipControls', 'DeleteBucketOwnershipControls'],
  ['DELETE', '/?policy', 'DeleteBucketPolicy'],
  ['DELETE', '/?replication', 'DeleteBucketReplication'],
  ['DELETE', '/?tagging', 'DeleteBucketTagging'],
  ['DELETE', '/?website', 'DeleteBucketWebsite'],
  ['DELETE', '/my-second-image.jpg', 'DeleteObject', { key: 'my-second-image.jpg' }],
  [
    'DELETE',
    '/my-third-image.jpg?versionId=UIORUnfndfiufdisojhr398493jfdkjFJjkndnqUifhnw89493jJFJ',
    'DeleteObject',
    {
      versionId: 'UIORUnfndfiufdisojhr398493jfdkjFJjkndnqUifhnw89493jJFJ',
    },
  ],
  [
    'DELETE',
    '/{Key+}?annotation&annotationName=AnnotationName&versionId=VersionId',
    'DeleteObjectAnnotation',
    {
      key: '{Key+}',
      annotationName: 'AnnotationName',
      versionId: 'VersionId',
    },
  ],
  ['POST', '/?delete', 'DeleteObjects'],
  ['DELETE', '/exampleobject?tagging', 'DeleteObjectTagging'],
  ['DELETE', '/{Key+}?tagging&versionId=VersionId', 'DeleteObjectTagging', { versionId: 'VersionId' }],
  ['DELETE', '/?publicAccessBlock', 'DeletePublicAccessBlock'],
  ['GET', '/?abac', 'GetBucketAbac'],
  ['GET', '/?accelerate', 'GetBucketAccelerateConfiguration'],
  ['GET', '/?acl', 'GetBucketAcl'],
  ['GET', '/?analytics&id=list1', 'GetBucketAnalyticsConfiguration', { id: 'list1' }],
  ['GET', '/?cors', 'GetBucketCors'],
  ['GET', '/?encryption', 'GetBucketEncryption'],
  ['GET', '/?intelligent-tiering&id=Id', 'GetBucketIntelligentTieringConfiguration'],
  ['GET', '/?inventory&id=list1', 'GetBucketInventoryConfiguration'],
  ['GET', '/?lifecycle', 'GetBucketLifecycleConfiguration'],
  ['GET', '/?location', 'GetBucketLocation'],
  ['GET', '/?logging', 'GetBucketLogging'],
  ['GET', '/?metadataConfiguration', 'GetBucketMetadataConfiguration'],
  ['GET', '/?metadataTable', 'GetBucketMetadataTableConfiguration'],
  ['GET', '/?metrics&id=Documents', 'GetBucketMetricsConfiguration', { id: 'Documents' }],
  ['GET', '/?notification', 'GetBucketNotificationConfiguration'],
  ['GET', '/?ownershipControls', 'GetBucketOwnershipControls'],
  ['GET', '/?policy', 'GetBucketPolicy'],
  ['GET', '/?policyStatus', 'GetBucketPolicyStatus'],
  ['GET', '/?replication', 'GetBucketReplication'],
  ['GET', '/?requestPayment', 'GetBucketRequestPayment'],
  ['GET', '/?tagging', 'GetBucketTagging'],
  ['GET', '/?versioning', 'GetBucketVersioning'],
  ['GET', '/?website', 'GetBucketWebsite'],
  ['GET', '/my-image.jpg', 'GetObject', { key: 'my-image.jpg', overrides: {} }],
  ['GET', '/myObject?versionId=3/L4kqtJlcpXroDTDmpUMLUo', 'GetObject', { versionId: '3/L4kqtJlcpXroDTDmpUMLUo' }],
  [
    'GET',
    '/Junk3.txt?response-cache-control=No-cache&response-content-disposition=attachment%3B%20filename%3Dtesting.txt&response-content-encoding=x-gzip&response-content-language=mi%2C%20en&response-expires=Thu%2C%2001%20Dec%201994%2016:00:00%20GMT',
    'GetObject',
    {
      overrides: {
        cacheControl: 'No-cache',
        contentDisposition: 'attachment; filename=testing.txt',
        contentEncoding: 'x-gzip',
        contentLanguage: 'mi, en',
        expires: 'Thu, 01 Dec 1994 16:00:00 GMT',
      },
    },
  ],
  [
    'GET',
    '/Key+?partNumber=1&response-content-type=ResponseContentType&versionId=VersionId',
    'GetObject',
    {
      key: 'Key+',
      partNumber: 1,
      versionId: 'VersionId',
      overrides: { contentType: 'ResponseContentType' },
    },
  ],
  ['GET', '/my-image.jpg?acl', 'GetObjectAcl'],
  [
    'GET',
    '/my-image.jpg?versionId=3/L4kqtJlcpXroDVBH40Nr8X8gdRQBpUMLUo&acl',
    'GetObjectAcl',
    {
      versionId: '3/L4kqtJlcpXroDVBH40Nr8X8gdRQBpUMLUo',
    },
  ],
  [
    'GET',
    '/{Key+}?annotation&annotationName=AnnotationName&versionId=VersionId',
    'GetObjectAnnotation',
    {
      annotationName: 'AnnotationName',
    },
  ],
  ['GET', '/example-object?attributes', 'GetObjectAttributes'],
  ['GET', '/{Key+}?legal-hold&versionId=VersionId', 'GetObjectLegalHold', { versionId: 'VersionId' }],
  ['GET', '/?object-lock', 'GetObjectLockConfiguration'],
  ['GET', '/{Key+}?retention&versionId=VersionId', 'GetObjectRetention'],
  ['GET', '/example-object?tagging', 'GetObjectTagging'],
  ['GET', '/quotes/Nelson?torrent', 'GetObjectTorrent', { key: 'quotes/Nelson' }],
  ['GET', '/?publicAccessBlock', 'GetPublicAccessBlock'],
  ['HEAD', '/', 'HeadBucket'],
  ['HEAD', '/my-image.jpg', 'HeadObject'],
  ['HEAD', '/my-image.jpg?versionId=3HL4kqCxf3vjVBH40Nrjfkd', 'HeadObject', { versionId: '3HL4kqCxf3vjVBH40Nrjfkd' }],
  ['HEAD', '/Key+?partNumber=3&versionId=VersionId', 'HeadObject', { partNumber: 3 }],
  ['GET', '/?analytics', 'ListBucketAnalyticsConfigurations'],
  [
    'GET',
    '/?analytics&continuation-token=ContinuationToken',
    'ListBucketAnalyticsConfigurations',
    {
      continuationToken: 'ContinuationToken',
    },
  ],
  ['GET', '/?intelligent-tiering', 'ListBucketIntelligentTieringConfigurations'],
  ['GET', '/?inventory', 'ListBucketInventoryConfigurations'],
  ['GET', '/?metrics', 'ListBucketMetricsConfigurations'],
  ['GET', '/?uploads&max-uploads=3', 'ListMultipartUploads', { maxUploads: 3, prefix: '' }],
  ['GET', '/?uploads&delimiter=/', 'ListMultipartUploads', { delimiter: '/' }],
  ['GET', '/?uploads&delimiter=/&prefix=photos/2006/', 'ListMultipartUploads', { delimiter: '/', prefix: 'photos/2006/' }],
  [
    'GET',
    '/?uploads&delimiter=D&encoding-type=url&key-marker=KeyMarker&max-uploads=1&prefix=Prefix&upload-id-marker=UploadIdMarker',
    'ListMultipartUploads',
    { delimiter: 'D', encodingType: 'url', keyMarker: 'KeyMarker', maxUploads: 1, prefix: 'Prefix', uploadIdMarker: 'UploadIdMarker' },
  ],
  [
    'GET',
    '/{Key+}?annotation&annotation-prefix=AnnotationPrefix&max-annotation-results=10',
    'ListObjectAnnotations',
    {
      annotationPrefix: 'AnnotationPrefix',
      maxAnnotationResults: 10,
    },
  ],
  ['GET', '/', 'ListObjects', { prefix: '', maxKeys: 1000 }],
  ['GET', '/?prefix=N&marker=Ned&max-keys=40', 'ListObjects', { prefix: 'N', marker: 'Ned', maxKeys: 40 }],
  ['GET', '/?delimiter=/', 'ListObjects', { delimiter: '/' }],
  ['GET', '/?prefix=photos/2006/&delimiter=/', 'ListObjects', { prefix: 'photos/2006/', delimiter: '/' }],
  ['GET', '/?list-type=2', 'ListObjectsV2', { prefix: '', maxKeys: 1000, fetchOwner: false }],
  [
    'GET',
    '/?list-type=2&max-keys=3&prefix=E&start-after=ExampleGuide.pdf',
    'ListObjectsV2',
    {
      maxKeys: 3,
      prefix: 'E',
      startAfter: 'ExampleGuide.pdf',
    },
  ],
  ['GET', '/?list-type=2&delimiter=/', 'ListObjectsV2', { delimiter: '/' }],
  ['GET', '/?list-type=2&prefix=photos/2006/&delimiter=/', 'ListObjectsV2', { prefix: 'photos/2006/' }],
  [
    'GET',
    '/?list-type=2&continuation-token=1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    'ListObjectsV2',
    {
      continuationToken: '1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=',
    },
  ],
  [
    'GET',
    '/?list-type=2&continuation-token=ContinuationToken&delimiter=D&encoding-type=url&fetch-owner=true&max-keys=1&prefix=Prefix&start-after=StartAfter',
    'ListObjectsV2',
    { continuationToken: 'ContinuationToken', delimiter: 'D', encodingType: 'url', fetchOwner: true, maxKeys: 1, startAfter: 'StartAfter' },
  ],
  ['GET', '/?versions', 'ListObjectVersions', { prefix: '', maxKeys: 1000 }],
  ['GET', '/?versions&key-marker=key2', 'ListObjectVersions', { keyMarker: 'key2' }],
  ['GET', '/?versions&key-marker=key3&version-id-marker=t46ZenlYTZBnj', 'ListObjectVersions', { versionIdMarker: 't46ZenlYTZBnj' }],
  ['GET', '/?versions&key-marker=key3&version-id-marker=t46Z0menlYTZBnj&max-keys=3', 'ListObjectVersions', { maxKeys: 3 }],
  ['GET', '/?versions&delimiter=/', 'ListObjectVersions', { delimiter: '/' }],
  ['GET', '/?versions&prefix=photos/2006/&delimiter=/', 'ListObjectVersions', { prefix: 'photos/2006/' }],
  [
    'GET',
    '/example-object?uploadId=XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA&max-parts=2&part-number-marker=1',
    'ListParts',
    {
      key: 'example-object',
      uploadId: 'XXBsb2FkIElEIGZvciBlbHZpbmcncyVcdS1tb3ZpZS5tMnRzEEEwbG9hZA',
      maxParts: 2,
      partNumberMarker: 1,
    },
  ],
  ['GET', '/Key+?max-parts=2&part-number-marker=2&uploadId=UploadId', 'ListParts', { partNumberMarker: 2 }],
  ['POST', '/', 'PostObject', {}, { 'content-type': 'multipart/form-data; boundary=9431149156168' }],
  ['PUT', '/?abac', 'PutBucketAbac'],
  ['PUT', '/?accelerate', 'PutBucketAccelerateConfiguration'],
  ['PUT', '/?acl', 'PutBucketAcl'],
  ['PUT', '/?analytics&id=report1', 'PutBucketAnalyticsConfiguration', { id: 'report1' }],
  ['PUT', '/?cors', 'PutBucketCors'],
  ['PUT', '/?encryption', 'PutBucketEncryption'],
  ['PUT', '/?intelligent-tiering&id=Id', 'PutBucketIntelligentTieringConfiguration'],
  ['PUT', '/?inventory&id=report1', 'PutBucketInventoryConfiguration'],
  ['PUT', '/?lifecycle', 'PutBucketLifecycleConfiguration'],
  ['PUT', '/?logging', 'PutBucketLogging'],
  ['PUT', '/?metrics&id=EntireBucket', 'PutBucketMetricsConfiguration'],
  ['PUT', '/?notification', 'PutBucketNotificationConfiguration'],
  ['PUT', '/?ownershipControls', 'PutBucketOwnershipControls'],
  ['PUT', '/?policy', 'PutBucketPolicy'],
  ['PUT', '/?replication', 'PutBucketReplication'],
  ['PUT', '/?requestPayment', 'PutBucketRequestPayment'],
  ['PUT', '/?tagging', 'PutBucketTagging'],
  ['PUT', '/?versioning', 'PutBucketVersioning'],
  ['PUT', '/?website', 'PutBucketWebsite'],
  ['PUT', '/my-image.jpg', 'PutObject', { key: 'my-image.jpg' }],
  ['PUT', '/Key+', 'PutObject', { key: 'Key+' }],
  ['PUT', '/my-image.jpg?acl', 'PutObjectAcl'],
  ['PUT', '/my-image.jpg?acl&versionId=3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nrjfkd', 'PutObjectAcl'],
  ['PUT', '/{Key+}?annotation&annotationName=AnnotationName&versionId=VersionId', 'PutObjectAnnotation'],
  ['PUT', '/{Key+}?legal-hold&versionId=VersionId', 'PutObjectLegalHold'],
  ['PUT', '/?object-lock', 'PutObjectLockConfiguration'],
  ['PUT', '/{Key+}?retention&versionId=VersionId', 'PutObjectRetention'],
  ['PUT', '/object-key?tagging', 'PutObjectTagging'],
  ['PUT', '/{Key+}?tagging&versionId=VersionId', 'PutObjectTagging'],
  ['PUT', '/?publicAccessBlock', 'PutPublicAccessBlock'],
  ['PUT', '/{Key+}?renameObject', 'RenameObject', {}, { 'x-amz-rename-source': 'old-key' }],
  ['POST', '/object-one.csv?restore', 'RestoreObject'],
  ['POST', '/{Key+}?restore&versionId=VersionId', 'RestoreObject', { versionId: 'VersionId' }],
  ['POST', '/exampleobject.csv?select&select-type=2', 'SelectObjectContent'],
  ['PUT', '/?metadataAnnotationTable', 'UpdateBucketMetadataAnnotationTableConfiguration'],
  ['PUT', '/?metadataInventoryTable', 'UpdateBucketMetadataInventoryTableConfiguration'],
  ['PUT', '/?metadataJournalTable', 'UpdateBucketMetadataJournalTableConfiguration'],
  ['PUT', '/{Key+}?encryption', 'UpdateObjectEncryption'],
  [
    'PUT',
    '/my-movie.m2ts?partNumber=1&uploadId=VCVsb2FkIElEIGZvciBlbZZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZR',
    'UploadPart',
    {
      partNumber: 1,
      uploadId: 'VCVsb2FkIElEIGZvciBlbZZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZR',
    },
  ],
  [
    'PUT',
    '/newobject?partNumber=2&uploadId=VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA',
    'UploadPartCopy',
    {
      partNumber: 2,
      copySource: { bucket: 'source-bucket', key: 'sourceobject' },
    },
    { 'x-amz-copy-source': '/source-bucket/sourceobject' },
  ],
];

const serviceExamples: readonly Example[] = [
  ['GET', '/', 'ListBuckets', {}],
  [
    'GET',
    '/?max-buckets=10&prefix=photo&bucket-region=eu-west-1&continuation-token=abc',
    'ListBuckets',
    {
      maxBuckets: 10,
      prefix: 'photo',
      bucketRegion: 'eu-west-1',
      continuationToken: 'abc',
    },
  ],
  ['GET', '/?x-id=ListDirectoryBuckets', 'ListDirectoryBuckets', {}],
];

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
