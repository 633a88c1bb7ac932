import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import { validateObjectKey } from '../names.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import type { WriteCondition } from '../ports/metadata-store.js';
import type { Bucket, ObjectAttributes, ObjectRecord, ObjectTag, StorageClass } from '../types.js';
import { findVersion } from '../versions/find-version.js';
import { lockForNewVersion, type RequestedLock } from './object-lock.js';
import { OBJECT_TAG_LIMITS, validateTags } from './object-tags.js';
import type { NewObjectAttributes } from './put-object.js';
import { evaluateReadConditions, type ReadConditions } from './read-conditions.js';
import { checkWriteConditionNow, commitConditionally } from './write-condition.js';
import { resolveWriteEncryption } from '../encryption/bucket-encryption.js';
import {
  openerFor,
  sameWrapping,
  sealerFor,
  storedEncryptionOf,
  withStoredEncryption,
  type EncryptionKeys,
  type EncryptionRequest,
} from '../encryption/object-encryption.js';
import { discardBlob, resealRange } from '../encryption/reseal-range.js';
import { singleObjectChecksum } from './object-checksum.js';

export interface CopyObjectInput {
  readonly source: {
    readonly bucket: Bucket;
    readonly key: string;
    /** null: the null version; absent: the current one. */
    readonly versionId?: string | null;
    readonly conditions?: ReadConditions;
  };
  readonly target: { readonly bucket: Bucket; readonly key: string };
  /** 'copy' keeps the source's metadata (S3 COPY directive); otherwise the new attributes replace it. */
  readonly attributes: 'copy' | NewObjectAttributes;
  readonly storageClass?: StorageClass;
  readonly condition?: WriteCondition;
  /** 'copy' keeps the source version's tags (S3's default tagging directive). */
  readonly tags?: 'copy' | readonly ObjectTag[];
  readonly lock?: RequestedLock;
  /** Encryption of the copy; without it the target bucket's default applies (never the source's). */
  readonly encryption?: EncryptionRequest;
  /** The SSE-C key of the source, when it is an SSE-C object. */
  readonly sourceKeys?: EncryptionKeys;
}

export interface CopyObjectResult {
  readonly object: ObjectRecord;
  readonly source: ObjectRecord;
}

/**
 * Copies without copying bytes: the new object's parts reference the source's blobs. The entity tag and
 * checksums carry over, since the bytes are the same. When the copy is to be encrypted under another key
 * than the source (or not at all), the bytes are streamed through once and written as a new object.
 */
export async function copyObject(ctx: CoreContext, input: CopyObjectInput): Promise<CopyObjectResult> {
  validateObjectKey(input.target.key, ctx.limits);
  await checkWriteConditionNow(ctx, input.target.bucket, input.target.key, input.condition);
  const source = await findVersion(ctx, input.source.bucket, input.source.key, input.source.versionId);
  const tags = input.tags === undefined || input.tags === 'copy' ? source.tags : validateTags(input.tags, OBJECT_TAG_LIMITS);
  const lock = await lockForNewVersion(ctx, input.target.bucket, input.lock);
  const sourceSse = storedEncryptionOf(source.extra);
  const opener = await openerFor(ctx, sourceSse, input.sourceKeys);
  evaluateCopySourceConditions(source, input.source.conditions);
  if (source.size > ctx.limits.maxSingleObjectSize) {
    throw new StorageError(
      'InvalidRequest',
      `The specified copy source is larger than the maximum allowable size for a copy source: ${ctx.limits.maxSingleObjectSize}`,
    );
  }
  const sameObject = input.source.bucket.id === input.target.bucket.id && input.source.key === input.target.key && source.isLatest;
  if (
    sameObject &&
    input.attributes === 'copy' &&
    input.encryption === undefined &&
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
  const targetSse = await resolveWriteEncryption(ctx, input.target.bucket, input.encryption);
  const targetKeys = input.encryption?.kind === 'sse-c' ? { customerKey: input.encryption.customerKey } : undefined;
  const layout = await ctx.meta.getObjectLayout(source.id);
  if (!sameWrapping(sourceSse, input.sourceKeys, targetSse, targetKeys)) {
    const seal = await sealerFor(ctx, targetSse, targetKeys);
    const release = ctx.pins.pin(layout.flatMap((p) => p.segments.map((s) => s.blobId)));
    let written;
    try {
      const checksumAlgorithm = source.checksum?.algorithm;
      written = await resealRange(
        ctx,
        layout,
        { start: 0, end: source.size - 1 },
        {
          ...(opener === undefined ? {} : { opener }),
          ...(seal === undefined ? {} : { seal: seal() }),
          digests: ['md5', ...(checksumAlgorithm === undefined ? [] : [checksumAlgorithm])],
          maxSize: ctx.limits.maxSingleObjectSize,
        },
      );
    } finally {
      release();
    }
    const { blob, digests } = written;
    try {
      const { object, replaced } = await commitConditionally(input.condition, () =>
        ctx.meta.putObject({
          bucketId: input.target.bucket.id,
          key: input.target.key,
          size: blob.size,
          etag: digests.md5 ?? '',
          attributes,
          partsCount: null,
          checksum: singleObjectChecksum(source.checksum?.algorithm, digests),
          digests,
          extra: withStoredEncryption(source.extra, targetSse),
          parts: [
            {
              partNumber: 1,
              size: blob.size,
              etag: digests.md5 ?? '',
              digests,
              segments: blob.size === 0 ? [] : [{ blobId: blob.blobId, blobOffset: 0, length: blob.size }],
            },
          ],
          newBlobs: blob.size === 0 ? [] : [blob],
          now: ctx.clock(),
          tags,
          lock,
          ...(input.condition === undefined ? {} : { condition: input.condition }),
        }),
      );
      if (blob.size === 0) await discardBlob(ctx, blob.blobId);
      if (replaced !== undefined) await reapGarbage(ctx);
      return { object, source };
    } catch (error) {
      await discardBlob(ctx, blob.blobId);
      throw error;
    }
  }
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
      extra: withStoredEncryption(source.extra, targetSse),
      parts: layout.map((p) => ({
        partNumber: p.partNumber,
        size: p.size,
        etag: p.etag,
        digests: p.digests,
        segments: p.segments,
      })),
      newBlobs: [],
      now: ctx.clock(),
      tags,
      lock,
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
      throw new StorageError('PreconditionFailed', 'A condition of the request does not hold.', {
        Condition: 'x-amz-copy-source-If-None-Match',
      });
    }
    throw error;
  }
}
