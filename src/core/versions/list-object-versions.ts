import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { isValidVersionId } from '../ids.js';
import { commonPrefixOf, startCursor } from '../objects/list-objects.js';
import type { VersionRangeQuery } from '../ports/metadata-store.js';
import type { Bucket, ObjectVersionRecord } from '../types.js';

export interface ListObjectVersionsInput {
  readonly bucket: Bucket;
  readonly prefix: string;
  readonly delimiter?: string;
  /** Resume after every version of this key (or common prefix)... */
  readonly keyMarker?: string;
  /** ...or, with keyMarker, after this version of it ('null': the null version). */
  readonly versionIdMarker?: string;
  readonly maxKeys: number;
}

export interface ListObjectVersionsResult {
  /** Versions and delete markers, by key then newest first. */
  readonly versions: ObjectVersionRecord[];
  readonly commonPrefixes: string[];
  readonly isTruncated: boolean;
  readonly nextKeyMarker?: string;
  /** 'null' for the null version. */
  readonly nextVersionIdMarker?: string;
}

/**
 * Lists every version of the keys in range, rolling keys that contain the delimiter up into common
 * prefixes (one seek each). Each version and each common prefix counts towards maxKeys.
 */
export async function listObjectVersions(ctx: CoreContext, input: ListObjectVersionsInput): Promise<ListObjectVersionsResult> {
  const delimiter = input.delimiter === '' ? undefined : input.delimiter;
  let cursor: Omit<VersionRangeQuery, 'prefix' | 'limit'> = await firstCursor(ctx, input, delimiter);
  const versions: ObjectVersionRecord[] = [];
  const commonPrefixes: string[] = [];
  let last: { key: string; versionId?: string } | undefined;
  const want = input.maxKeys;
  for (;;) {
    const room = want - versions.length - commonPrefixes.length;
    const batch = await ctx.meta.listObjectVersions(input.bucket.id, {
      prefix: input.prefix,
      ...cursor,
      limit: room > 0 ? Math.min(room, 1000) : 1,
    });
    if (batch.length === 0) return { versions, commonPrefixes, isTruncated: false };
    for (const version of batch) {
      if (versions.length + commonPrefixes.length >= want) {
        return {
          versions,
          commonPrefixes,
          isTruncated: true,
          ...(last === undefined ? {} : { nextKeyMarker: last.key }),
          ...(last?.versionId === undefined ? {} : { nextVersionIdMarker: last.versionId }),
        };
      }
      const common = commonPrefixOf(version.key, input.prefix, delimiter);
      if (common !== undefined) {
        commonPrefixes.push(common);
        last = { key: common };
        cursor = { skipPrefix: common };
        break;
      }
      versions.push(version);
      last = { key: version.key, versionId: version.versionId ?? 'null' };
      cursor = { after: { key: version.key, id: version.id } };
    }
  }
}

async function firstCursor(
  ctx: CoreContext,
  input: ListObjectVersionsInput,
  delimiter: string | undefined,
): Promise<Omit<VersionRangeQuery, 'prefix' | 'limit'>> {
  const marker = input.keyMarker === '' ? undefined : input.keyMarker;
  const vid = input.versionIdMarker === '' ? undefined : input.versionIdMarker;
  if (marker === undefined) {
    if (vid !== undefined) {
      throw new StorageError('InvalidArgument', 'A version-id marker cannot be specified without a key marker.', {
        ArgumentName: 'version-id-marker',
        ArgumentValue: vid,
      });
    }
    return {};
  }
  if (vid === undefined) {
    const start = startCursor(input.prefix, delimiter, marker);
    return start.skipPrefix !== undefined ? { skipPrefix: start.skipPrefix } : { after: { key: marker } };
  }
  if (vid !== 'null' && !isValidVersionId(vid)) {
    throw new StorageError('InvalidArgument', 'Invalid version id specified', { ArgumentName: 'version-id-marker', ArgumentValue: vid });
  }
  const version = await ctx.meta.getObjectVersion(input.bucket.id, marker, vid === 'null' ? null : vid);
  // A version that is gone leaves no place to resume inside its key: resume after the key.
  return version === undefined ? { after: { key: marker } } : { after: { key: marker, id: version.id } };
}
