import { StorageError, isStorageError } from '../../../core/errors.js';
import { copyObject } from '../../../core/objects/copy-object.js';
import { deleteObject } from '../../../core/objects/delete-object.js';
import { deleteObjects } from '../../../core/objects/delete-objects.js';
import { putObject } from '../../../core/objects/put-object.js';
import { readObject, type ObjectRead } from '../../../core/objects/read-object.js';
import type { WriteCondition } from '../../../core/types.js';
import type { WireResponse } from '../../common/wire.js';
import type { GetObjectParams } from '../endpoint.js';
import { parseChecksumAlgorithm, readXmlBody, s3BodyInput } from '../headers/body-input.js';
import { httpDate, objectAttributesFromHeaders, objectResponseHeaders, quoteEtag } from '../headers/object-headers.js';
import { parseRangeHeader, readConditions } from '../../common/http-conditions.js';
import { parseS3StorageClass } from '../headers/storage-class.js';
import { parseDeleteObjects } from '../xml/request-xml.js';
import { renderCopyObjectResult, renderDeleteResult } from '../xml/response-xml.js';
import { s3ErrorFor } from '../error-table.js';
import { wordError } from '../../common/error-wording.js';
import { objectChecksumHeaders, partChecksumOf, partChecksums } from './checksum-headers.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerContext, type S3HandlerTable } from './handler-context.js';
import { overrideHeaders } from '../../common/wire-responses.js';
import { storedEncryptionOf } from '../../../core/encryption/object-encryption.js';
import { parseSseCustomerKey, parseSseWriteHeaders, refuseSseOnRead, sseResponseHeaders } from '../headers/sse-headers.js';

const DELETE_OBJECTS_BODY_LIMIT = 2 * 1024 * 1024;

export const objectHandlers: S3HandlerTable = {
  PutObject: async (h, e) => {
    const bucket = requireBucket(h);
    requireLength(h);
    const checksumAlgorithm = parseChecksumAlgorithm(h.req.headers['x-amz-sdk-checksum-algorithm']);
    const encryption = parseSseWriteHeaders(h.req.headers);
    const object = await putObject(h.ctx, {
      bucket,
      key: e.key,
      body: s3BodyInput(h.req.headers, h.body()),
      attributes: objectAttributesFromHeaders(h.req.headers),
      ...(checksumAlgorithm === undefined ? {} : { checksumAlgorithm }),
      ...writeCondition(h.req.headers),
      ...(encryption === undefined ? {} : { encryption }),
    });
    return emptyResponse(200, {
      etag: quoteEtag(object.etag),
      ...objectChecksumHeaders(object.checksum),
      ...sseResponseHeaders(storedEncryptionOf(object.extra)),
    });
  },

  GetObject: async (h, e) => getOrHead(h, e.key, e, false),
  HeadObject: async (h, e) => getOrHead(h, e.key, e, true),

  DeleteObject: async (h, e) => {
    const bucket = requireBucket(h);
    checkNullVersion(e.versionId);
    const ifMatch = h.req.headers['if-match'];
    await deleteObject(h.ctx, bucket, e.key, ifMatch === undefined ? undefined : ifMatch.replace(/^"|"$/g, ''));
    return emptyResponse(204);
  },

  DeleteObjects: async (h) => {
    const bucket = requireBucket(h);
    const request = parseDeleteObjects(await readXmlBody(h.req.headers, h.body(), DELETE_OBJECTS_BODY_LIMIT));
    const valid = request.objects.filter((o) => o.versionId === undefined || o.versionId === 'null');
    const outcomes = await deleteObjects(
      h.ctx,
      bucket,
      valid.map((o) => o.key),
    );
    const deleted = [];
    const errors = [];
    for (const o of outcomes) {
      if (o.deleted) deleted.push({ key: o.key });
      else {
        const entry = s3ErrorFor(o.error);
        errors.push({ key: o.key, code: entry.code, message: wordError(entry.message, o.error) });
      }
    }
    for (const o of request.objects) {
      if (o.versionId !== undefined && o.versionId !== 'null') {
        errors.push({ key: o.key, versionId: o.versionId, code: 'NoSuchVersion', message: 'The specified version does not exist.' });
      }
    }
    return xmlResponse(200, renderDeleteResult({ quiet: request.quiet, deleted, errors }));
  },

  CopyObject: async (h, e) => {
    const bucket = requireBucket(h);
    checkNullVersion(e.copySource.versionId);
    const sourceBucket = await h.copySourceBucket(e.copySource.bucket, e.copySource.key);
    const directive = h.req.headers['x-amz-metadata-directive'] ?? 'COPY';
    if (directive !== 'COPY' && directive !== 'REPLACE') {
      throw new StorageError('InvalidArgument', 'Unknown metadata directive.', {
        ArgumentName: 'x-amz-metadata-directive',
        ArgumentValue: directive,
      });
    }
    const storageClass = parseS3StorageClass(h.req.headers['x-amz-storage-class']);
    const conditions = readConditions(h.req.headers, 'x-amz-copy-source-');
    const encryption = parseSseWriteHeaders(h.req.headers);
    const sourceKeys = parseSseCustomerKey(h.req.headers, 'x-amz-copy-source-');
    const { object } = await copyObject(h.ctx, {
      source: { bucket: sourceBucket, key: e.copySource.key, ...(conditions === undefined ? {} : { conditions }) },
      target: { bucket, key: e.key },
      attributes: directive === 'COPY' ? 'copy' : objectAttributesFromHeaders(h.req.headers),
      ...(storageClass === undefined ? {} : { storageClass }),
      ...writeCondition(h.req.headers),
      ...(encryption === undefined ? {} : { encryption }),
      ...(sourceKeys === undefined ? {} : { sourceKeys }),
    });
    return xmlResponse(
      200,
      renderCopyObjectResult({
        etag: object.etag,
        lastModified: object.lastModified,
        ...(object.checksum === null
          ? {}
          : { checksums: partChecksums(object.digests, object.checksum.algorithm), checksumType: object.checksum.type }),
      }),
      { ...objectChecksumHeaders(object.checksum), ...sseResponseHeaders(storedEncryptionOf(object.extra)) },
    );
  },
};

async function getOrHead(h: S3HandlerContext, key: string, e: GetObjectParams, head: boolean): Promise<WireResponse> {
  const bucket = requireBucket(h);
  checkNullVersion(e.versionId);
  const range = parseRangeHeader(h.req.headers.range);
  const conditions = readConditions(h.req.headers);
  refuseSseOnRead(h.req.headers);
  const keys = parseSseCustomerKey(h.req.headers, 'x-amz-');
  let read: ObjectRead;
  try {
    read = await readObject(h.ctx, {
      bucket,
      key,
      ...(range === undefined ? {} : { range }),
      ...(e.partNumber === undefined ? {} : { partNumber: e.partNumber }),
      ...(conditions === undefined ? {} : { conditions }),
      ...(keys === undefined ? {} : { keys }),
    });
  } catch (error) {
    if (isStorageError(error, 'NotModified')) {
      return emptyResponse(304, {
        etag: quoteEtag(String(error.details.ETag)),
        'last-modified': httpDate(Number(error.details.LastModified)),
      });
    }
    throw error;
  }
  const { object } = read;
  const headers: Record<string, string> = {
    ...objectResponseHeaders(object),
    ...sseResponseHeaders(storedEncryptionOf(object.extra)),
    ...overrideHeaders(e.overrides),
  };
  const start = read.range?.start ?? 0;
  const end = read.range?.end ?? object.size - 1;
  headers['content-length'] = String(read.range !== undefined ? end - start + 1 : (read.part?.size ?? object.size));
  if (read.range !== undefined) headers['content-range'] = `bytes ${start}-${end}/${object.size}`;
  if (e.partNumber !== undefined && object.partsCount !== null) headers['x-amz-mp-parts-count'] = String(object.partsCount);
  if (h.req.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') {
    // A part read carries that part's checksum; a range read none, as S3 does.
    if (read.part !== undefined) Object.assign(headers, partChecksumOf(object.checksum, read.part.digests));
    else if (read.range === undefined || e.partNumber !== undefined) Object.assign(headers, objectChecksumHeaders(object.checksum));
  }
  const status = read.range === undefined ? 200 : 206;
  if (head) return { status, headers };
  return { status, headers, body: read.body() };
}

/** Buckets are unversioned: every object is the `null` version, any other version id does not exist. */
function checkNullVersion(versionId: string | undefined): void {
  if (versionId !== undefined && versionId !== 'null') {
    throw new StorageError('InvalidArgument', 'Invalid version id specified', { ArgumentName: 'versionId', ArgumentValue: versionId });
  }
}

/** PutObject and UploadPart need the body's length up front, as S3 does. */
export function requireLength(h: S3HandlerContext): void {
  if (h.req.headers['content-length'] === undefined && h.req.headers['x-amz-decoded-content-length'] === undefined) {
    throw new StorageError('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
}

/** Conditional writes: If-None-Match (`*` or entity tags) and If-Match (entity tags or `*`). */
export function writeCondition(headers: Readonly<Record<string, string>>): { condition?: WriteCondition } {
  const ifNoneMatch = headers['if-none-match']?.trim();
  const ifMatch = headers['if-match']?.trim();
  if (ifNoneMatch === undefined && ifMatch === undefined) return {};
  return {
    condition: {
      ...(ifNoneMatch === undefined ? {} : ifNoneMatch === '*' ? { ifNoneMatchAny: true } : { ifNoneMatchEtag: ifNoneMatch }),
      ...(ifMatch === undefined ? {} : { ifMatchEtag: ifMatch }),
    },
  };
}
