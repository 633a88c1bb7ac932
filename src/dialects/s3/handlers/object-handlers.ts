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
import type { DeleteItem } from '../../../core/objects/delete-objects.js';
import { isValidVersionId } from '../../../core/ids.js';
import type { DeletedKey, FailedKey } from '../xml/render-delete-result.js';
import {
  bypassGovernance,
  parseLockHeaders,
  parseTaggingHeader,
  parseVersionId,
  versionFactHeaders,
  writtenVersionHeader,
} from '../headers/version-headers.js';
import { copySourceVersionHeader } from './version-response.js';
import { storedEncryptionOf } from '../../../core/encryption/object-encryption.js';
import { parseSseCustomerKey, parseSseWriteHeaders, refuseSseOnRead, sseResponseHeaders } from '../headers/sse-headers.js';

const DELETE_OBJECTS_BODY_LIMIT = 2 * 1024 * 1024;

export const objectHandlers: S3HandlerTable = {
  PutObject: async (h, e) => {
    const bucket = requireBucket(h);
    requireLength(h);
    const checksumAlgorithm = parseChecksumAlgorithm(h.req.headers['x-amz-sdk-checksum-algorithm']);
    const tags = parseTaggingHeader(h.req.headers['x-amz-tagging']);
    const lock = parseLockHeaders(h.req.headers);
    const encryption = parseSseWriteHeaders(h.req.headers);
    const object = await putObject(h.ctx, {
      bucket,
      key: e.key,
      body: s3BodyInput(h.req.headers, h.body()),
      attributes: objectAttributesFromHeaders(h.req.headers),
      ...(checksumAlgorithm === undefined ? {} : { checksumAlgorithm }),
      ...writeCondition(h.req.headers),
      ...(tags === undefined ? {} : { tags }),
      ...(lock === undefined ? {} : { lock }),
      ...(encryption === undefined ? {} : { encryption }),
    });
    return emptyResponse(200, {
      etag: quoteEtag(object.etag),
      ...objectChecksumHeaders(object.checksum),
      ...writtenVersionHeader(object.versionId),
      ...sseResponseHeaders(storedEncryptionOf(object.extra)),
    });
  },

  GetObject: async (h, e) => getOrHead(h, e.key, e, false),
  HeadObject: async (h, e) => getOrHead(h, e.key, e, true),

  DeleteObject: async (h, e) => {
    const bucket = requireBucket(h);
    const versionId = parseVersionId(e.versionId);
    const ifMatch = h.req.headers['if-match'];
    const result = await deleteObject(h.ctx, bucket, e.key, {
      ...(versionId === undefined ? {} : { versionId }),
      ...(ifMatch === undefined ? {} : { ifMatchEtag: ifMatch.replace(/^"|"$/g, '') }),
      ...(bypassGovernance(h.req.headers) ? { bypassGovernance: true } : {}),
    });
    return emptyResponse(204, {
      ...(result.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
      ...(result.versionId === undefined ? {} : { 'x-amz-version-id': result.versionId ?? 'null' }),
    });
  },

  DeleteObjects: async (h) => {
    const bucket = requireBucket(h);
    const request = parseDeleteObjects(await readXmlBody(h.req.headers, h.body(), DELETE_OBJECTS_BODY_LIMIT, h.req.body));
    const items: DeleteItem[] = [];
    const errors: FailedKey[] = [];
    for (const o of request.objects) {
      if (o.versionId === undefined) items.push({ key: o.key });
      else if (o.versionId === 'null' || isValidVersionId(o.versionId))
        items.push({ key: o.key, versionId: o.versionId === 'null' ? null : o.versionId });
      else errors.push({ key: o.key, versionId: o.versionId, code: 'NoSuchVersion', message: 'The specified version does not exist.' });
    }
    const outcomes = await deleteObjects(h.ctx, bucket, items, { bypassGovernance: bypassGovernance(h.req.headers) });
    const deleted: DeletedKey[] = [];
    for (const o of outcomes) {
      const versionId = o.versionId === undefined ? {} : { versionId: o.versionId ?? 'null' };
      if (!o.deleted) {
        const entry = s3ErrorFor(o.error);
        errors.push({ key: o.key, ...versionId, code: entry.code, message: wordError(entry.message, o.error) });
      } else if (items.find((i) => i.key === o.key && 'versionId' in i) !== undefined) {
        deleted.push({ key: o.key, ...versionId, ...(o.deleteMarker ? { deleteMarker: true } : {}) });
      } else {
        deleted.push({
          key: o.key,
          ...(o.deleteMarker ? { deleteMarker: true, deleteMarkerVersionId: o.versionId ?? 'null' } : {}),
        });
      }
    }
    return xmlResponse(200, renderDeleteResult({ quiet: request.quiet, deleted, errors }));
  },

  CopyObject: async (h, e) => {
    const bucket = requireBucket(h);
    const sourceVersionId = parseVersionId(e.copySource.versionId);
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
    const taggingDirective = h.req.headers['x-amz-tagging-directive'] ?? 'COPY';
    if (taggingDirective !== 'COPY' && taggingDirective !== 'REPLACE') {
      throw new StorageError('InvalidArgument', 'Unknown tagging directive.', {
        ArgumentName: 'x-amz-tagging-directive',
        ArgumentValue: taggingDirective,
      });
    }
    const lock = parseLockHeaders(h.req.headers);
    const encryption = parseSseWriteHeaders(h.req.headers);
    const sourceKeys = parseSseCustomerKey(h.req.headers, 'x-amz-copy-source-');
    const { object, source } = await copyObject(h.ctx, {
      source: {
        bucket: sourceBucket,
        key: e.copySource.key,
        ...(sourceVersionId === undefined ? {} : { versionId: sourceVersionId }),
        ...(conditions === undefined ? {} : { conditions }),
      },
      tags: taggingDirective === 'COPY' ? 'copy' : (parseTaggingHeader(h.req.headers['x-amz-tagging']) ?? []),
      ...(lock === undefined ? {} : { lock }),
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
      {
        ...objectChecksumHeaders(object.checksum),
        ...sseResponseHeaders(storedEncryptionOf(object.extra)),
        ...writtenVersionHeader(object.versionId),
        ...copySourceVersionHeader(sourceBucket, source.versionId),
      },
    );
  },
};

async function getOrHead(h: S3HandlerContext, key: string, e: GetObjectParams, head: boolean): Promise<WireResponse> {
  const bucket = requireBucket(h);
  const versionId = parseVersionId(e.versionId);
  const range = parseRangeHeader(h.req.headers.range);
  const conditions = readConditions(h.req.headers);
  refuseSseOnRead(h.req.headers);
  const keys = parseSseCustomerKey(h.req.headers, 'x-amz-');
  let read: ObjectRead;
  try {
    read = await readObject(h.ctx, {
      bucket,
      key,
      ...(versionId === undefined ? {} : { versionId }),
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
    ...versionFactHeaders(bucket, object),
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
