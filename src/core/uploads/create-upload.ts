import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { newUploadId } from '../ids.js';
import { validateObjectKey } from '../names.js';
import type { NewObjectAttributes } from '../objects/put-object.js';
import type { Bucket, ChecksumAlgorithm, ChecksumType, ObjectTag, Principal, UploadRecord } from '../types.js';
import type { RequestedLock } from '../objects/object-lock.js';
import { OBJECT_TAG_LIMITS, validateTags } from '../objects/object-tags.js';
import { resolveWriteEncryption } from '../encryption/bucket-encryption.js';
import { withStoredEncryption, type EncryptionRequest } from '../encryption/object-encryption.js';

export interface CreateUploadInput {
  readonly bucket: Bucket;
  readonly key: string;
  readonly attributes: NewObjectAttributes;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: ChecksumType;
  readonly initiator: Principal;
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Given to the object at completion (x-amz-tagging on CreateMultipartUpload). */
  readonly tags?: readonly ObjectTag[];
  /** Retention and legal hold the object gets at completion. */
  readonly lock?: RequestedLock;
  /** Server-side encryption for every part and the object; without it the bucket's default applies. */
  readonly encryption?: EncryptionRequest;
}

/** Starts a multipart upload; its attributes and checksum settings pass to the object at completion. */
export async function createUpload(ctx: CoreContext, input: CreateUploadInput): Promise<UploadRecord> {
  validateObjectKey(input.key, ctx.limits);
  const tags = input.tags === undefined ? undefined : validateTags(input.tags, OBJECT_TAG_LIMITS);
  if (input.lock !== undefined && !input.bucket.objectLockEnabled) {
    throw new StorageError('InvalidRequest', 'Bucket is missing Object Lock Configuration');
  }
  const algorithm = input.checksumAlgorithm ?? null;
  let type: ChecksumType | null = input.checksumType ?? null;
  if (algorithm === null && type !== null) {
    throw new StorageError('InvalidRequest', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
  }
  if (algorithm !== null) {
    type ??= algorithm === 'crc64nvme' ? 'full-object' : 'composite';
    if (type === 'full-object' && (algorithm === 'sha1' || algorithm === 'sha256')) {
      throw new StorageError(
        'InvalidRequest',
        `The ${algorithm.toUpperCase()} checksum algorithm does not support the FULL_OBJECT checksum type.`,
      );
    }
    if (type === 'composite' && algorithm === 'crc64nvme') {
      throw new StorageError('InvalidRequest', 'The CRC64NVME checksum algorithm does not support the COMPOSITE checksum type.');
    }
  }
  const sse = await resolveWriteEncryption(ctx, input.bucket, input.encryption);
  return ctx.meta.createUpload({
    id: newUploadId(),
    bucketId: input.bucket.id,
    key: input.key,
    initiatedAt: ctx.clock(),
    attributes: { ...input.attributes, storageClass: input.attributes.storageClass ?? input.bucket.storageClass },
    checksumAlgorithm: algorithm,
    checksumType: type,
    initiator: input.initiator,
    extra: withStoredEncryption(
      {
        ...input.extra,
        ...(tags === undefined || tags.length === 0 ? {} : { objectTags: tags }),
        ...(input.lock === undefined ? {} : { objectLock: input.lock }),
      },
      sse,
    ),
  });
}
