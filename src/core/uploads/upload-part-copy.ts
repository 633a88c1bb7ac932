import { createDigester } from '../checksums/digester.js';
import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import { evaluateCopySourceConditions } from '../objects/copy-object.js';
import type { ReadConditions } from '../objects/read-conditions.js';
import { readLayout } from '../objects/read-object.js';
import type { Bucket, DigestName, ObjectRecord, PartRecord, UploadRecord } from '../types.js';
import { sliceSegments } from '../objects/slice-segments.js';
import { findActiveUpload } from './find-upload.js';
import { findVersion } from '../versions/find-version.js';
import { validatePartNumber } from './part-number.js';
import { partDigestNames } from './upload-part.js';
import {
  checkEncryptionKeys,
  openerFor,
  sameWrapping,
  sealerFor,
  storedEncryptionOf,
  type EncryptionKeys,
} from '../encryption/object-encryption.js';
import { discardBlob, resealRange } from '../encryption/reseal-range.js';

export interface UploadPartCopyInput {
  readonly bucket: Bucket;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
  readonly source: {
    readonly bucket: Bucket;
    readonly key: string;
    /** null: the null version; absent: the current one. */
    readonly versionId?: string | null;
    readonly conditions?: ReadConditions;
    /** Inclusive byte range of the source (x-amz-copy-source-range). */
    readonly range?: { readonly first: number; readonly last: number };
  };
  readonly extraDigests?: readonly DigestName[];
  /** The SSE-C key of the upload (every part of an SSE-C upload brings it). */
  readonly keys?: EncryptionKeys;
  /** The SSE-C key of the source object. */
  readonly sourceKeys?: EncryptionKeys;
  /** As uploadPart's: the dialect's check of the request against the upload, before the source is read. */
  readonly checkUpload?: (upload: UploadRecord) => void;
}

export interface UploadPartCopyResult {
  readonly part: PartRecord;
  readonly source: ObjectRecord;
  /** The upload the part belongs to, as read before the copy. */
  readonly upload: UploadRecord;
}

/**
 * A part made of a range of an existing object. The bytes are read once to compute the part's digests
 * (its entity tag is the MD5 of the range, as in S3) but never written again: the part references the
 * source's blobs.
 */
export async function uploadPartCopy(ctx: CoreContext, input: UploadPartCopyInput): Promise<UploadPartCopyResult> {
  validatePartNumber(ctx, input.partNumber);
  const upload = await findActiveUpload(ctx, input.bucket, input.key, input.uploadId);
  input.checkUpload?.(upload);
  const source = await findVersion(ctx, input.source.bucket, input.source.key, input.source.versionId);
  const sourceSse = storedEncryptionOf(source.extra);
  const opener = await openerFor(ctx, sourceSse, input.sourceKeys);
  const targetSse = storedEncryptionOf(upload.extra);
  checkEncryptionKeys(targetSse, input.keys, 'write');
  evaluateCopySourceConditions(source, input.source.conditions);
  const range = input.source.range;
  if (range !== undefined && range.first > range.last) {
    throw new StorageError('InvalidArgument', `Range specified is not valid for source object of size: ${source.size}`, {
      ArgumentName: 'x-amz-copy-source-range',
    });
  }
  if (range !== undefined && range.last >= source.size) {
    throw new StorageError('InvalidRange', 'The range is outside the source object.', {
      RangeRequested: `bytes=${range.first}-${range.last}`,
      ActualObjectSize: source.size,
    });
  }
  const start = range?.first ?? 0;
  const end = range?.last ?? source.size - 1;
  const size = end - start + 1;
  if (size > ctx.limits.maxPartSize) {
    throw new StorageError(
      'InvalidRequest',
      `The specified copy source is larger than the maximum allowable size for a copy source: ${ctx.limits.maxPartSize}`,
    );
  }
  const layout = await ctx.meta.getObjectLayout(source.id);
  const release = ctx.pins.pin(layout.flatMap((p) => p.segments.map((s) => s.blobId)));
  let part: PartRecord;
  if (!sameWrapping(sourceSse, input.sourceKeys, targetSse, input.keys)) {
    // Encrypted under another key (or not at all): the range is written again, sealed for the upload.
    const seal = await sealerFor(ctx, targetSse, input.keys);
    let written;
    try {
      written = await resealRange(
        ctx,
        layout,
        { start, end },
        {
          ...(opener === undefined ? {} : { opener }),
          ...(seal === undefined ? {} : { seal: seal() }),
          digests: partDigestNames(upload, undefined, input.extraDigests),
          maxSize: ctx.limits.maxPartSize,
        },
      );
    } finally {
      release();
    }
    const { blob, digests } = written;
    try {
      part = await ctx.meta.putPart({
        uploadId: upload.id,
        partNumber: input.partNumber,
        size: blob.size,
        etag: digests.md5 ?? '',
        digests,
        segments: blob.size === 0 ? [] : [{ blobId: blob.blobId, blobOffset: 0, length: blob.size }],
        newBlobs: blob.size === 0 ? [] : [blob],
        now: ctx.clock(),
      });
      if (blob.size === 0) await discardBlob(ctx, blob.blobId);
    } catch (error) {
      await discardBlob(ctx, blob.blobId);
      throw error;
    }
    await reapGarbage(ctx);
    return { part, source, upload };
  }
  try {
    const digester = createDigester(partDigestNames(upload, undefined, input.extraDigests));
    for await (const chunk of readLayout(ctx, layout, start, end, opener)) digester.update(chunk);
    const digests = digester.digest();
    part = await ctx.meta.putPart({
      uploadId: upload.id,
      partNumber: input.partNumber,
      size: Math.max(0, size),
      etag: digests.md5 ?? '',
      digests,
      segments: sliceSegments(layout, start, end),
      newBlobs: [],
      now: ctx.clock(),
    });
  } finally {
    release();
  }
  await reapGarbage(ctx);
  return { part, source, upload };
}
