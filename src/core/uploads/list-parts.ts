import type { CoreContext } from '../context.js';
import type { Bucket, PartRecord, UploadRecord } from '../types.js';
import { findActiveUpload } from './find-upload.js';

export interface ListPartsInput {
  readonly bucket: Bucket;
  readonly key: string | undefined;
  readonly uploadId: string;
  readonly partNumberMarker: number;
  readonly maxParts: number;
}

export interface ListPartsResult {
  readonly upload: UploadRecord;
  readonly parts: PartRecord[];
  readonly isTruncated: boolean;
  readonly nextPartNumberMarker: number | undefined;
}

export async function listParts(ctx: CoreContext, input: ListPartsInput): Promise<ListPartsResult> {
  const upload = await findActiveUpload(ctx, input.bucket, input.key, input.uploadId);
  const rows = await ctx.meta.listParts(upload.id, input.partNumberMarker, input.maxParts + 1);
  const isTruncated = rows.length > input.maxParts;
  const parts = rows.slice(0, input.maxParts);
  return { upload, parts, isTruncated, nextPartNumberMarker: parts.at(-1)?.partNumber };
}
