import type { CoreContext } from '../context.js';
import { ingestBody } from '../ingest/ingest-body.js';
import type { BodyInput } from '../ingest/body-input.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import { validateObjectKey } from '../names.js';
import type { WriteCondition } from '../ports/metadata-store.js';
import type { Bucket, ChecksumAlgorithm, DigestName, ObjectAttributes, ObjectRecord, ObjectTag } from '../types.js';
import { lockForNewVersion, type RequestedLock } from './object-lock.js';
import { OBJECT_TAG_LIMITS, validateTags } from './object-tags.js';
import { requestedChecksum, singleObjectChecksum } from './object-checksum.js';
import { discardBlob } from '../blobs/blob-bytes.js';
import { checkWriteConditionNow, commitConditionally } from './write-condition.js';
import { resolveWriteEncryption } from '../encryption/bucket-encryption.js';
import { sealerFor, withStoredEncryption, type EncryptionRequest } from '../encryption/object-encryption.js';

/** Attributes as a request gives them; the storage class defaults to the bucket's. */
export type NewObjectAttributes = Omit<ObjectAttributes, 'storageClass'> & {
  readonly storageClass?: ObjectAttributes['storageClass'];
};

export interface PutObjectInput {
  readonly bucket: Bucket;
  readonly key: string;
  readonly body: BodyInput;
  readonly attributes: NewObjectAttributes;
  /** The checksum the client asked the object to carry, when it names one without a value. */
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  /** Digests a dialect needs besides md5 and the checksum (OSS crc64ecma, Glacier sha256-tree). */
  readonly extraDigests?: readonly DigestName[];
  readonly condition?: WriteCondition;
  readonly extra?: Readonly<Record<string, unknown>>;
  /** x-amz-tagging; validated against S3's limits before any byte is read. */
  readonly tags?: readonly ObjectTag[];
  /** x-amz-object-lock-*; the bucket's default retention applies when absent. */
  readonly lock?: RequestedLock;
  /** Server-side encryption the request asks for; without it the bucket's default applies. */
  readonly encryption?: EncryptionRequest;
}

/** Streams a body into a new object, replacing any object at the key. */
export async function putObject(ctx: CoreContext, input: PutObjectInput): Promise<ObjectRecord> {
  validateObjectKey(input.key, ctx.limits);
  // Refused before a byte of the body is read when the condition already fails.
  await checkWriteConditionNow(ctx, input.bucket, input.key, input.condition);
  const tags = input.tags === undefined ? undefined : validateTags(input.tags, OBJECT_TAG_LIMITS);
  const lock =
    input.bucket.objectLockEnabled || input.lock !== undefined ? await lockForNewVersion(ctx, input.bucket, input.lock) : undefined;
  const announced = [...(input.body.announced ?? []), ...Object.keys(input.body.expected?.() ?? {})] as DigestName[];
  const checksum = requestedChecksum(announced, input.checksumAlgorithm);
  const digestNames: DigestName[] = [...(input.extraDigests ?? [])];
  if (checksum !== undefined) digestNames.push(checksum);
  const sse = await resolveWriteEncryption(ctx, input.bucket, input.encryption);
  const seal = await sealerFor(ctx, sse, input.encryption?.kind === 'sse-c' ? { customerKey: input.encryption.customerKey } : undefined);
  const { blob, digests } = await ingestBody(ctx, input.body, {
    digests: digestNames,
    maxSize: ctx.limits.maxSingleObjectSize,
    ...(seal === undefined ? {} : { seal: seal() }),
  });
  const attributes: ObjectAttributes = { ...input.attributes, storageClass: input.attributes.storageClass ?? input.bucket.storageClass };
  try {
    const { object, replaced } = await commitConditionally(input.condition, () =>
      ctx.meta.putObject({
        bucketId: input.bucket.id,
        key: input.key,
        size: blob.size,
        etag: digests.md5 ?? '',
        attributes,
        partsCount: null,
        checksum: singleObjectChecksum(checksum, digests),
        digests,
        extra: withStoredEncryption(input.extra ?? {}, sse),
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
        ...(input.condition === undefined ? {} : { condition: input.condition }),
        ...(tags === undefined ? {} : { tags }),
        ...(lock === undefined ? {} : { lock }),
      }),
    );
    if (blob.size === 0) await discardBlob(ctx, blob.blobId);
    if (replaced !== undefined) await reapGarbage(ctx);
    return object;
  } catch (error) {
    await discardBlob(ctx, blob.blobId);
    throw error;
  }
}
