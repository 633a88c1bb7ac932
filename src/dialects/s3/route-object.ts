import { StorageError } from '../../core/errors.js';
import type { GetObjectParams, PlainObjectOperation, S3ObjectEndpoint } from './endpoint.js';
import { parseCopySource } from './parse-copy-source.js';
import { invalidArgument, present, type QueryReader } from './query-reader.js';
import { methodNotAllowed, missingParam, requiredParam } from './route-errors.js';

type Headers = Readonly<Record<string, string>>;
type ObjectRoute = (bucket: string, key: string, q: QueryReader, headers: Headers) => S3ObjectEndpoint;
type Table = Readonly<Record<string, ObjectRoute>>;

const LIST_LIMIT = 1000;
const INT32_MAX = 2_147_483_647;

function getObjectParams(q: QueryReader): GetObjectParams {
  return {
    ...present('versionId', q.versionId()),
    ...present('partNumber', q.partNumber()),
    overrides: {
      ...present('cacheControl', q.get('response-cache-control')),
      ...present('contentDisposition', q.get('response-content-disposition')),
      ...present('contentEncoding', q.get('response-content-encoding')),
      ...present('contentLanguage', q.get('response-content-language')),
      ...present('contentType', q.get('response-content-type')),
      ...present('expires', q.get('response-expires')),
    },
  };
}

/**
 * PUT on a key without a subresource. Precedence, first match wins:
 *
 * | partNumber / uploadId | x-amz-copy-source | operation      |
 * | --------------------- | ----------------- | -------------- |
 * | either present        | present           | UploadPartCopy |
 * | either present        | absent            | UploadPart     |
 * | both absent           | present           | CopyObject     |
 * | both absent           | absent            | PutObject      |
 *
 * One of partNumber and uploadId without the other is refused: guessing PutObject would replace the
 * object with what the client meant as one part.
 */
function put(bucket: string, key: string, q: QueryReader, headers: Headers): S3ObjectEndpoint {
  const copySource = headers['x-amz-copy-source'];
  if (q.has('partNumber') || q.has('uploadId')) {
    const partNumber = q.partNumber() ?? missingParam('partNumber');
    const part = { bucket, key, partNumber, uploadId: requiredParam(q, 'uploadId') };
    if (copySource === undefined) return { operation: 'UploadPart', ...part };
    return { operation: 'UploadPartCopy', ...part, copySource: parseCopySource(copySource) };
  }
  if (copySource !== undefined) {
    return { operation: 'CopyObject', bucket, key, copySource: parseCopySource(copySource) };
  }
  return { operation: 'PutObject', bucket, key };
}

function versioned(
  operation:
    | 'GetObjectAcl'
    | 'PutObjectAcl'
    | 'GetObjectTagging'
    | 'PutObjectTagging'
    | 'DeleteObjectTagging'
    | 'GetObjectLegalHold'
    | 'PutObjectLegalHold'
    | 'GetObjectRetention'
    | 'PutObjectRetention'
    | 'RestoreObject'
    | 'UpdateObjectEncryption'
    | 'GetObjectAttributes',
): ObjectRoute {
  return (bucket, key, q) => ({ operation, bucket, key, ...present('versionId', q.versionId()) });
}

function annotation(operation: 'PutObjectAnnotation' | 'DeleteObjectAnnotation'): ObjectRoute {
  return (bucket, key, q) => ({
    operation,
    bucket,
    key,
    annotationName: requiredParam(q, 'annotationName'),
    ...present('versionId', q.versionId()),
  });
}

function plain(operation: PlainObjectOperation): ObjectRoute {
  return (bucket, key) => ({ operation, bucket, key });
}

const GET: Table = {
  '': (bucket, key, q) => {
    if (!q.has('uploadId')) return { operation: 'GetObject', bucket, key, ...getObjectParams(q) };
    return {
      operation: 'ListParts',
      bucket,
      key,
      uploadId: requiredParam(q, 'uploadId'),
      maxParts: q.listLimit('max-parts', 'max-parts', LIST_LIMIT),
      partNumberMarker: q.int('part-number-marker', 'part-number-marker', 0, INT32_MAX) ?? 0,
    };
  },
  acl: versioned('GetObjectAcl'),
  annotation: (bucket, key, q) => {
    const annotationName = q.get('annotationName');
    if (annotationName !== undefined) {
      return { operation: 'GetObjectAnnotation', bucket, key, annotationName, ...present('versionId', q.versionId()) };
    }
    return {
      operation: 'ListObjectAnnotations',
      bucket,
      key,
      ...present('versionId', q.versionId()),
      ...present('continuationToken', q.get('continuation-token')),
      ...present('annotationPrefix', q.get('annotation-prefix')),
      ...present('maxAnnotationResults', q.int('max-annotation-results', 'max-annotation-results', 0, INT32_MAX)),
    };
  },
  attributes: versioned('GetObjectAttributes'),
  'legal-hold': versioned('GetObjectLegalHold'),
  retention: versioned('GetObjectRetention'),
  tagging: versioned('GetObjectTagging'),
  torrent: plain('GetObjectTorrent'),
};

const PUT: Table = {
  '': put,
  acl: versioned('PutObjectAcl'),
  annotation: annotation('PutObjectAnnotation'),
  encryption: versioned('UpdateObjectEncryption'),
  'legal-hold': versioned('PutObjectLegalHold'),
  renameObject: plain('RenameObject'),
  retention: versioned('PutObjectRetention'),
  tagging: versioned('PutObjectTagging'),
};

const POST: Table = {
  '': (bucket, key, q) => {
    if (!q.has('uploadId')) throw methodNotAllowed('POST', 'OBJECT');
    return { operation: 'CompleteMultipartUpload', bucket, key, uploadId: requiredParam(q, 'uploadId') };
  },
  uploads: plain('CreateMultipartUpload'),
  restore: versioned('RestoreObject'),
  select: (bucket, key, q) => {
    const selectType = requiredParam(q, 'select-type');
    if (selectType !== '2') {
      throw invalidArgument('Invalid select-type specified in Request', 'select-type', selectType);
    }
    return { operation: 'SelectObjectContent', bucket, key };
  },
};

const DELETE: Table = {
  '': (bucket, key, q) => {
    if (q.has('uploadId')) {
      return { operation: 'AbortMultipartUpload', bucket, key, uploadId: requiredParam(q, 'uploadId') };
    }
    return { operation: 'DeleteObject', bucket, key, ...present('versionId', q.versionId()) };
  },
  annotation: annotation('DeleteObjectAnnotation'),
  tagging: versioned('DeleteObjectTagging'),
};

const TABLES: Readonly<Record<string, Table>> = { GET, PUT, POST, DELETE };

/** Subresource keywords that address an object (for some method). */
export const objectSubresources: ReadonlySet<string> = new Set(
  Object.values(TABLES).flatMap((t) => Object.keys(t).filter((k) => k !== '')),
);

function objectRoute(method: string, keyword: string | undefined): ObjectRoute | undefined {
  const table = Object.hasOwn(TABLES, method) ? TABLES[method] : undefined;
  const k = keyword ?? '';
  return table !== undefined && Object.hasOwn(table, k) ? table[k] : undefined;
}

/** Whether this method and subresource name an object operation. */
export function hasObjectRoute(method: string, keyword: string | undefined): boolean {
  return method === 'HEAD' || objectRoute(method, keyword) !== undefined;
}

/** Routes a request whose target is an object (non-empty key). HEAD is always HeadObject. */
export function routeObject(
  method: string,
  bucket: string,
  key: string,
  keyword: string | undefined,
  q: QueryReader,
  headers: Headers,
): S3ObjectEndpoint {
  if (method === 'HEAD') return { operation: 'HeadObject', bucket, key, ...getObjectParams(q) };
  const route = objectRoute(method, keyword);
  if (route === undefined) throw methodNotAllowed(method, 'OBJECT');
  return route(bucket, key, q, headers);
}

export function keyNotExpected(method: string, keyword: string): StorageError {
  return new StorageError('InvalidRequest', `Key is not expected for the ${method} method ?${keyword} subresource`);
}
