import { storedEncryptionOf, withStoredEncryption } from '../encryption/object-encryption.js';
import { createHash } from 'node:crypto';
import { base64ToHex } from '../checksums/encoding.js';
import { combinedCrc64Ecma, compositeChecksum, fullObjectChecksum, multipartEtag } from '../checksums/multipart-checksum.js';
import { crc64DecimalToHex } from '../checksums/encoding.js';
import { treeHashFromHashes, treeHashLeafSize } from '../checksums/tree-hash.js';
import type { CoreContext } from '../context.js';
import { StorageError, isStorageError } from '../errors.js';
import { reapGarbage } from '../maintenance/reap-garbage.js';
import { normalizeEtag } from '../objects/read-conditions.js';
import { checkWriteConditionNow, commitConditionally } from '../objects/write-condition.js';
import type { WriteCondition } from '../ports/metadata-store.js';
import type { Bucket, ChecksumAlgorithm, CompletedUpload, Digests, ObjectChecksum, ObjectTag, PartRecord, UploadRecord } from '../types.js';
import { lockForNewVersion, type RequestedLock } from '../objects/object-lock.js';
import { findUpload, noSuchUpload } from './find-upload.js';

export interface CompletePartInput {
  readonly partNumber: number;
  readonly etag: string;
  /** Checksums the client lists for the part, base64. */
  readonly checksums?: Partial<Record<ChecksumAlgorithm, string>>;
}

export interface CompleteUploadInput {
  readonly bucket: Bucket;
  readonly key: string;
  readonly uploadId: string;
  /** In the order the client listed them. */
  readonly parts: readonly CompletePartInput[];
  /** Use every uploaded part in part-number order (OSS x-oss-complete-all). */
  readonly completeAll?: boolean;
  /** A whole-object checksum the client asserts (x-amz-checksum-* on the complete request), base64. */
  readonly expectedChecksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
  readonly condition?: WriteCondition;
  /** The dialect's minimum size of every part but the last (OSS 100 KB); defaults to the server's limit. */
  readonly minPartSize?: number;
}

export interface CompleteUploadResult extends CompletedUpload {
  /** True when this answers a retry of a completion that already happened. */
  readonly repeated: boolean;
  readonly upload: UploadRecord;
}

/**
 * Completes an upload by writing the object's manifest from the chosen parts in one transaction: no byte
 * is copied or re-read, so the cost grows with the number of parts, not their size. A retry with the
 * same part list after success returns the same answer.
 */
export async function completeUpload(ctx: CoreContext, input: CompleteUploadInput): Promise<CompleteUploadResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await completeOnce(ctx, input);
    } catch (error) {
      // A chosen part was uploaded again between validation and commit: validate afresh.
      if (attempt < 3 && isStorageError(error, 'InvalidPart') && error.details.conflict === 1) continue;
      throw error;
    }
  }
}

async function completeOnce(ctx: CoreContext, input: CompleteUploadInput): Promise<CompleteUploadResult> {
  const upload = await findUpload(ctx, input.bucket, input.key, input.uploadId);
  if (upload === undefined) throw noSuchUpload(input.uploadId);
  if (upload.state !== 'active') return repeatedCompletion(upload, input);
  await checkWriteConditionNow(ctx, input.bucket, upload.key, input.condition);

  const stored = await ctx.meta.listParts(upload.id, 0, ctx.limits.maxParts + 1);
  const listed = input.completeAll === true ? stored.map((p) => ({ partNumber: p.partNumber, etag: p.etag })) : input.parts;
  if (listed.length === 0) {
    throw new StorageError('MalformedXML', 'The completion lists no parts.');
  }
  const chosen = choosePart(input.minPartSize ?? ctx.limits.minPartSize, upload, listed, stored);
  const size = chosen.reduce((n, p) => n + p.size, 0);
  if (size > ctx.limits.maxObjectSize) {
    throw new StorageError('EntityTooLarge', 'The object would be larger than the limit.', {
      ProposedSize: size,
      MaxSizeAllowed: ctx.limits.maxObjectSize,
    });
  }
  const checksum = objectChecksum(upload, chosen);
  if (input.expectedChecksum !== undefined) verifyExpected(input.expectedChecksum, checksum);
  const fingerprint = partListFingerprint(listed);
  const lock = await lockForNewVersion(ctx, input.bucket, upload.extra.objectLock as RequestedLock | undefined);
  const tags = (upload.extra.objectTags as ObjectTag[] | undefined) ?? [];
  const outcome = await commitConditionally(input.condition, () =>
    ctx.meta.completeUpload({
      uploadId: upload.id,
      parts: chosen.map((p) => ({ partNumber: p.partNumber, partId: p.id })),
      object: {
        size,
        etag: multipartEtag(chosen.map((p) => p.etag)),
        attributes: upload.attributes,
        partsCount: chosen.length,
        checksum,
        digests: combinedDigests(chosen),
        extra: withStoredEncryption(
          upload.extra.objectExtra !== undefined ? (upload.extra.objectExtra as Record<string, unknown>) : {},
          storedEncryptionOf(upload.extra),
        ),
        tags,
        lock,
      },
      partListFingerprint: fingerprint,
      now: ctx.clock(),
      ...(input.condition === undefined ? {} : { condition: input.condition }),
    }),
  ).catch((error: unknown) => {
    if (isStorageError(error, 'InvalidPart')) throw new StorageError('InvalidPart', error.message, { ...error.details, conflict: 1 });
    throw error;
  });
  if (outcome.outcome === 'not-active') {
    if (outcome.upload === undefined) throw noSuchUpload(input.uploadId);
    return repeatedCompletion(outcome.upload, input);
  }
  await reapGarbage(ctx);
  const result = outcome.upload.result;
  if (result === null) throw new StorageError('InternalError', 'completed upload has no result');
  return { ...result, repeated: false, upload: outcome.upload };
}

function repeatedCompletion(upload: UploadRecord, input: CompleteUploadInput): CompleteUploadResult {
  const listed = input.parts;
  if (upload.state === 'completed' && upload.result !== null && input.completeAll !== true) {
    if (upload.result.partListFingerprint === partListFingerprint(listed)) {
      return { ...upload.result, repeated: true, upload };
    }
  }
  throw noSuchUpload(input.uploadId);
}

/** Validates the listed parts against the stored ones, in S3's order of checks. */
function choosePart(
  minPartSize: number,
  upload: UploadRecord,
  listed: readonly CompletePartInput[],
  stored: readonly PartRecord[],
): PartRecord[] {
  const byNumber = new Map(stored.map((p) => [p.partNumber, p]));
  let previous = 0;
  for (const p of listed) {
    if (p.partNumber < previous) {
      throw new StorageError('InvalidPartOrder', 'The parts are not listed in ascending order.', {
        UploadId: upload.id,
      });
    }
    previous = p.partNumber;
  }
  // A part number listed more than once (a part sent again, each send's ETag listed as it finished): the
  // last entry counts, as the last finished send is the part S3 keeps.
  const effective = listed.filter((p, i) => listed[i + 1]?.partNumber !== p.partNumber);
  const chosen: PartRecord[] = [];
  for (const p of effective) {
    const part = byNumber.get(p.partNumber);
    if (part === undefined || normalizeEtag(p.etag) !== part.etag) throw invalidPart(upload, p);
    verifyListedChecksums(upload, p, part);
    chosen.push(part);
  }
  chosen.forEach((part, i) => {
    if (i < chosen.length - 1 && part.size < minPartSize) {
      throw new StorageError('EntityTooSmall', 'A part other than the last is smaller than the minimum part size.', {
        ProposedSize: part.size,
        MinSizeAllowed: minPartSize,
        PartNumber: part.partNumber,
        ETag: `"${part.etag}"`,
      });
    }
  });
  return chosen;
}

/**
 * A checksum listed for a part must be the part's. A part listed without one uses the checksum recorded
 * when it was uploaded (every part of an upload with an algorithm has one), as ceph/s3-tests expects of S3.
 */
function verifyListedChecksums(upload: UploadRecord, listed: CompletePartInput, part: PartRecord): void {
  for (const [name, value] of Object.entries(listed.checksums ?? {}) as [ChecksumAlgorithm, string | undefined][]) {
    if (value === undefined) continue;
    const have = part.digests[name];
    if (have === undefined || base64HexOrUndefined(value) !== have) throw invalidPart(upload, listed);
  }
}

function base64HexOrUndefined(value: string): string | undefined {
  try {
    return base64ToHex(value);
  } catch {
    return undefined;
  }
}

function invalidPart(upload: UploadRecord, p: CompletePartInput): StorageError {
  return new StorageError('InvalidPart', 'A listed part was not uploaded, or its entity tag does not match.', {
    UploadId: upload.id,
    PartNumber: p.partNumber,
    ETag: p.etag,
  });
}

function objectChecksum(upload: UploadRecord, parts: readonly PartRecord[]): ObjectChecksum | null {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === null) return null;
  const hexes: string[] = [];
  for (const p of parts) {
    const hex = p.digests[algorithm];
    if (hex === undefined) return null;
    hexes.push(hex);
  }
  if (upload.checksumType === 'full-object') {
    if (algorithm === 'sha1' || algorithm === 'sha256') return null;
    const value = fullObjectChecksum(
      algorithm,
      parts.map((p, i) => ({ digestHex: hexes[i] ?? '', size: p.size })),
    );
    return { algorithm, type: 'full-object', value };
  }
  if (algorithm === 'crc64nvme') return null;
  return { algorithm, type: 'composite', value: compositeChecksum(algorithm, hexes) };
}

function verifyExpected(expected: { algorithm: ChecksumAlgorithm; value: string }, actual: ObjectChecksum | null): void {
  const bare = actual?.value.replace(/-\d+$/, '');
  const want = expected.value.replace(/-\d+$/, '');
  if (actual === null || actual.algorithm !== expected.algorithm || bare !== want) {
    throw new StorageError('ChecksumMismatch', `The object does not match its ${expected.algorithm} checksum.`, {
      Algorithm: expected.algorithm,
      Expected: expected.value,
      Calculated: actual?.value,
    });
  }
}

/** Whole-object digests that combine from the parts' (OSS's CRC-64, Glacier's tree hash of the object). */
function combinedDigests(parts: readonly PartRecord[]): Digests {
  const digests: Digests = {};
  if (parts.every((p) => p.digests.crc64ecma !== undefined)) {
    const decimal = combinedCrc64Ecma(parts.map((p) => ({ digestHex: p.digests.crc64ecma ?? '', size: p.size })));
    digests.crc64ecma = crc64DecimalToHex(decimal);
  }
  if (parts.every((p) => p.digests['sha256-tree'] !== undefined) && treeComposable(parts)) {
    digests['sha256-tree'] = treeHashFromHashes(parts.map((p) => Buffer.from(p.digests['sha256-tree'] ?? '', 'hex'))).toString('hex');
  }
  return digests;
}

/**
 * Part tree hashes combine into the object's only when each part is one subtree of the object's tree:
 * every part but the last of one size that is 1 MiB × 2^k, and the last no larger.
 */
function treeComposable(parts: readonly PartRecord[]): boolean {
  const first = parts[0];
  if (first === undefined) return false;
  if (parts.length === 1) return true;
  const leaves = first.size / treeHashLeafSize;
  if (!Number.isInteger(leaves) || (leaves & (leaves - 1)) !== 0) return false;
  return parts.every((p, i) => (i < parts.length - 1 ? p.size === first.size : p.size > 0 && p.size <= first.size));
}

export function partListFingerprint(parts: readonly CompletePartInput[]): string {
  const canonical = JSON.stringify(parts.map((p) => [p.partNumber, normalizeEtag(p.etag)]));
  return createHash('sha256').update(canonical).digest('hex');
}
