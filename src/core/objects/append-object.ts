import { resolveWriteEncryption } from '../encryption/bucket-encryption.js';
import { sealerFor, storedEncryptionOf, withStoredEncryption, type EncryptionRequest } from '../encryption/object-encryption.js';
import { crcCombine } from '../checksums/crc-combine.js';
import { crc64ToHex, hexToCrc64 } from '../checksums/encoding.js';
import { multipartEtag } from '../checksums/multipart-checksum.js';
import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import { ingestBody } from '../ingest/ingest-body.js';
import type { BodyInput } from '../ingest/body-input.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import { validateObjectKey } from '../names.js';
import type { NewPart } from '../ports/metadata-store.js';
import type { Bucket, DigestName, Digests, ObjectAttributes, ObjectRecord } from '../types.js';
import type { NewObjectAttributes } from './put-object.js';
import { discardBlob } from '../blobs/blob-bytes.js';

export interface AppendObjectInput {
  readonly bucket: Bucket;
  readonly key: string;
  /** Where the bytes go: the object's current size, 0 to create it. */
  readonly position: number;
  readonly body: BodyInput;
  /** The object's attributes when this append creates it; later appends keep them. */
  readonly attributes: NewObjectAttributes;
  readonly extraDigests?: readonly DigestName[];
  /** The `extra` of an object this append creates (the dialect marks its appendable objects there). */
  readonly extra: Readonly<Record<string, unknown>>;
  /**
   * Encryption for the object this append creates (SSE-S3 or SSE-KMS; else the bucket's default). Later
   * appends keep the object's; asking them for another is refused.
   */
  readonly encryption?: EncryptionRequest;
  /** Whether an existing object accepts appends. */
  readonly appendable: (object: ObjectRecord) => boolean;
}

/**
 * Appends bytes to an object without copying the bytes already there: the new version's parts are the old
 * parts (the same blob segments) plus one new part. Its CRC-64/XZ combines from the old object's and the
 * new part's when both are known.
 *
 * Fails with PreconditionFailed (details `Condition: 'position'`, `NextAppendPosition`) when `position` is
 * not the object's size, also when another append got in first, and with InvalidRequest (`Condition:
 * 'appendable'`) when the object at the key does not accept appends.
 */
export async function appendObject(ctx: CoreContext, input: AppendObjectInput): Promise<ObjectRecord> {
  validateObjectKey(input.key, ctx.limits);
  const existing = await ctx.meta.getObject(input.bucket.id, input.key);
  check(input, existing);
  const room = ctx.limits.maxSingleObjectSize - input.position;
  const names: DigestName[] = [...(input.extraDigests ?? [])];
  // An appendable object keeps the encryption it was created with (asked for, or the bucket's default).
  if (input.encryption?.kind === 'sse-c') throw new StorageError('InvalidRequest', 'Appendable objects cannot use customer-provided keys.');
  const sse =
    existing === undefined ? await resolveWriteEncryption(ctx, input.bucket, input.encryption) : storedEncryptionOf(existing.extra);
  if (existing !== undefined && input.encryption !== undefined && !sameRequest(sse, input.encryption)) {
    throw new StorageError('InvalidRequest', 'An append must keep the encryption the object was created with.');
  }
  const seal = await sealerFor(ctx, sse, undefined);
  const { blob, digests } = await ingestBody(ctx, input.body, {
    digests: names,
    maxSize: Math.max(0, room),
    ...(seal === undefined ? {} : { seal: seal() }),
  });
  let written: Awaited<ReturnType<typeof ctx.meta.putObject>>;
  try {
    const layout = existing === undefined ? [] : await ctx.meta.getObjectLayout(existing.id);
    const oldParts: NewPart[] = layout.map((p) => ({
      partNumber: p.partNumber,
      size: p.size,
      etag: p.etag,
      digests: p.digests,
      segments: p.segments,
    }));
    const newPart: NewPart = {
      partNumber: oldParts.length + 1,
      size: blob.size,
      etag: digests.md5 ?? '',
      digests,
      segments: blob.size === 0 ? [] : [{ blobId: blob.blobId, blobOffset: 0, length: blob.size }],
    };
    const parts = [...oldParts, newPart];
    const attributes: ObjectAttributes = existing?.attributes ?? {
      ...input.attributes,
      storageClass: input.attributes.storageClass ?? input.bucket.storageClass,
    };
    written = await ctx.meta.putObject({
      bucketId: input.bucket.id,
      key: input.key,
      size: input.position + blob.size,
      etag: multipartEtag(parts.map((p) => p.etag)),
      attributes,
      partsCount: null,
      checksum: null,
      digests: appendedDigests(existing, input.position, digests, blob.size),
      extra: existing?.extra ?? withStoredEncryption(input.extra, sse),
      parts,
      newBlobs: blob.size === 0 ? [] : [blob],
      now: ctx.clock(),
      condition: existing === undefined ? { ifNoneMatchAny: true } : { ifMatchEtag: existing.etag },
    });
  } catch (error) {
    await discardBlob(ctx, blob.blobId);
    if (isStorageError(error, 'PreconditionFailed') || (existing !== undefined && isStorageError(error, 'NoSuchKey'))) {
      // Another writer changed or removed the object between our read and our commit.
      const now = await ctx.meta.getObject(input.bucket.id, input.key);
      throw positionMismatch(now?.size ?? 0);
    }
    throw error;
  }
  if (blob.size === 0) await discardBlob(ctx, blob.blobId);
  if (written.replaced !== undefined) await reapGarbage(ctx);
  return written.object;
}

function check(input: AppendObjectInput, existing: ObjectRecord | undefined): void {
  if (existing !== undefined && !input.appendable(existing)) {
    throw new StorageError('InvalidRequest', 'The object is not appendable.', { Condition: 'appendable', Key: input.key });
  }
  const size = existing?.size ?? 0;
  if (input.position !== size) throw positionMismatch(size);
}

function positionMismatch(size: number): StorageError {
  return new StorageError('PreconditionFailed', 'The position is not the length of the object.', {
    Condition: 'position',
    NextAppendPosition: size,
  });
}

/** The whole object's CRC-64/XZ, combined from the old object's and the appended bytes'. */
function appendedDigests(existing: ObjectRecord | undefined, oldSize: number, added: Digests, addedSize: number): Digests {
  const addedCrc = added.crc64ecma;
  if (addedCrc === undefined) return {};
  if (existing === undefined || oldSize === 0) return { crc64ecma: addedCrc };
  const oldCrc = existing.digests.crc64ecma;
  if (oldCrc === undefined) return {};
  return { crc64ecma: crc64ToHex(crcCombine('crc64ecma', hexToCrc64(oldCrc), hexToCrc64(addedCrc), addedSize)) };
}

function sameRequest(stored: ReturnType<typeof storedEncryptionOf>, request: EncryptionRequest): boolean {
  if (stored?.kind !== request.kind) return false;
  return request.kind !== 'sse-kms' || stored.kmsKeyId === request.keyId;
}
