import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import type { WriteCondition } from '../ports/metadata-store.js';
import type { Bucket } from '../types.js';
import { etagListMatches } from './read-conditions.js';

/**
 * Conditional writes as S3 documents them (PutObject, CopyObject, CompleteMultipartUpload):
 * If-None-Match `*` fails when an object exists, If-None-Match with entity tags when the current object
 * has one of them, If-Match when there is no object (NoSuchKey) or it has none of the tags (412).
 *
 * The condition is evaluated twice: when the request arrives, so that a write that cannot succeed is
 * refused before its body is read, and again inside the metadata transaction that commits it, so that of
 * racing writes the first to commit wins and the others get 412. A write whose If-Match held on arrival
 * but whose object was deleted before it committed is the race S3 answers with 409
 * ConditionalRequestConflict.
 */
export function evaluateWriteCondition(existing: { readonly etag: string } | undefined, condition: WriteCondition | undefined): void {
  if (condition === undefined) return;
  if (existing !== undefined && condition.ifNoneMatchAny === true) throw preconditionFailed('If-None-Match');
  if (existing !== undefined && condition.ifNoneMatchEtag !== undefined && etagListMatches(condition.ifNoneMatchEtag, existing.etag)) {
    throw preconditionFailed('If-None-Match');
  }
  if (condition.ifMatchEtag !== undefined) {
    if (existing === undefined) throw new StorageError('NoSuchKey', 'The object does not exist.', { Condition: 'If-Match' });
    if (!etagListMatches(condition.ifMatchEtag, existing.etag)) throw preconditionFailed('If-Match');
  }
}

/** The check on arrival: the object as it is now. */
export async function checkWriteConditionNow(
  ctx: CoreContext,
  bucket: Bucket,
  key: string,
  condition: WriteCondition | undefined,
): Promise<void> {
  if (condition === undefined) return;
  evaluateWriteCondition(await ctx.meta.getObject(bucket.id, key), condition);
}

/**
 * Runs the commit of a write whose condition already held on arrival. If-Match finding no object at
 * commit means a concurrent delete won the race: ConditionalRequestConflict.
 */
export async function commitConditionally<T>(condition: WriteCondition | undefined, commit: () => Promise<T>): Promise<T> {
  try {
    return await commit();
  } catch (error) {
    if (condition?.ifMatchEtag !== undefined && isStorageError(error, 'NoSuchKey') && error.details.Condition === 'If-Match') {
      throw new StorageError('ConditionalRequestConflict', 'The object was deleted while the conditional write was in flight.', {
        Condition: 'If-Match',
      });
    }
    throw error;
  }
}

function preconditionFailed(condition: string): StorageError {
  return new StorageError('PreconditionFailed', 'A condition of the request does not hold.', { Condition: condition });
}
