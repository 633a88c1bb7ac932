import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { ingestBody } from '../ingest/ingest-body.js';
import type { BodyInput } from '../ingest/body-input.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import { requestedChecksum } from '../objects/object-checksum.js';
import type { Bucket, DigestName, PartRecord, UploadRecord } from '../types.js';
import { findActiveUpload } from './find-upload.js';
import { validatePartNumber } from './part-number.js';
import { discardBlob } from '../blobs/blob-bytes.js';
import { checkEncryptionKeys, sealerFor, storedEncryptionOf, type EncryptionKeys } from '../encryption/object-encryption.js';

export interface UploadPartInput {
  readonly bucket: Bucket;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
  readonly body: BodyInput;
  readonly extraDigests?: readonly DigestName[];
  /** The SSE-C key, which every part of an SSE-C upload must bring. */
  readonly keys?: EncryptionKeys;
  /**
   * A dialect's check of the request against the upload (S3: a part's encryption headers must be the
   * upload's), run on the upload the core reads, before any byte of the body is.
   */
  readonly checkUpload?: (upload: UploadRecord) => void;
}

/** The stored part, with the upload it belongs to (read once, before the bytes, and not again). */
export interface UploadedPart extends PartRecord {
  readonly upload: UploadRecord;
}

/**
 * Streams a part into a new blob. Uploading a part number again replaces the earlier part. If the upload
 * is aborted or completed while the bytes arrive, the commit is refused and the bytes are freed.
 */
export async function uploadPart(ctx: CoreContext, input: UploadPartInput): Promise<UploadedPart> {
  validatePartNumber(ctx, input.partNumber);
  const upload = await findActiveUpload(ctx, input.bucket, input.key, input.uploadId);
  input.checkUpload?.(upload);
  const announced = [...(input.body.announced ?? []), ...Object.keys(input.body.expected?.() ?? {})] as DigestName[];
  const digests = partDigestNames(upload, requestedChecksum(announced, undefined), input.extraDigests);
  const sse = storedEncryptionOf(upload.extra);
  checkEncryptionKeys(sse, input.keys, 'write');
  const seal = await sealerFor(ctx, sse, input.keys);
  const { blob, digests: computed } = await ingestBody(ctx, input.body, {
    digests,
    maxSize: ctx.limits.maxPartSize,
    ...(seal === undefined ? {} : { seal: seal() }),
  });
  try {
    const part = await ctx.meta.putPart({
      uploadId: upload.id,
      partNumber: input.partNumber,
      size: blob.size,
      etag: computed.md5 ?? '',
      digests: computed,
      segments: blob.size === 0 ? [] : [{ blobId: blob.blobId, blobOffset: 0, length: blob.size }],
      newBlobs: blob.size === 0 ? [] : [blob],
      now: ctx.clock(),
    });
    if (blob.size === 0) await discardBlob(ctx, blob.blobId);
    await reapGarbage(ctx);
    return { ...part, upload };
  } catch (error) {
    await discardBlob(ctx, blob.blobId);
    throw error;
  }
}

/** md5, the upload's checksum (always computed, so completion never lacks it), and what the client sends. */
export function partDigestNames(
  upload: UploadRecord,
  clientChecksum: string | undefined,
  extra: readonly DigestName[] | undefined,
): DigestName[] {
  if (clientChecksum !== undefined && upload.checksumAlgorithm !== null && clientChecksum !== upload.checksumAlgorithm) {
    throw new StorageError(
      'InvalidRequest',
      `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm}, actual checksum Type: ${clientChecksum}`,
    );
  }
  const names = new Set<DigestName>(['md5', ...(extra ?? [])]);
  if (upload.checksumAlgorithm !== null) names.add(upload.checksumAlgorithm);
  if (clientChecksum !== undefined) names.add(clientChecksum as DigestName);
  const wanted = upload.extra.partDigests;
  if (Array.isArray(wanted)) for (const n of wanted) names.add(n as DigestName);
  return [...names];
}
