import { StorageError } from '../../core/errors.js';
import { completeUpload } from '../../core/uploads/complete-upload.js';
import { createUpload } from '../../core/uploads/create-upload.js';
import { findActiveUpload } from '../../core/uploads/find-upload.js';
import { uploadPart } from '../../core/uploads/upload-part.js';
import { findBucket } from '../../core/buckets/find-bucket.js';
import { json, requireMay, routeBucket, type ConsoleCall, type ConsoleEndpoint } from './console-call.js';
import { invalidField } from './console-errors.js';
import { bodyObject, optionalString, requiredArray, requiredString } from './console-input.js';

/**
 * Uploads from the browser go through the same multipart upload as any S3 client: the page creates an
 * upload, sends parts (several at a time), then completes it, or aborts it on Cancel.
 */
export const createUploadEndpoint: ConsoleEndpoint = async (call) => {
  const body = bodyObject(await call.body(), ['key', 'contentType']);
  const key = requiredString(body, 'key', 1024);
  const contentType = optionalString(body, 'contentType', 256);
  const bucket = await routeBucket(call, 's3:PutObject', key);
  const upload = await createUpload(call.deps.ctx, {
    bucket,
    key,
    attributes: { userMetadata: {}, ...(contentType === undefined || contentType === '' ? {} : { contentType }) },
    initiator: call.principal,
  });
  return json(201, { key: upload.key, uploadId: upload.id });
};

async function uploadOf(call: ConsoleCall) {
  const bucket = await findBucket(call.deps.ctx, 's3', call.params.bucket ?? '');
  const upload = await findActiveUpload(call.deps.ctx, bucket, undefined, call.params.uploadId ?? '');
  await requireMay(call, 's3:PutObject', bucket, upload.key);
  return { bucket, upload };
}

/** PUT one part: the body is the part's bytes, streamed to a blob as the S3 dialect's UploadPart does. */
export const uploadPartEndpoint: ConsoleEndpoint = async (call) => {
  const partNumber = Number(call.params.partNumber);
  if (!/^\d{1,5}$/.test(call.params.partNumber ?? '')) throw invalidField('partNumber', 'must be an integer from 1 to 10000');
  const lengthText = call.req.headers['content-length'];
  if (lengthText === undefined || !/^\d+$/.test(lengthText)) {
    throw new StorageError('MissingContentLength', 'You must provide the Content-Length HTTP header.');
  }
  const { bucket, upload } = await uploadOf(call);
  const part = await uploadPart(call.deps.ctx, {
    bucket,
    key: upload.key,
    uploadId: upload.id,
    partNumber,
    body: { stream: call.req.body as AsyncIterable<Uint8Array>, length: Number(lengthText) },
  });
  return json(200, { partNumber: part.partNumber, etag: part.etag, size: part.size });
};

export const completeUploadEndpoint: ConsoleEndpoint = async (call) => {
  const body = bodyObject(await call.body(), ['parts']);
  const parts = requiredArray(body, 'parts', 1, 10_000).map((p, i) => {
    const o = p as { partNumber?: unknown; etag?: unknown } | null;
    if (typeof o !== 'object' || o === null || typeof o.partNumber !== 'number' || typeof o.etag !== 'string') {
      throw invalidField(`parts[${i}]`, 'must be {"partNumber": integer, "etag": string}');
    }
    return { partNumber: o.partNumber, etag: o.etag };
  });
  const { bucket, upload } = await uploadOf(call);
  const done = await completeUpload(call.deps.ctx, { bucket, key: upload.key, uploadId: upload.id, parts });
  return json(200, { key: done.key, etag: done.etag, size: done.size });
};
