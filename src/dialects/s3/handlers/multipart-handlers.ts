import { StorageError } from '../../../core/errors.js';
import type { ChecksumType, UploadRecord } from '../../../core/types.js';
import { abortUpload } from '../../../core/uploads/abort-upload.js';
import { completeUpload, type CompleteUploadResult } from '../../../core/uploads/complete-upload.js';
import { findUploadAbortDue } from '../../../core/lifecycle/upload-abort-due.js';
import { createUpload } from '../../../core/uploads/create-upload.js';
import { findUpload } from '../../../core/uploads/find-upload.js';
import { listParts } from '../../../core/uploads/list-parts.js';
import { listUploads } from '../../../core/uploads/list-uploads.js';
import { uploadPartCopy } from '../../../core/uploads/upload-part-copy.js';
import { uploadPart } from '../../../core/uploads/upload-part.js';
import { decodeChecksum, parseChecksumAlgorithm, readXmlBody, s3BodyInput } from '../headers/body-input.js';
import { objectAttributesFromHeaders, quoteEtag } from '../headers/object-headers.js';
import { readConditions } from '../../common/http-conditions.js';
import { s3StorageClassName } from '../headers/storage-class.js';
import { parseCompleteMultipartUpload } from '../xml/request-xml.js';
import {
  renderCompleteMultipartUpload,
  renderCopyPartResult,
  renderInitiateMultipartUpload,
  renderListMultipartUploads,
  renderListParts,
} from '../xml/response-xml.js';
import { clientChecksumAlgorithms, objectChecksumHeaders, partChecksumHeaders, partChecksums } from './checksum-headers.js';
import { emptyResponse, requireBucket, xmlResponse, type S3HandlerContext, type S3HandlerTable } from './handler-context.js';
import { keepAliveUntil } from './keep-alive-response.js';
import { copySourceVersionHeader } from './version-response.js';
import { parseLockHeaders, parseTaggingHeader, parseVersionId, writtenVersionHeader } from '../headers/version-headers.js';
import { requireLength, writeCondition } from './object-handlers.js';
import { storedEncryptionOf } from '../../../core/encryption/object-encryption.js';
import { parseSseCustomerKey, parseSseWriteHeaders, checkSseOnPart, sseResponseHeaders } from '../headers/sse-headers.js';

/** 10,000 parts with every checksum listed stay well below this. */
const COMPLETE_BODY_LIMIT = 8 * 1024 * 1024;

export const multipartHandlers: S3HandlerTable = {
  CreateMultipartUpload: async (h, e) => {
    const bucket = requireBucket(h);
    const algorithm = parseChecksumAlgorithm(h.req.headers['x-amz-checksum-algorithm']);
    const type = parseChecksumType(h.req.headers['x-amz-checksum-type']);
    const tags = parseTaggingHeader(h.req.headers['x-amz-tagging']);
    const lock = parseLockHeaders(h.req.headers);
    const encryption = parseSseWriteHeaders(h.req.headers);
    const upload = await createUpload(h.ctx, {
      bucket,
      key: e.key,
      attributes: objectAttributesFromHeaders(h.req.headers),
      ...(algorithm === undefined ? {} : { checksumAlgorithm: algorithm }),
      ...(type === undefined ? {} : { checksumType: type }),
      initiator: h.principal,
      ...(tags === undefined ? {} : { tags }),
      ...(lock === undefined ? {} : { lock }),
      ...(encryption === undefined ? {} : { encryption }),
    });
    const headers: Record<string, string> = { ...(await abortHeaders(h, upload)), ...sseResponseHeaders(storedEncryptionOf(upload.extra)) };
    if (upload.checksumAlgorithm !== null) {
      headers['x-amz-checksum-algorithm'] = upload.checksumAlgorithm.toUpperCase();
      headers['x-amz-checksum-type'] = upload.checksumType === 'full-object' ? 'FULL_OBJECT' : 'COMPOSITE';
    }
    return xmlResponse(200, renderInitiateMultipartUpload({ bucket: bucket.name, key: e.key, uploadId: upload.id }), headers);
  },

  UploadPart: async (h, e) => {
    const bucket = requireBucket(h);
    requireLength(h);
    const keys = parseSseCustomerKey(h.req.headers, 'x-amz-');
    const part = await uploadPart(h.ctx, {
      bucket,
      key: e.key,
      uploadId: e.uploadId,
      partNumber: e.partNumber,
      body: s3BodyInput(h.req.headers, h.body()),
      ...(keys === undefined ? {} : { keys }),
      checkUpload: (upload) => checkSseOnPart(h.req.headers, storedEncryptionOf(upload.extra)),
    });
    return emptyResponse(200, {
      etag: quoteEtag(part.etag),
      ...sseResponseHeaders(storedEncryptionOf(part.upload.extra)),
      ...partChecksumHeaders(part.digests, [part.upload.checksumAlgorithm, ...clientChecksumAlgorithms(h.req.headers)]),
    });
  },

  UploadPartCopy: async (h, e) => {
    const bucket = requireBucket(h);
    const sourceBucket = await h.copySourceBucket(e.copySource.bucket, e.copySource.key);
    const sourceVersionId = parseVersionId(e.copySource.versionId);
    const range = parseCopySourceRange(h.req.headers['x-amz-copy-source-range']);
    const conditions = readConditions(h.req.headers, 'x-amz-copy-source-');
    const keys = parseSseCustomerKey(h.req.headers, 'x-amz-');
    const sourceKeys = parseSseCustomerKey(h.req.headers, 'x-amz-copy-source-');
    const { part, source, upload } = await uploadPartCopy(h.ctx, {
      bucket,
      key: e.key,
      uploadId: e.uploadId,
      partNumber: e.partNumber,
      source: {
        bucket: sourceBucket,
        key: e.copySource.key,
        ...(sourceVersionId === undefined ? {} : { versionId: sourceVersionId }),
        ...(conditions === undefined ? {} : { conditions }),
        ...(range === undefined ? {} : { range }),
      },
      ...(keys === undefined ? {} : { keys }),
      ...(sourceKeys === undefined ? {} : { sourceKeys }),
      checkUpload: (started) => checkSseOnPart(h.req.headers, storedEncryptionOf(started.extra)),
    });
    return xmlResponse(
      200,
      renderCopyPartResult({
        etag: part.etag,
        lastModified: part.lastModified,
        ...(upload.checksumAlgorithm === null ? {} : { checksums: partChecksums(part.digests, upload.checksumAlgorithm) }),
      }),
      {
        ...sseResponseHeaders(storedEncryptionOf(upload.extra)),
        ...copySourceVersionHeader(sourceBucket, source.versionId),
      },
    );
  },

  CompleteMultipartUpload: async (h, e) => {
    const bucket = requireBucket(h);
    const request = parseCompleteMultipartUpload(
      await readXmlBody(h.req.headers, h.body(), COMPLETE_BODY_LIMIT, h.req.body, { checksumHeadersNameTheObject: true }),
    );
    const expectedAlgorithm = clientChecksumAlgorithms(h.req.headers)[0];
    const expectedValue = expectedAlgorithm === undefined ? undefined : h.req.headers[`x-amz-checksum-${expectedAlgorithm}`];
    if (expectedAlgorithm !== undefined && expectedValue !== undefined)
      decodeChecksum(expectedAlgorithm, expectedValue.replace(/-\d+$/, ''));
    const started = await findUpload(h.ctx, bucket, e.key, e.uploadId);
    const sse = sseResponseHeaders(started === undefined ? undefined : storedEncryptionOf(started.extra));
    const work = completeUpload(h.ctx, {
      bucket,
      key: e.key,
      uploadId: e.uploadId,
      parts: request.parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag, checksums: p.checksums })),
      ...(expectedAlgorithm === undefined || expectedValue === undefined
        ? {}
        : { expectedChecksum: { algorithm: expectedAlgorithm, value: expectedValue } }),
      ...writeCondition(h.req.headers),
    });
    const render = (result: CompleteUploadResult) =>
      renderCompleteMultipartUpload({
        location: objectLocation(h, bucket.name, e.key),
        bucket: bucket.name,
        key: e.key,
        etag: result.etag,
        ...(result.checksum === null
          ? {}
          : { checksums: { [result.checksum.algorithm]: result.checksum.value }, checksumType: result.checksum.type }),
      });
    // A completion that takes long answers 200 at once and keeps the connection alive, as S3 does;
    // its outcome, success or error, then comes in the body.
    return keepAliveUntil(h, work, render, (result) => ({
      ...objectChecksumHeaders(result.checksum),
      ...sse,
      ...writtenVersionHeader(result.versionId),
    }));
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
    const u = page.upload;
    const headers = await abortHeaders(h, u);
    return xmlResponse(
      200,
      renderListParts({
        bucket: bucket.name,
        key: e.key,
        uploadId: u.id,
        partNumberMarker: e.partNumberMarker,
        ...(page.nextPartNumberMarker === undefined ? {} : { nextPartNumberMarker: page.nextPartNumberMarker }),
        maxParts: e.maxParts,
        isTruncated: page.isTruncated,
        parts: page.parts.map((p) => ({
          partNumber: p.partNumber,
          lastModified: p.lastModified,
          etag: p.etag,
          size: p.size,
          checksums: partChecksums(p.digests, u.checksumAlgorithm ?? undefined),
        })),
        initiator: await initiatorOf(h, u),
        owner: await h.owner(u.initiator.accountId),
        storageClass: s3StorageClassName(u.attributes.storageClass),
        ...checksumFields(u),
      }),
      headers,
    );
  },

  ListMultipartUploads: async (h, e) => {
    const bucket = requireBucket(h);
    const page = await listUploads(h.ctx, {
      bucket,
      prefix: e.prefix,
      ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
      ...(e.keyMarker === undefined ? {} : { keyMarker: e.keyMarker }),
      ...(e.uploadIdMarker === undefined ? {} : { uploadIdMarker: e.uploadIdMarker }),
      maxUploads: e.maxUploads,
    });
    const uploads = [];
    for (const u of page.uploads) {
      uploads.push({
        key: u.key,
        uploadId: u.id,
        initiator: await initiatorOf(h, u),
        owner: await h.owner(u.initiator.accountId),
        storageClass: s3StorageClassName(u.attributes.storageClass),
        initiated: u.initiatedAt,
        ...checksumFields(u),
      });
    }
    return xmlResponse(
      200,
      renderListMultipartUploads({
        bucket: bucket.name,
        prefix: e.prefix,
        ...(e.delimiter === undefined ? {} : { delimiter: e.delimiter }),
        ...(e.keyMarker === undefined ? {} : { keyMarker: e.keyMarker }),
        ...(e.uploadIdMarker === undefined ? {} : { uploadIdMarker: e.uploadIdMarker }),
        ...(page.isTruncated && page.nextKeyMarker !== undefined ? { nextKeyMarker: page.nextKeyMarker } : {}),
        ...(page.isTruncated && page.nextUploadIdMarker !== undefined ? { nextUploadIdMarker: page.nextUploadIdMarker } : {}),
        maxUploads: e.maxUploads,
        isTruncated: page.isTruncated,
        ...(e.encodingType === undefined ? {} : { encodingType: e.encodingType }),
        uploads,
        commonPrefixes: page.commonPrefixes,
      }),
    );
  },
};

/** x-amz-abort-date and x-amz-abort-rule-id when a lifecycle rule will abort this upload. */
async function abortHeaders(h: S3HandlerContext, u: UploadRecord): Promise<Record<string, string>> {
  const due = await findUploadAbortDue(h.ctx, requireBucket(h), u);
  if (due === undefined) return {};
  // S3 sends the ID as it is; one a header cannot carry is percent-encoded rather than dropped.
  const ruleId = /^[\x20-\x7e]*$/.test(due.ruleId) ? due.ruleId : encodeURIComponent(due.ruleId);
  return { 'x-amz-abort-date': new Date(due.at).toUTCString(), 'x-amz-abort-rule-id': ruleId };
}

function checksumFields(u: UploadRecord) {
  return u.checksumAlgorithm === null
    ? {}
    : { checksumAlgorithm: u.checksumAlgorithm, ...(u.checksumType === null ? {} : { checksumType: u.checksumType }) };
}

/** The initiator as S3 shows it: the account root, or an IAM user's ARN. */
async function initiatorOf(h: S3HandlerContext, u: UploadRecord) {
  const owner = await h.owner(u.initiator.accountId);
  if (u.initiator.userName === null) return owner;
  return { id: `arn:aws:iam::${u.initiator.accountId}:user/${u.initiator.userName}`, displayName: u.initiator.userName };
}

function parseChecksumType(value: string | undefined): ChecksumType | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'COMPOSITE') return 'composite';
  if (value === 'FULL_OBJECT') return 'full-object';
  throw new StorageError('InvalidRequest', 'Value for x-amz-checksum-type header is invalid.');
}

function parseCopySourceRange(value: string | undefined): { first: number; last: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(value.trim());
  if (m === null) {
    throw new StorageError(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: value },
    );
  }
  return { first: Number(m[1]), last: Number(m[2]) };
}

function objectLocation(h: S3HandlerContext, bucket: string, key: string): string {
  const host = h.req.headers.host ?? 'localhost';
  const path = key.split('/').map(encodeURIComponent).join('/');
  return host.startsWith(`${bucket}.`) ? `http://${host}/${path}` : `http://${host}/${bucket}/${path}`;
}
