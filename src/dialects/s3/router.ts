import { StorageError } from '../../core/errors.js';
import type { WireRequest } from '../common/wire.js';
import type { S3Endpoint, S3ServiceEndpoint } from './endpoint.js';
import { locateS3Resource, type S3RouterOptions } from './locate-s3-resource.js';
import { QueryReader, present } from './query-reader.js';
import { bucketSubresources, hasBucketRoute, keyRequired, routeBucket } from './route-bucket.js';
import { methodNotAllowed } from './route-errors.js';
import { hasObjectRoute, keyNotExpected, objectSubresources, routeObject } from './route-object.js';

export type { S3RouterOptions } from './locate-s3-resource.js';

/** Every query parameter that names a subresource (`?acl`, `?uploads`, ...), for any method and target. */
export const s3Subresources: ReadonlySet<string> = new Set([...bucketSubresources, ...objectSubresources]);

/**
 * Turns a request into the S3 operation it asks for, with its parameters parsed and validated.
 * Pure: reads the method, the path, the Host and x-amz-copy-source headers and the query; never the body.
 *
 * Order of decisions:
 * 1. target: no bucket -> the service; bucket with an empty key -> the bucket; else the object;
 * 2. the subresource keyword, at most one (`?acl&tagging` is refused rather than guessed);
 * 3. the method's table for that target and keyword; within a table, the parameters that select an
 *    operation (uploadId, partNumber, id, list-type, annotationName) and, for PUT on an object,
 *    x-amz-copy-source (see route-object.ts for that precedence).
 *
 * Invalid parameter values throw StorageError InvalidArgument with S3's message and
 * {ArgumentName, ArgumentValue}; a subresource that, with this method, belongs to the other kind of
 * target (GET /bucket/key?uploads, POST /bucket?uploads) is InvalidRequest; a method the target does
 * not support is MethodNotAllowed. CORS preflights (OPTIONS) are not S3 operations: the
 * caller answers them (locateS3Resource names their bucket and key) before routing.
 */
export function routeS3(req: Pick<WireRequest, 'method' | 'rawPath' | 'query' | 'headers'>, options: S3RouterOptions): S3Endpoint {
  const method = req.method.toUpperCase();
  const { bucket, key } = locateS3Resource(req, options);
  const q = new QueryReader(req.query);
  if (bucket === undefined) return routeService(method, q);
  const keyword = subresourceOf(q);
  if (key === '') {
    if (keyword !== undefined && belongsToObjects(method, keyword)) throw keyRequired();
    return routeBucket(method, bucket, keyword, q);
  }
  if (keyword !== undefined && belongsToBuckets(method, keyword)) throw keyNotExpected(method, keyword);
  return routeObject(method, bucket, key, keyword, q, req.headers);
}

/** With this method the subresource addresses an object, or only ever objects, never a bucket. */
function belongsToObjects(method: string, keyword: string): boolean {
  if (hasBucketRoute(method, keyword)) return false;
  return hasObjectRoute(method, keyword) || !bucketSubresources.has(keyword);
}

/** With this method the subresource addresses a bucket, or only ever buckets, never an object. */
function belongsToBuckets(method: string, keyword: string): boolean {
  if (hasObjectRoute(method, keyword)) return false;
  return hasBucketRoute(method, keyword) || !objectSubresources.has(keyword);
}

function routeService(method: string, q: QueryReader): S3ServiceEndpoint {
  if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method, 'SERVICE');
  if (q.get('x-id') === 'ListDirectoryBuckets') {
    return { operation: 'ListDirectoryBuckets', ...present('continuationToken', q.get('continuation-token')) };
  }
  return {
    operation: 'ListBuckets',
    ...present('maxBuckets', q.int('max-buckets', 'max-buckets', 1, 10_000)),
    ...present('continuationToken', q.get('continuation-token')),
    ...present('prefix', q.optional('prefix')),
    ...present('bucketRegion', q.optional('bucket-region')),
  };
}

function subresourceOf(q: QueryReader): string | undefined {
  const found = [...q.names()].filter((name) => s3Subresources.has(name));
  if (found.length > 1) {
    throw new StorageError('InvalidRequest', `A request may name one subresource, not ?${found.join(' and ?')}`);
  }
  return found[0];
}
