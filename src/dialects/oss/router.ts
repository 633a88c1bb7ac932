import { StorageError } from '../../core/errors.js';
import type { WireRequest } from '../common/wire.js';
import type { CopySource, OssBucketEndpoint, OssEndpoint, OssObjectEndpoint, ResponseOverrides } from './endpoint.js';
import { locateOssResource, type OssRouterOptions } from './locate-oss-resource.js';
import { OssQuery, present } from './query-params.js';

export type { OssRouterOptions } from './locate-oss-resource.js';

const MAX_PAGE = 1000;
const MAX_PART_NUMBER = 10_000;

/** Sub-resources of OSS that Cairn does not serve: answered NotImplemented rather than misread as a GET. */
const unsupportedSubresources = new Set([
  'acl',
  'logging',
  'website',
  'referer',
  'policy',
  'symlink',
  'restore',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'worm',
  'inventory',
  'requestPayment',
  'qos',
  'qosInfo',
  'stat',
  'transferAcceleration',
  'cname',
  'live',
  'img',
  'style',
  'metaQuery',
  'resourceGroup',
  'accessPoint',
  'publicAccessBlock',
  'asyncFetch',
  'regionList',
  'x-oss-process',
  'x-oss-async-process',
  'selectMeta',
  'x-oss-select',
]);

/**
 * Turns a request into the OSS operation it asks for, with its parameters parsed and validated. Pure: reads
 * the method, path, Host, x-oss-copy-source and the query; never the body.
 *
 * Precedence: the target (service, bucket, object) from Host and path; then the sub-resource or selecting
 * parameter in this order: unsupported sub-resources (NotImplemented), then for objects `uploads`,
 * `uploadId` (with `partNumber` for PUT), `append`, `tagging`, `objectMeta`, then x-oss-copy-source on PUT;
 * for buckets `versioning`, `versions`, `tagging`, `lifecycle`, `cors`, `encryption`, `uploads`, `delete`,
 * `bucketInfo`, `location`, then `list-type=2`.
 */
export function routeOss(req: Pick<WireRequest, 'method' | 'rawPath' | 'query' | 'headers'>, options: OssRouterOptions): OssEndpoint {
  const method = req.method.toUpperCase();
  const { bucket, key } = locateOssResource(req, options);
  const q = new OssQuery(req.query);
  const unsupported = [...q.names()].find((n) => unsupportedSubresources.has(n));
  if (bucket === undefined) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return {
      operation: 'ListBuckets',
      ...present('prefix', q.optional('prefix')),
      ...present('marker', q.optional('marker')),
      ...(q.optional('max-keys') === undefined ? {} : { maxKeys: q.int('max-keys', 1, MAX_PAGE, MAX_PAGE, MAX_PAGE) }),
    };
  }
  if (unsupported !== undefined) {
    throw new StorageError('NotImplemented', `Cairn does not implement the OSS ?${unsupported} sub-resource.`, {
      SubResource: unsupported,
    });
  }
  return key === '' ? routeBucket(method, bucket, q) : routeObject(method, bucket, key, q, req.headers);
}

function routeBucket(method: string, bucket: string, q: OssQuery): OssBucketEndpoint {
  if (q.has('versioning')) {
    if (method === 'PUT') return { operation: 'PutBucketVersioning', bucket };
    if (method === 'GET') return { operation: 'GetBucketVersioning', bucket };
    throw methodNotAllowed(method);
  }
  if (q.has('versions')) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return {
      operation: 'ListObjectVersions',
      bucket,
      prefix: q.get('prefix') ?? '',
      ...present('delimiter', q.optional('delimiter')),
      ...present('keyMarker', q.optional('key-marker')),
      ...present('versionIdMarker', q.optional('version-id-marker')),
      maxKeys: q.int('max-keys', 1, MAX_PAGE, 100, MAX_PAGE),
      ...present('encodingType', q.encodingType()),
    };
  }
  if (q.has('tagging')) {
    if (method === 'PUT') return { operation: 'PutBucketTags', bucket };
    if (method === 'GET') return { operation: 'GetBucketTags', bucket };
    if (method === 'DELETE') return { operation: 'DeleteBucketTags', bucket };
    throw methodNotAllowed(method);
  }
  if (q.has('lifecycle')) {
    if (method === 'PUT') return { operation: 'PutBucketLifecycle', bucket };
    if (method === 'GET') return { operation: 'GetBucketLifecycle', bucket };
    if (method === 'DELETE') return { operation: 'DeleteBucketLifecycle', bucket };
    throw methodNotAllowed(method);
  }
  if (q.has('cors')) {
    if (method === 'PUT') return { operation: 'PutBucketCors', bucket };
    if (method === 'GET') return { operation: 'GetBucketCors', bucket };
    if (method === 'DELETE') return { operation: 'DeleteBucketCors', bucket };
    throw methodNotAllowed(method);
  }
  if (q.has('encryption')) {
    if (method === 'PUT') return { operation: 'PutBucketEncryption', bucket };
    if (method === 'GET') return { operation: 'GetBucketEncryption', bucket };
    if (method === 'DELETE') return { operation: 'DeleteBucketEncryption', bucket };
    throw methodNotAllowed(method);
  }
  if (q.has('uploads')) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return {
      operation: 'ListMultipartUploads',
      bucket,
      prefix: q.get('prefix') ?? '',
      ...present('delimiter', q.optional('delimiter')),
      ...present('keyMarker', q.optional('key-marker')),
      ...present('uploadIdMarker', q.optional('upload-id-marker')),
      maxUploads: q.int('max-uploads', 1, MAX_PAGE, MAX_PAGE, MAX_PAGE),
      ...present('encodingType', q.encodingType()),
    };
  }
  if (q.has('delete')) {
    if (method !== 'POST') throw methodNotAllowed(method);
    return { operation: 'DeleteMultipleObjects', bucket, ...present('encodingType', q.encodingType()) };
  }
  if (q.has('bucketInfo')) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return { operation: 'GetBucketInfo', bucket };
  }
  if (q.has('location')) {
    if (method !== 'GET') throw methodNotAllowed(method);
    return { operation: 'GetBucketLocation', bucket };
  }
  switch (method) {
    case 'POST':
      return { operation: 'PostObject', bucket };
    case 'PUT':
      return { operation: 'PutBucket', bucket };
    case 'DELETE':
      return { operation: 'DeleteBucket', bucket };
    case 'GET':
      return q.get('list-type') === '2' ? listObjectsV2(bucket, q) : listObjects(bucket, q);
    default:
      throw methodNotAllowed(method);
  }
}

function listObjects(bucket: string, q: OssQuery): OssBucketEndpoint {
  return {
    operation: 'ListObjects',
    bucket,
    prefix: q.get('prefix') ?? '',
    ...present('delimiter', q.optional('delimiter')),
    ...present('marker', q.optional('marker')),
    maxKeys: q.int('max-keys', 0, MAX_PAGE, 100, MAX_PAGE),
    ...present('encodingType', q.encodingType()),
  };
}

function listObjectsV2(bucket: string, q: OssQuery): OssBucketEndpoint {
  return {
    operation: 'ListObjectsV2',
    bucket,
    prefix: q.get('prefix') ?? '',
    ...present('delimiter', q.optional('delimiter')),
    ...present('continuationToken', q.optional('continuation-token')),
    ...present('startAfter', q.optional('start-after')),
    maxKeys: q.int('max-keys', 0, MAX_PAGE, 100, MAX_PAGE),
    fetchOwner: q.get('fetch-owner') === 'true',
    ...present('encodingType', q.encodingType()),
  };
}

function routeObject(
  method: string,
  bucket: string,
  key: string,
  q: OssQuery,
  headers: Readonly<Record<string, string>>,
): OssObjectEndpoint {
  const copySource = headers['x-oss-copy-source'];
  if (q.has('uploads')) {
    if (method !== 'POST') throw methodNotAllowed(method);
    return { operation: 'InitiateMultipartUpload', bucket, key, ...present('encodingType', q.encodingType()) };
  }
  if (q.has('uploadId')) {
    const uploadId = q.get('uploadId') ?? '';
    switch (method) {
      case 'PUT': {
        const partNumber = partNumberOf(q);
        if (copySource !== undefined)
          return { operation: 'UploadPartCopy', bucket, key, uploadId, partNumber, copySource: parseCopySource(copySource) };
        return { operation: 'UploadPart', bucket, key, uploadId, partNumber };
      }
      case 'POST':
        return { operation: 'CompleteMultipartUpload', bucket, key, uploadId, ...present('encodingType', q.encodingType()) };
      case 'DELETE':
        return { operation: 'AbortMultipartUpload', bucket, key, uploadId };
      case 'GET':
        return {
          operation: 'ListParts',
          bucket,
          key,
          uploadId,
          partNumberMarker: q.int('part-number-marker', 0, MAX_PART_NUMBER, 0),
          maxParts: q.int('max-parts', 1, MAX_PAGE, MAX_PAGE, MAX_PAGE),
          ...present('encodingType', q.encodingType()),
        };
      default:
        throw methodNotAllowed(method);
    }
  }
  if (q.has('append')) {
    if (method !== 'POST') throw methodNotAllowed(method);
    const raw = q.get('position');
    if (raw === undefined || !/^\d{1,16}$/.test(raw)) {
      throw new StorageError('InvalidArgument', 'The position parameter must be a non-negative integer.', {
        ArgumentName: 'position',
        ArgumentValue: raw,
      });
    }
    return { operation: 'AppendObject', bucket, key, position: Number(raw) };
  }
  const versionId = present('versionId', q.optional('versionId'));
  if (q.has('tagging')) {
    if (method === 'PUT') return { operation: 'PutObjectTagging', bucket, key, ...versionId };
    if (method === 'GET') return { operation: 'GetObjectTagging', bucket, key, ...versionId };
    if (method === 'DELETE') return { operation: 'DeleteObjectTagging', bucket, key, ...versionId };
    throw methodNotAllowed(method);
  }
  if (q.has('objectMeta')) {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
    return { operation: 'GetObjectMeta', bucket, key, ...versionId };
  }
  switch (method) {
    case 'PUT':
      if (copySource !== undefined) return { operation: 'CopyObject', bucket, key, copySource: parseCopySource(copySource) };
      return { operation: 'PutObject', bucket, key };
    case 'GET':
      return { operation: 'GetObject', bucket, key, overrides: overridesOf(q), ...versionId };
    case 'HEAD':
      return { operation: 'HeadObject', bucket, key, ...versionId };
    case 'DELETE':
      return { operation: 'DeleteObject', bucket, key, ...versionId };
    case 'POST':
      // PostObject posts to the bucket (`POST /`), never to an object.
      throw methodNotAllowed(method);
    default:
      throw methodNotAllowed(method);
  }
}

function partNumberOf(q: OssQuery): number {
  const raw = q.get('partNumber');
  if (raw === undefined) {
    throw new StorageError('InvalidArgument', 'Unexpected query string parameter: UploadPart needs partNumber.', {
      ArgumentName: 'partNumber',
    });
  }
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_PART_NUMBER)) {
    throw new StorageError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive.', {
      ArgumentName: 'PartNumber',
      ArgumentValue: raw,
    });
  }
  return n;
}

/**
 * `x-oss-copy-source: /<bucket>/<url-encoded key>[?versionId=...]`. ali-oss encodes '/' in the key as %2F,
 * the Go SDK leaves it; both decode to the same key.
 */
export function parseCopySource(value: string): CopySource {
  const invalid = () =>
    new StorageError('InvalidArgument', 'Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.', {
      ArgumentName: 'x-oss-copy-source',
      ArgumentValue: value,
    });
  let rest = value.trim();
  if (rest.startsWith('/')) rest = rest.slice(1);
  let versionId: string | undefined;
  const q = rest.indexOf('?');
  if (q >= 0) {
    const m = /^versionId=(.*)$/.exec(rest.slice(q + 1));
    if (m === null) throw invalid();
    versionId = m[1];
    rest = rest.slice(0, q);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) throw invalid();
  try {
    return {
      bucket: decodeURIComponent(rest.slice(0, slash)),
      key: decodeURIComponent(rest.slice(slash + 1)),
      ...(versionId === undefined ? {} : { versionId: decodeURIComponent(versionId) }),
    };
  } catch {
    throw invalid();
  }
}

function overridesOf(q: OssQuery): ResponseOverrides {
  return {
    ...present('contentType', q.optional('response-content-type')),
    ...present('contentLanguage', q.optional('response-content-language')),
    ...present('expires', q.optional('response-expires')),
    ...present('cacheControl', q.optional('response-cache-control')),
    ...present('contentDisposition', q.optional('response-content-disposition')),
    ...present('contentEncoding', q.optional('response-content-encoding')),
  };
}

function methodNotAllowed(method: string): StorageError {
  return new StorageError('MethodNotAllowed', 'The specified method is not allowed against this resource.', { Method: method });
}
