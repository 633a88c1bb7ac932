import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import { validateObjectKey } from '../names.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { WriteCondition } from '../ports/metadata-store.js';
import type { Bucket, ObjectAttributes, ObjectRecord, StorageClass } from '../types.js';
import type { NewObjectAttributes } from './put-object.js';
import { evaluateReadConditions, type ReadConditions } from './read-conditions.js';
import { checkWriteConditionNow, commitConditionally } from './write-condition.js';

export interface CopyObjectInput {
  readonly source: { readonly bucket: Bucket; readonly key: string; readonly conditions?: ReadConditions };
  readonly target: { readonly bucket: Bucket; readonly key: string };
  /** 'copy' keeps the source's metadata (S3 COPY directive); otherwise the new attributes replace it. */
  readonly attributes: 'copy' | NewObjectAttributes;
  readonly storageClass?: StorageClass;
  readonly condition?: WriteCondition;
}

export interface CopyObjectResult {
  readonly object: ObjectRecord;
  readonly source: ObjectRecord;
}

/**
 * Copies without copying bytes: the new object's parts reference the source's blobs. The entity tag and
 * checksums carry over, since the bytes are the same.
 */
export async function copyObject(ctx: CoreContext, input: CopyObjectInput): Promise<CopyObjectResult> {
  validateObjectKey(input.target.key, ctx.limits);
  await checkWriteConditionNow(ctx, input.target.bucket, input.target.key, input.condition);
  const source = await ctx.meta.getObject(input.source.bucket.id, input.source.key);
  if (source === undefined) {
    throw new StorageError('NoSuchKey', 'The specified key does not exist.', { Key: input.source.key });
  }
  evaluateCopySourceConditions(source, input.source.conditions);
  if (source.size > ctx.limits.maxSingleObjectSize) {
    throw new StorageError(
      'InvalidRequest',
      `The specified copy source is larger than the maximum allowable size for a copy source: ${ctx.limits.maxSingleObjectSize}`,
    );
  }
  const sameObject = input.source.bucket.id === input.target.bucket.id && input.source.key === input.target.key;
  if (
    sameObject &&
    input.attributes === 'copy' &&
    (input.storageClass ?? source.attributes.storageClass) === source.attributes.storageClass
  ) {
    throw new StorageError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const base: NewObjectAttributes = input.attributes === 'copy' ? source.attributes : input.attributes;
  const attributes: ObjectAttributes = {
    ...base,
    storageClass:
      input.storageClass ??
      (input.attributes === 'copy' ? source.attributes.storageClass : (base.storageClass ?? input.target.bucket.storageClass)),
  };
  const layout = await ctx.meta.getObjectLayout(source.id);
  const { object, replaced } = await commitConditionally(input.condition, () =>
    ctx.meta.putObject({
      bucketId: input.target.bucket.id,
      key: input.target.key,
      size: source.size,
      etag: source.etag,
      attributes,
      partsCount: source.partsCount,
      checksum: source.checksum,
      digests: source.digests,
      extra: source.extra,
      parts: layout.map((p) => ({
        partNumber: p.partNumber,
        size: p.size,
        etag: p.etag,
        digests: p.digests,
        segments: p.segments,
      })),
      newBlobs: [],
      now: ctx.clock(),
      ...(input.condition === undefined ? {} : { condition: input.condition }),
    }),
  );
  if (replaced !== undefined) await reapGarbage(ctx);
  return { object, source };
}

/** x-amz-copy-source-if-*: a failed condition is always 412, never 304. */
export function evaluateCopySourceConditions(source: ObjectRecord, conditions: ReadConditions | undefined): void {
  try {
    evaluateReadConditions(source, conditions);
  } catch (error) {
    if (isStorageError(error, 'NotModified')) {
      throw new StorageError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
        Condition: 'x-amz-copy-source-If-None-Match',
      });
    }
    throw error;
  }
}
