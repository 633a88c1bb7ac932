import type { CoreContext } from '../context.js';
import { findVersion } from '../versions/find-version.js';
import type { Bucket, ObjectTag, ObjectVersionRecord } from '../types.js';
import { OBJECT_TAG_LIMITS, validateTags } from './object-tags.js';

/** The tags of a version (the latest when versionId is absent). */
export async function getObjectTagging(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
): Promise<ObjectVersionRecord> {
  return findVersion(ctx, bucket, key, versionId);
}

/** Replaces a version's tag set (an empty set removes every tag). Returns the version tagged. */
export async function putObjectTagging(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
  tags: readonly ObjectTag[],
): Promise<ObjectVersionRecord> {
  const sorted = validateTags(tags, OBJECT_TAG_LIMITS);
  const version = await findVersion(ctx, bucket, key, versionId);
  await ctx.meta.updateObjectVersion(version.id, { tags: sorted });
  return { ...version, tags: sorted };
}

export async function deleteObjectTagging(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  versionId: string | null | undefined,
): Promise<ObjectVersionRecord> {
  return putObjectTagging(ctx, bucket, key, versionId, []);
}
