import { StorageError, isStorageError } from '../../../core/errors.js';
import { appendObject } from '../../../core/objects/append-object.js';
import { copyObject } from '../../../core/objects/copy-object.js';
import { deleteObject } from '../../../core/objects/delete-object.js';
import { deleteObjects } from '../../../core/objects/delete-objects.js';
import { putObject } from '../../../core/objects/put-object.js';
import { readObject, type ObjectRead } from '../../../core/objects/read-object.js';
import type { ObjectRecord } from '../../../core/types.js';
import type { WireResponse } from '../../common/wire.js';
import type { ResponseOverrides } from '../endpoint.js';
import { OSS_CODE_DETAIL } from '../error-table.js';
import {
  crc64Header,
  httpDate,
  objectAttributesFromHeaders,
  objectResponseHeaders,
  ossEtag,
  ossObjectType,
} from '../headers/object-headers.js';
import { validateOssKey } from '../object-key.js';
import { forbidOverwrite, parseRange, readConditions } from '../request-conditions.js';
import { parseDelete } from '../xml/request-xml.js';
import { renderCopyObjectResult, renderDeleteResult } from '../xml/response-xml.js';
import { parseOssStorageClass } from '../headers/storage-class.js';
import { ossBodyInput, readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type OssHandlerContext, type OssHandlerTable } from './handler-context.js';
import { refuseUnsupportedWriteHeaders } from './unsupported-headers.js';
import { overrideHeaders } from '../../common/wire-responses.js';
import { storedEncryptionOf } from '../../../core/encryption/object-encryption.js';
import { ossSseResponseHeaders, parseOssSseWriteHeaders, refuseOssSseOnRead } from '../headers/sse-headers.js';
import { ossVersionFactHeaders, ossVersionHeader, parseOssTaggingHeader, parseOssVersionId } from '../headers/version-headers.js';

/** Every object and part written through OSS carries its CRC-64, which OSS clients check. */
export const OSS_DIGESTS = ['crc64ecma'] as const;
const DELETE_BODY_LIMIT = 2 * 1024 * 1024;

export const objectHandlers: OssHandlerTable = {
  PutObject: async (h, e) => {
    const bucket = requireBucket(h);
    validateOssKey(e.key);
    refuseUnsupportedWriteHeaders(h.req.headers);
    const encryption = parseOssSseWriteHeaders(h.req.headers);
    const tags = parseOssTaggingHeader(h.req.headers['x-oss-tagging']);
    const object = await fileAlreadyExists(
      putObject(h.ctx, {
        bucket,
        key: e.key,
        body: ossBodyInput(h.req.headers, h.body()),
        attributes: objectAttributesFromHeaders(h.req.headers),
        extraDigests: OSS_DIGESTS,
        ...forbidOverwrite(h.req.headers),
        ...(encryption === undefined ? {} : { encryption }),
        ...(tags === undefined ? {} : { tags }),
      }),
    );
    return emptyResponse(200, { ...writtenHeaders(object), ...ossVersionHeader(bucket, object.versionId) });
  },

  AppendObject: async (h, e) => {
    const bucket = requireBucket(h);
    validateOssKey(e.key);
    refuseUnsupportedWriteHeaders(h.req.headers);
    const encryption = parseOssSseWriteHeaders(h.req.headers);
    let object: ObjectRecord;
    try {
      object = await appendObject(h.ctx, {
        bucket,
        key: e.key,
        position: e.position,
        ...(encryption === undefined ? {} : { encryption }),
        body: ossBodyInput(h.req.headers, h.body()),
        attributes: objectAttributesFromHeaders(h.req.headers),
        extraDigests: OSS_DIGESTS,
        extra: { ossObjectType: 'Appendable' },
        appendable: (o) => ossObjectType(o) === 'Appendable',
      });
    } catch (error) {
      if (isStorageError(error, 'PreconditionFailed') && error.details.Condition === 'position') {
        throw new StorageError('PreconditionFailed', error.message, {
          ...error.details,
          [OSS_CODE_DETAIL]: 'PositionNotEqualToLength',
          Condition: undefined,
        });
      }
      if (isStorageError(error, 'InvalidRequest') && error.details.Condition === 'appendable') {
        throw new StorageError('InvalidRequest', error.message, { [OSS_CODE_DETAIL]: 'ObjectNotAppendable' });
      }
      throw error;
    }
    return emptyResponse(200, {
      etag: ossEtag(object.etag),
      'x-oss-next-append-position': String(object.size),
      ...crc64Header(object.digests),
      ...ossSseResponseHeaders(storedEncryptionOf(object.extra)),
    });
  },

  GetObject: async (h, e) => getOrHead(h, e.key, e.overrides, e.versionId, false),
  HeadObject: async (h, e) => getOrHead(h, e.key, {}, e.versionId, true),

  GetObjectMeta: async (h, e) => {
    const bucket = requireBucket(h);
    const versionId = parseOssVersionId(e.versionId);
    const object = (await readObject(h.ctx, { bucket, key: e.key, ...(versionId === undefined ? {} : { versionId }) })).object;
    return emptyResponse(200, {
      etag: ossEtag(object.etag),
      'content-length': String(object.size),
      'last-modified': httpDate(object.lastModified),
      'x-oss-last-access-time': httpDate(object.lastModified),
      ...crc64Header(object.digests),
      ...ossVersionHeader(bucket, object.versionId),
    });
  },

  DeleteObject: async (h, e) => {
    const versionId = parseOssVersionId(e.versionId);
    const result = await deleteObject(h.ctx, requireBucket(h), e.key, versionId === undefined ? {} : { versionId });
    return emptyResponse(204, {
      ...(result.deleteMarker ? { 'x-oss-delete-marker': 'true' } : {}),
      ...(result.versionId === undefined ? {} : { 'x-oss-version-id': result.versionId ?? 'null' }),
    });
  },

  DeleteMultipleObjects: async (h, e) => {
    const bucket = requireBucket(h);
    const request = parseDelete(await readXmlBody(h.req.headers, h.body(), DELETE_BODY_LIMIT, h.req.body));
    const outcomes = await deleteObjects(
      h.ctx,
      bucket,
      request.keys.map((k) => {
        const versionId = parseOssVersionId(k.versionId);
        return { key: k.key, ...(versionId === undefined ? {} : { versionId }) };
      }),
    );
    const failed = outcomes.find((o) => !o.deleted);
    if (failed !== undefined && !failed.deleted) throw failed.error;
    return xmlResponse(
      200,
      renderDeleteResult({
        deleted: request.quiet ? [] : outcomes.map((o) => o.key),
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
      }),
    );
  },

  CopyObject: async (h, e) => {
    const bucket = requireBucket(h);
    validateOssKey(e.key);
    refuseUnsupportedWriteHeaders(h.req.headers);
    const sourceVersionId = parseOssVersionId(e.copySource.versionId);
    const sourceBucket = await h.copySourceBucket(e.copySource.bucket, e.copySource.key);
    const directive = (h.req.headers['x-oss-metadata-directive'] ?? 'COPY').toUpperCase();
    if (directive !== 'COPY' && directive !== 'REPLACE') {
      throw new StorageError('InvalidArgument', 'x-oss-metadata-directive must be COPY or REPLACE.', {
        ArgumentName: 'x-oss-metadata-directive',
        ArgumentValue: directive,
      });
    }
    const storageClass = parseOssStorageClass(h.req.headers['x-oss-storage-class']);
    const conditions = readConditions(h.req.headers, 'x-oss-copy-source-');
    const encryption = parseOssSseWriteHeaders(h.req.headers);
    const taggingDirective = (h.req.headers['x-oss-tagging-directive'] ?? 'COPY').toUpperCase();
    const { object } = await fileAlreadyExists(
      copyObject(h.ctx, {
        source: {
          bucket: sourceBucket,
          key: e.copySource.key,
          ...(sourceVersionId === undefined ? {} : { versionId: sourceVersionId }),
          ...(conditions === undefined ? {} : { conditions }),
        },
        tags: taggingDirective === 'REPLACE' ? (parseOssTaggingHeader(h.req.headers['x-oss-tagging']) ?? []) : 'copy',
        target: { bucket, key: e.key },
        attributes: directive === 'COPY' ? 'copy' : objectAttributesFromHeaders(h.req.headers),
        ...(storageClass === undefined ? {} : { storageClass }),
        ...forbidOverwrite(h.req.headers),
        ...(encryption === undefined ? {} : { encryption }),
      }),
    );
    return xmlResponse(200, renderCopyObjectResult({ etag: object.etag, lastModified: object.lastModified }), {
      etag: ossEtag(object.etag),
      ...crc64Header(object.digests),
      ...ossSseResponseHeaders(storedEncryptionOf(object.extra)),
      ...ossVersionHeader(bucket, object.versionId),
    });
  },
};

async function getOrHead(
  h: OssHandlerContext,
  key: string,
  overrides: ResponseOverrides,
  versionId: string | undefined,
  head: boolean,
): Promise<WireResponse> {
  const bucket = requireBucket(h);
  const version = parseOssVersionId(versionId);
  const range = parseRange(h.req.headers.range);
  const conditions = readConditions(h.req.headers);
  refuseOssSseOnRead(h.req.headers);
  let read: ObjectRead;
  try {
    read = await readObject(h.ctx, {
      bucket,
      key,
      ...(version === undefined ? {} : { versionId: version }),
      ...(range === undefined ? {} : { range }),
      ...(conditions === undefined ? {} : { conditions }),
    });
  } catch (error) {
    if (isStorageError(error, 'NotModified')) {
      return emptyResponse(304, {
        etag: ossEtag(String(error.details.ETag)),
        'last-modified': httpDate(Number(error.details.LastModified)),
      });
    }
    throw error;
  }
  const { object } = read;
  const headers: Record<string, string> = {
    ...objectResponseHeaders(object),
    ...ossSseResponseHeaders(storedEncryptionOf(object.extra)),
    ...ossVersionFactHeaders(bucket, object),
    ...overrideHeaders(overrides),
  };
  const start = read.range?.start ?? 0;
  const end = read.range?.end ?? object.size - 1;
  headers['content-length'] = String(Math.max(0, end - start + 1));
  if (read.range !== undefined) {
    headers['content-range'] = `bytes ${start}-${end}/${object.size}`;
    delete headers['content-md5'];
  }
  const status = read.range === undefined ? 200 : 206;
  if (head) return { status, headers };
  return { status, headers, body: read.body() };
}

/** What PutObject answers: the ETag, the CRC-64 and, as OSS does, the Content-MD5 of what it stored. */
function writtenHeaders(object: ObjectRecord): Record<string, string> {
  return {
    etag: ossEtag(object.etag),
    ...crc64Header(object.digests),
    ...(object.digests.md5 === undefined ? {} : { 'content-md5': Buffer.from(object.digests.md5, 'hex').toString('base64') }),
    ...ossSseResponseHeaders(storedEncryptionOf(object.extra)),
  };
}

/** x-oss-forbid-overwrite refused the write: OSS answers 409 FileAlreadyExists. */
export async function fileAlreadyExists<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isStorageError(error, 'PreconditionFailed') && error.details.Condition === 'If-None-Match') {
      throw new StorageError('PreconditionFailed', error.message, { [OSS_CODE_DETAIL]: 'FileAlreadyExists' });
    }
    throw error;
  }
}
