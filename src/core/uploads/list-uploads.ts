import type { CoreContext } from '../context.js';
import { isValidUploadId } from '../ids.js';
import { commonPrefixOf, startCursor } from '../objects/list-objects.js';
import type { UploadRangeQuery } from '../ports/metadata-store.js';
import type { Bucket, UploadRecord } from '../types.js';

export interface ListUploadsInput {
  readonly bucket: Bucket;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  readonly uploadIdMarker?: string;
  readonly maxUploads: number;
}

export interface ListUploadsResult {
  readonly uploads: UploadRecord[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  readonly nextKeyMarker: string | undefined;
  readonly nextUploadIdMarker: string | undefined;
}

/**
 * Active uploads ordered by key, then by initiation time, from an index: a page costs its own size.
 * An upload-id-marker resumes after that upload of the key-marker key (tombstones still locate it).
 */
export async function listUploads(ctx: CoreContext, input: ListUploadsInput): Promise<ListUploadsResult> {
  const delimiter = input.delimiter === '' ? undefined : input.delimiter;
  let cursor: Pick<UploadRangeQuery, 'after' | 'skipPrefix'> = await startAfter(ctx, input, delimiter);
  const uploads: UploadRecord[] = [];
  const commonPrefixes: string[] = [];
  let nextKeyMarker: string | undefined;
  let nextUploadIdMarker: string | undefined;
  const want = input.maxUploads;
  for (;;) {
    const room = want - uploads.length - commonPrefixes.length;
    const batch = await ctx.meta.listUploads(input.bucket.id, {
      prefix: input.prefix,
      ...cursor,
      limit: room > 0 ? Math.min(room, 1000) : 1,
    });
    if (batch.length === 0) {
      return { uploads, commonPrefixes, isTruncated: false, nextKeyMarker, nextUploadIdMarker };
    }
    for (const upload of batch) {
      if (uploads.length + commonPrefixes.length >= want) {
        return { uploads, commonPrefixes, isTruncated: true, nextKeyMarker, nextUploadIdMarker };
      }
      const common = commonPrefixOf(upload.key, input.prefix, delimiter);
      if (common !== undefined) {
        commonPrefixes.push(common);
        nextKeyMarker = common;
        nextUploadIdMarker = undefined;
        cursor = { skipPrefix: common };
        break;
      }
      uploads.push(upload);
      nextKeyMarker = upload.key;
      nextUploadIdMarker = upload.id;
      cursor = { after: { key: upload.key, initiatedAt: upload.initiatedAt, uploadId: upload.id } };
    }
  }
}

async function startAfter(
  ctx: CoreContext,
  input: ListUploadsInput,
  delimiter: string | undefined,
): Promise<Pick<UploadRangeQuery, 'after' | 'skipPrefix'>> {
  const keyMarker = input.keyMarker;
  if (keyMarker === undefined || keyMarker === '') return {};
  if (input.uploadIdMarker !== undefined && input.uploadIdMarker !== '') {
    const marker = isValidUploadId(input.uploadIdMarker) ? await ctx.meta.getUpload(input.uploadIdMarker) : undefined;
    if (marker !== undefined && marker.bucketId === input.bucket.id && marker.key === keyMarker) {
      return { after: { key: keyMarker, initiatedAt: marker.initiatedAt, uploadId: marker.id } };
    }
    // Unknown marker: include every upload of the key-marker key rather than skip any.
    return { after: { key: keyMarker, initiatedAt: -1, uploadId: '' } };
  }
  const cursor = startCursor(input.prefix, delimiter, keyMarker);
  return cursor.skipPrefix !== undefined ? { skipPrefix: cursor.skipPrefix } : { after: { key: keyMarker } };
}
