import type { CoreContext } from '../context.js';
import type { Bucket, ObjectRecord } from '../types.js';

export interface ListObjectsInput {
  readonly bucket: Bucket;
  readonly prefix: string;
  readonly delimiter?: string;
  /** Start after this key or common prefix (S3 marker, start-after, or a decoded continuation token). */
  readonly after?: string;
  readonly maxKeys: number;
}

export interface ListObjectsResult {
  readonly objects: ObjectRecord[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  /** The last key or common prefix returned, to resume from when truncated. */
  readonly last: string | undefined;
}

/**
 * Lists keys in UTF-8 byte order, rolling keys that contain the delimiter after the prefix up into
 * common prefixes. Each common prefix costs one index seek, not a scan of the keys under it.
 */
export async function listObjects(ctx: CoreContext, input: ListObjectsInput): Promise<ListObjectsResult> {
  const objects: ObjectRecord[] = [];
  const commonPrefixes: string[] = [];
  const delimiter = input.delimiter === '' ? undefined : input.delimiter;
  let cursor = startCursor(input.prefix, delimiter, input.after);
  let last: string | undefined;
  const want = input.maxKeys;
  // max-keys=0 asks for nothing, and S3 then says nothing is left out.
  if (want <= 0) return { objects, commonPrefixes, isTruncated: false, last };
  for (;;) {
    const room = want - objects.length - commonPrefixes.length;
    const batch = await ctx.meta.listObjects(input.bucket.id, {
      prefix: input.prefix,
      ...cursor,
      limit: room > 0 ? Math.min(room, 1000) : 1,
    });
    if (batch.length === 0) return { objects, commonPrefixes, isTruncated: false, last };
    for (const object of batch) {
      if (objects.length + commonPrefixes.length >= want) return { objects, commonPrefixes, isTruncated: true, last };
      const common = commonPrefixOf(object.key, input.prefix, delimiter);
      if (common !== undefined) {
        commonPrefixes.push(common);
        last = common;
        cursor = { skipPrefix: common };
        break;
      }
      objects.push(object);
      last = object.key;
      cursor = { after: object.key };
    }
  }
}

export function commonPrefixOf(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (delimiter === undefined) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/** A marker that is itself a common prefix resumes after everything under it. */
export function startCursor(
  prefix: string,
  delimiter: string | undefined,
  after: string | undefined,
): { after?: string; skipPrefix?: string } {
  if (after === undefined) return {};
  if (delimiter !== undefined && after.startsWith(prefix) && commonPrefixOf(after, prefix, delimiter) === after) {
    return { skipPrefix: after };
  }
  return { after };
}
