import type { CoreContext } from '../context.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { Bucket, ObjectRecord } from '../types.js';

export interface DeleteObjectOptions {
  /** Delete this version for good (null: the null version); absent: delete the key as versioning says. */
  readonly versionId?: string | null;
  readonly ifMatchEtag?: string;
  /** x-amz-bypass-governance-retention, already authorized. */
  readonly bypassGovernance?: boolean;
  /** Delete only if the version still has this id (lifecycle acts on what it selected). */
  readonly expectId?: number;
}

export interface DeleteObjectResult {
  /** The version removed, or the delete marker made (null: the null version); absent for unversioned buckets. */
  readonly versionId?: string | null;
  /** A delete marker was made, or the version removed was one. */
  readonly deleteMarker: boolean;
  /** The object version whose bytes were freed, if any. */
  readonly removed?: ObjectRecord;
}

/**
 * Deleting a key that does not exist succeeds, as in S3. Without a version id the bucket's versioning
 * decides (remove, or add a delete marker); with one, that version goes for good unless object lock
 * protects it.
 */
export async function deleteObject(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  options: DeleteObjectOptions = {},
): Promise<DeleteObjectResult> {
  const now = ctx.clock();
  if (options.versionId !== undefined) {
    const removed = await ctx.meta.deleteObjectVersion({
      bucketId: bucket.id,
      key,
      versionId: options.versionId,
      now,
      ...(options.bypassGovernance === true ? { bypassGovernance: true } : {}),
      ...(options.expectId === undefined ? {} : { expectId: options.expectId }),
    });
    if (removed !== undefined && !removed.deleteMarker) await reapGarbage(ctx);
    return {
      versionId: options.versionId,
      deleteMarker: removed?.deleteMarker === true,
      ...(removed === undefined || removed.deleteMarker ? {} : { removed }),
    };
  }
  const { removed, deleteMarker } = await ctx.meta.deleteObject(bucket.id, key, now, options.ifMatchEtag);
  if (removed !== undefined) await reapGarbage(ctx);
  return {
    ...(deleteMarker === undefined ? {} : { versionId: deleteMarker.versionId }),
    deleteMarker: deleteMarker !== undefined,
    ...(removed === undefined ? {} : { removed }),
  };
}
