import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { Bucket } from '../types.js';

export type DeleteOutcome =
  | { readonly key: string; readonly deleted: true; readonly existed: boolean }
  | { readonly key: string; readonly deleted: false; readonly error: StorageError };

/** Deletes many keys; each key succeeds or fails on its own. */
export async function deleteObjects(ctx: CoreContext, bucket: Bucket, keys: readonly string[]): Promise<DeleteOutcome[]> {
  const now = ctx.clock();
  const outcomes = await Promise.all(
    keys.map(async (key): Promise<DeleteOutcome> => {
      try {
        const removed = await ctx.meta.deleteObject(bucket.id, key, now);
        return { key, deleted: true, existed: removed !== undefined };
      } catch (error) {
        if (isStorageError(error)) return { key, deleted: false, error };
        return { key, deleted: false, error: new StorageError('InternalError', undefined, {}, { cause: error }) };
      }
    }),
  );
  if (outcomes.some((o) => o.deleted && o.existed)) await reapGarbage(ctx);
  return outcomes;
}
