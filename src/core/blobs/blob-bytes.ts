import type { CoreContext } from '../context.js';
import type { BlobOpener } from '../encryption/object-encryption.js';
import { openSealed } from '../encryption/open-sealed.js';
import { HEADER_BYTES, decodeHeader } from '../encryption/sealed-format.js';
import { isInlineBlobId } from '../ids.js';

/**
 * Bytes [offset, offset + length) of a blob, from its file or, for small bodies, from the metadata store.
 * With an opener the blob is sealed: the range is of its plaintext, read and checked package by package.
 */
export async function* blobBytes(
  ctx: CoreContext,
  blobId: string,
  offset: number,
  length: number,
  opener?: BlobOpener,
): AsyncIterable<Buffer> {
  if (length <= 0) return;
  if (opener === undefined) {
    yield* storedBytes(ctx, blobId, offset, length);
    return;
  }
  const headerChunks: Buffer[] = [];
  for await (const chunk of storedBytes(ctx, blobId, 0, HEADER_BYTES)) headerChunks.push(chunk);
  const header = decodeHeader(Buffer.concat(headerChunks));
  const dataKey = opener(header);
  yield* openSealed((o, l) => storedBytes(ctx, blobId, o, l), dataKey, header.noncePrefix, header.plainLength, offset, length);
}

async function* storedBytes(ctx: CoreContext, blobId: string, offset: number, length: number): AsyncIterable<Buffer> {
  if (!isInlineBlobId(blobId)) {
    yield* ctx.blobs.read(blobId, offset, length);
    return;
  }
  const data = await ctx.meta.readInlineBlob(blobId);
  if (data === undefined || data.length < offset + length) throw new Error(`inline blob ${blobId} is missing or short`);
  yield data.subarray(offset, offset + length);
}

/** Forgets a blob written for a request that did not commit: its file, if it has one. */
export async function discardBlob(ctx: CoreContext, blobId: string): Promise<void> {
  if (!isInlineBlobId(blobId)) await ctx.blobs.remove([blobId]);
}
