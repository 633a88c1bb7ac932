import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import type { ObjectLayoutPart } from '../ports/metadata-store.js';
import type { Bucket, ObjectPartRecord, ObjectRecord } from '../types.js';
import { resolveByteRange, type ByteRangeRequest, type ResolvedRange } from './byte-range.js';
import { evaluateReadConditions, type ReadConditions } from './read-conditions.js';
import { sliceSegments } from './slice-segments.js';
import { blobBytes } from '../blobs/blob-bytes.js';
import { findVersion } from '../versions/find-version.js';
import { openerFor, storedEncryptionOf, type BlobOpener, type EncryptionKeys } from '../encryption/object-encryption.js';

export interface ReadObjectInput {
  readonly bucket: Bucket;
  readonly key: string;
  /** A version to read (null: the null version); absent: the current one. */
  readonly versionId?: string | null;
  readonly range?: { readonly request: ByteRangeRequest; readonly asked: string };
  readonly partNumber?: number;
  readonly conditions?: ReadConditions;
  /** The SSE-C key an SSE-C object needs (checked for HEAD too). */
  readonly keys?: EncryptionKeys;
}

export interface ObjectRead {
  readonly object: ObjectRecord;
  /** Present for range and part reads (HTTP 206). */
  readonly range?: ResolvedRange;
  /** The part a `partNumber` read selected, for a multipart object. */
  readonly part?: ObjectPartRecord;
  /** Streams the selected bytes; the blobs stay pinned until the stream ends or is abandoned. */
  readonly body: () => AsyncIterable<Buffer>;
}

/**
 * Resolves a GET or HEAD: the object, its conditions, the range or part, and a lazy body. HEAD never
 * calls `body`, so it never loads the object's layout unless a part number needs it.
 */
export async function readObject(ctx: CoreContext, input: ReadObjectInput): Promise<ObjectRead> {
  const object: ObjectRecord =
    input.versionId === undefined
      ? ((await ctx.meta.getObject(input.bucket.id, input.key)) ?? (await findVersion(ctx, input.bucket, input.key, undefined)))
      : await findVersion(ctx, input.bucket, input.key, input.versionId);
  // A part number past the last part is refused before the SSE-C key is asked for, as S3 does.
  if (input.partNumber !== undefined) checkPartNumber(object, input.partNumber);
  const opener = await openerFor(ctx, storedEncryptionOf(object.extra), input.keys);
  evaluateReadConditions(object, input.conditions);
  if (input.range !== undefined && input.partNumber !== undefined) {
    throw new StorageError('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter');
  }
  let range: ResolvedRange | undefined;
  let part: ObjectLayoutPart | undefined;
  if (input.partNumber !== undefined) ({ range, part } = await partRead(ctx, object, input.partNumber));
  else if (input.range !== undefined) range = resolveByteRange(input.range.request, object.size, input.range.asked);
  const start = range?.start ?? 0;
  const end = range === undefined ? (part === undefined ? object.size - 1 : -1) : range.end;
  const result: ObjectRead = { object, body: () => streamObject(ctx, input, object, start, end, opener) };
  return { ...result, ...(range === undefined ? {} : { range }), ...(part === undefined ? {} : { part }) };
}

/**
 * `?partNumber=N` reads the N-th part of the object in object order, whatever number it was uploaded
 * with: after a completion that listed parts 1 and 3, parts 1 and 2 are readable and 3 is past the end.
 * That is what S3's own transfer managers assume (they fetch parts 1 to x-amz-mp-parts-count), so every
 * part of a sparse completion stays reachable. An object written in one request has one part.
 */
async function partRead(
  ctx: CoreContext,
  object: ObjectRecord,
  partNumber: number,
): Promise<{ range?: ResolvedRange; part?: ObjectLayoutPart }> {
  checkPartNumber(object, partNumber);
  if (object.partsCount === null) return object.size === 0 ? {} : { range: { start: 0, end: object.size - 1 } };
  const part = (await ctx.meta.getObjectLayout(object.id))[partNumber - 1];
  if (part === undefined) throw new StorageError('InvalidPartNumber', 'The object has no such part.');
  if (part.size === 0) return { part };
  return { range: { start: part.offset, end: part.offset + part.size - 1 }, part };
}

function checkPartNumber(object: ObjectRecord, partNumber: number): void {
  const count = object.partsCount ?? 1;
  if (partNumber < 1 || partNumber > count) {
    throw new StorageError('InvalidPartNumber', 'The object has no such part.', {
      PartNumberRequested: partNumber,
      ActualPartCount: count,
    });
  }
}

async function* streamObject(
  ctx: CoreContext,
  input: ReadObjectInput,
  object: ObjectRecord,
  start: number,
  end: number,
  opener: BlobOpener | undefined,
): AsyncIterable<Buffer> {
  if (end < start) return;
  const layout = await ctx.meta.getObjectLayout(object.id);
  const release = ctx.pins.pin(layout.flatMap((p) => p.segments.map((s) => s.blobId)));
  try {
    // The object may have been replaced between reading its record and pinning its blobs.
    const current =
      input.versionId === undefined
        ? await ctx.meta.getObject(input.bucket.id, input.key)
        : await ctx.meta.getObjectVersion(input.bucket.id, input.key, input.versionId);
    if (current?.id !== object.id) throw noSuchKey(input.key);
    yield* readLayout(ctx, layout, start, end, opener);
  } finally {
    release();
  }
}

/** Yields object bytes [start, end] from the parts' segments. */
export async function* readLayout(
  ctx: CoreContext,
  layout: readonly ObjectLayoutPart[],
  start: number,
  end: number,
  opener?: BlobOpener,
): AsyncIterable<Buffer> {
  for (const seg of sliceSegments(layout, start, end)) yield* blobBytes(ctx, seg.blobId, seg.blobOffset, seg.length, opener);
}

function noSuchKey(key: string): StorageError {
  return new StorageError('NoSuchKey', 'The object does not exist.', { Key: key });
}
