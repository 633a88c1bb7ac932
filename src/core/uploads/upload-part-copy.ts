import { createDigester } from '../checksums/digester.js';
import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import { evaluateCopySourceConditions } from '../objects/copy-object.js';
import type { ReadConditions } from '../objects/read-conditions.js';
import { readLayout } from '../objects/read-object.js';
import type { Bucket, DigestName, ObjectRecord, PartRecord } from '../types.js';
import { sliceSegments } from '../objects/slice-segments.js';
import { findActiveUpload } from './find-upload.js';
import { validatePartNumber } from './part-number.js';
import { partDigestNames } from './upload-part.js';

export interface UploadPartCopyInput {
  readonly bucket: Bucket;
  readonly key: string;
  readonly uploadId: string;
  readonly partNumber: number;
  readonly source: {
    readonly bucket: Bucket;
    readonly key: string;
    readonly conditions?: ReadConditions;
    /** Inclusive byte range of the source (x-amz-copy-source-range). */
    readonly range?: { readonly first: number; readonly last: number };
  };
  readonly extraDigests?: readonly DigestName[];
}

export interface UploadPartCopyResult {
  readonly part: PartRecord;
  readonly source: ObjectRecord;
}

/**
 * A part made of a range of an existing object. The bytes are read once to compute the part's digests
 * (its entity tag is the MD5 of the range, as in S3) but never written again: the part references the
 * source's blobs.
 */
export async function uploadPartCopy(ctx: CoreContext, input: UploadPartCopyInput): Promise<UploadPartCopyResult> {
  validatePartNumber(ctx, input.partNumber);
  const upload = await findActiveUpload(ctx, input.bucket, input.key, input.uploadId);
  const source = await ctx.meta.getObject(input.source.bucket.id, input.source.key);
  if (source === undefined) {
    throw new StorageError('NoSuchKey', 'The specified key does not exist.', { Key: input.source.key });
  }
  evaluateCopySourceConditions(source, input.source.conditions);
  const range = input.source.range;
  if (range !== undefined && range.first > range.last) {
    throw new StorageError('InvalidArgument', `Range specified is not valid for source object of size: ${source.size}`, {
      ArgumentName: 'x-amz-copy-source-range',
    });
  }
  if (range !== undefined && range.last >= source.size) {
    throw new StorageError('InvalidRange', 'The requested range is not satisfiable', {
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
  try {
    const digester = createDigester(partDigestNames(upload, undefined, input.extraDigests));
    for await (const chunk of readLayout(ctx, layout, start, end)) digester.update(chunk);
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
  return { part, source };
}
