import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import type { Bucket } from '../types.js';
import { deleteObject, type DeleteObjectResult } from './delete-object.js';

export interface DeleteItem {
  readonly key: string;
  /** null: the null version; absent: the key as versioning says. */
  readonly versionId?: string | null;
}

export type DeleteOutcome =
  | ({ readonly key: string; readonly deleted: true; readonly existed: boolean } & DeleteObjectResult)
  | { readonly key: string; readonly versionId?: string | null; readonly deleted: false; readonly error: StorageError };

/** Deletes many keys or versions; each succeeds or fails on its own (a locked version is AccessDenied). Overlapping reaps share one pass. */
export async function deleteObjects(
  ctx: CoreContext,
  bucket: Bucket,
  items: readonly DeleteItem[],
  options: { readonly bypassGovernance?: boolean } = {},
): Promise<DeleteOutcome[]> {
  const outcomes = await Promise.all(
    items.map(async (item): Promise<DeleteOutcome> => {
      try {
        const result = await deleteItem(ctx, bucket, item, options.bypassGovernance === true);
        return { key: item.key, deleted: true, existed: result.removed !== undefined || result.deleteMarker, ...result };
      } catch (error) {
        const versionId = item.versionId === undefined ? {} : { versionId: item.versionId };
        if (isStorageError(error)) return { key: item.key, ...versionId, deleted: false, error };
        return { key: item.key, ...versionId, deleted: false, error: new StorageError('InternalError', undefined, {}, { cause: error }) };
      }
    }),
  );
  return outcomes;
}

function deleteItem(ctx: CoreContext, bucket: Bucket, item: DeleteItem, bypassGovernance: boolean): Promise<DeleteObjectResult> {
  return deleteObject(ctx, bucket, item.key, {
    ...(item.versionId === undefined ? {} : { versionId: item.versionId }),
    ...(bypassGovernance ? { bypassGovernance } : {}),
  });
}
