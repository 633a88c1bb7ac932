import type { ObjectTag } from '../../../core/types.js';
import { ossVersionHeader, parseOssTaggingHeader } from '../headers/version-headers.js';
import { crc64HexToDecimal } from '../../../core/checksums/encoding.js';
import { findObject } from '../../../core/objects/find-object.js';
import { StorageError } from '../../../core/errors.js';
import { abortUpload } from '../../../core/uploads/abort-upload.js';
import { completeUpload } from '../../../core/uploads/complete-upload.js';
import { createUpload } from '../../../core/uploads/create-upload.js';
import { findUpload, noSuchUpload } from '../../../core/uploads/find-upload.js';
import { listParts } from '../../../core/uploads/list-parts.js';
import { uploadPartCopy } from '../../../core/uploads/upload-part-copy.js';
import { uploadPart } from '../../../core/uploads/upload-part.js';
import { parseXml } from '../../common/xml.js';
import { OSS_CODE_DETAIL } from '../error-table.js';
import { coreEtag, crc64Header, objectAttributesFromHeaders, ossEtag } from '../headers/object-headers.js';
import { validateOssKey } from '../object-key.js';
import { forbidOverwrite, readConditions } from '../request-conditions.js';
import { parseCompleteMultipartUpload } from '../xml/request-xml.js';
import {
  renderCompleteMultipartUpload,
  renderCopyPartResult,
  renderInitiateMultipartUpload,
  renderListParts,
} from '../xml/response-xml.js';
import { ossStorageClassName } from '../headers/storage-class.js';
import { ossBodyInput, readXmlBody } from '../headers/body-input.js';
import { emptyResponse, requireBucket, xmlResponse, type OssHandlerContext, type OssHandlerTable } from './handler-context.js';
import { OSS_DIGESTS, fileAlreadyExists } from './object-handlers.js';
import { refuseUnsupportedWriteHeaders } from './unsupported-headers.js';
import { storedEncryptionOf } from '../../../core/encryption/object-encryption.js';
import { checkOssSseOnPart, ossSseResponseHeaders, parseOssSseWriteHeaders } from '../headers/sse-headers.js';

/** OSS's smallest part, except the last: 100 KB. */
export const OSS_MIN_PART_SIZE = 100 * 1024;
/** 10,000 parts listed with long ETags stay well below this. */
const COMPLETE_BODY_LIMIT = 4 * 1024 * 1024;

export const multipartHandlers: OssHandlerTable = {
  InitiateMultipartUpload: async (h, e) => {
    const bucket = requireBucket(h);
    validateOssKey(e.key);
    refuseUnsupportedWriteHeaders(h.req.headers);
    const encryption = parseOssSseWriteHeaders(h.req.headers);
    if (forbidOverwrite(h.req.headers).condition !== undefined && (await findObject(h.ctx, bucket, e.key)) !== undefined) {
      throw new StorageError('PreconditionFailed', 'The object exists and x-oss-forbid-overwrite is true.', {
        [OSS_CODE_DETAIL]: 'FileAlreadyExists',
      });
    }
    const upload = await createUpload(h.ctx, {
      bucket,
      key: e.key,
      attributes: objectAttributesFromHeaders(h.req.headers),
      initiator: h.principal,
      ...(tagsOf(h.req.headers) === undefined ? {} : { tags: tagsOf(h.req.headers)! }),
      // Every part computes its CRC-64, whichever dialect uploads it, so the object's combines at completion.
      extra: { partDigests: [...OSS_DIGESTS] },
      ...(encryption === undefined ? {} : { encryption }),
    });
    return xmlResponse(
      200,
      renderInitiateMultipartUpload({ bucket: bucket.name, key: e.key, uploadId: upload.id, ...encoding(e.encodingType) }),
      ossSseResponseHeaders(storedEncryptionOf(upload.extra)),
    );
  },

  UploadPart: async (h, e) => {
    const part = await uploadPart(h.ctx, {
      bucket: requireBucket(h),
      key: e.key,
      uploadId: e.uploadId,
      partNumber: e.partNumber,
      body: ossBodyInput(h.req.headers, h.body()),
      extraDigests: OSS_DIGESTS,
      checkUpload: (upload) => checkOssSseOnPart(h.req.headers, storedEncryptionOf(upload.extra)),
    });
    return emptyResponse(200, {
      etag: ossEtag(part.etag),
      'content-md5': Buffer.from(part.etag, 'hex').toString('base64'),
      ...crc64Header(part.digests),
      ...ossSseResponseHeaders(storedEncryptionOf(part.upload.extra)),
    });
  },

  UploadPartCopy: async (h, e) => {
    const bucket = requireBucket(h);
    if (e.copySource.versionId !== undefined && e.copySource.versionId !== 'null') {
      throw new StorageError('InvalidArgument', 'Invalid version id specified: Cairn buckets are not versioned.', {
        ArgumentName: 'versionId',
      });
    }
    const sourceBucket = await h.copySourceBucket(e.copySource.bucket, e.copySource.key);
    const conditions = readConditions(h.req.headers, 'x-oss-copy-source-');
    const source = await findObject(h.ctx, sourceBucket, e.copySource.key);
    const range = copyRange(h.req.headers['x-oss-copy-source-range'], source?.size);
    const { part } = await uploadPartCopy(h.ctx, {
      bucket,
      key: e.key,
      uploadId: e.uploadId,
      partNumber: e.partNumber,
      source: {
        bucket: sourceBucket,
        key: e.copySource.key,
        ...(conditions === undefined ? {} : { conditions }),
        ...(range === undefined ? {} : { range }),
      },
      extraDigests: OSS_DIGESTS,
      checkUpload: (started) => checkOssSseOnPart(h.req.headers, storedEncryptionOf(started.extra)),
    });
    return xmlResponse(200, renderCopyPartResult({ etag: part.etag, lastModified: part.lastModified }), {
      etag: ossEtag(part.etag),
      ...crc64Header(part.digests),
      ...(range === undefined || source === undefined ? {} : { 'content-range': `bytes ${range.first}-${range.last}/${source.size}` }),
    });
  },

  CompleteMultipartUpload: async (h, e) => {
    const bucket = requireBucket(h);
    // OSS checks the upload before the document: an unknown upload is NoSuchUpload whatever the body says.
    const known = await findUpload(h.ctx, bucket, e.key, e.uploadId);
    if (known === undefined || known.state === 'aborted') throw noSuchUpload(e.uploadId);
    if (h.req.headers['x-oss-callback'] !== undefined) {
      throw new StorageError('NotImplemented', 'Cairn does not implement upload callbacks (x-oss-callback).', { Header: 'x-oss-callback' });
    }
    const completeAll = h.req.headers['x-oss-complete-all']?.trim().toLowerCase() === 'yes';
    const body = await readXmlBody(h.req.headers, h.body(), COMPLETE_BODY_LIMIT, h.req.body);
    if (completeAll && listsParts(body)) {
      throw new StorageError('InvalidArgument', 'With x-oss-complete-all: yes the request may not list parts.', {
        ArgumentName: 'x-oss-complete-all',
        ArgumentValue: 'yes',
      });
    }
    const parts = completeAll ? [] : parseCompleteMultipartUpload(body).map((p) => ({ partNumber: p.partNumber, etag: coreEtag(p.etag) }));
    const result = await fileAlreadyExists(
      completeUpload(h.ctx, {
        bucket,
        key: e.key,
        uploadId: e.uploadId,
        parts,
        ...(completeAll ? { completeAll: true } : {}),
        minPartSize: Math.min(OSS_MIN_PART_SIZE, h.ctx.limits.minPartSize),
        ...forbidOverwrite(h.req.headers),
      }),
    );
    const object = await findObject(h.ctx, bucket, e.key);
    return xmlResponse(
      200,
      renderCompleteMultipartUpload({
        location: objectLocation(h, bucket.name, e.key),
        bucket: bucket.name,
        key: e.key,
        etag: result.etag,
        ...encoding(e.encodingType),
      }),
      {
        etag: ossEtag(result.etag),
        ...(object?.id === result.objectId
          ? { ...crc64Header(object.digests), ...ossSseResponseHeaders(storedEncryptionOf(object.extra)) }
          : {}),
        ...ossVersionHeader(bucket, result.versionId ?? null),
      },
    );
  },

  AbortMultipartUpload: async (h, e) => {
    await abortUpload(h.ctx, requireBucket(h), e.key, e.uploadId);
    return emptyResponse(204);
  },

  ListParts: async (h, e) => {
    const bucket = requireBucket(h);
    const page = await listParts(h.ctx, {
      bucket,
      key: e.key,
      uploadId: e.uploadId,
      partNumberMarker: e.partNumberMarker,
      maxParts: e.maxParts,
    });
    return xmlResponse(
      200,
      renderListParts({
        bucket: bucket.name,
        key: e.key,
        uploadId: page.upload.id,
        storageClass: ossStorageClassName(page.upload.attributes.storageClass),
        partNumberMarker: e.partNumberMarker,
        nextPartNumberMarker: page.nextPartNumberMarker ?? e.partNumberMarker,
        maxParts: e.maxParts,
        isTruncated: page.isTruncated,
        ...encoding(e.encodingType),
        parts: page.parts,
        crc64: (part) => (part.digests.crc64ecma === undefined ? undefined : crc64HexToDecimal(part.digests.crc64ecma)),
      }),
    );
  },
};

/**
 * Whether a complete-all request lists parts. OSS wants no body; ali-oss, asked for complete-all, still
 * sends a CompleteMultipartUpload element with no Part in it, which lists nothing and is accepted.
 */
function listsParts(body: string): boolean {
  if (body.trim() === '') return false;
  const root = parseXml(body);
  return root.name !== 'CompleteMultipartUpload' || root.children.length > 0;
}

function encoding(value: 'url' | undefined): { encodingType?: 'url' } {
  return value === undefined ? {} : { encodingType: value };
}

/**
 * `x-oss-copy-source-range: bytes=first-last`. OSS copies the whole object when the range does not fit it
 * (and then sends no Content-Range), so only a valid range is passed on.
 */
function copyRange(value: string | undefined, size: number | undefined): { first: number; last: number } | undefined {
  if (value === undefined || size === undefined) return undefined;
  const m = /^\s*bytes=(\d+)-(\d+)\s*$/.exec(value);
  if (m === null) return undefined;
  const first = Number(m[1]);
  const last = Number(m[2]);
  return first <= last && last < size ? { first, last } : undefined;
}

function objectLocation(h: OssHandlerContext, bucket: string, key: string): string {
  const host = h.req.headers.host ?? 'localhost';
  const path = key.split('/').map(encodeURIComponent).join('/');
  return host.startsWith(`${bucket}.`) ? `http://${host}/${path}` : `http://${host}/${bucket}/${path}`;
}

function tagsOf(headers: Readonly<Record<string, string>>): ObjectTag[] | undefined {
  return parseOssTaggingHeader(headers['x-oss-tagging']);
}
