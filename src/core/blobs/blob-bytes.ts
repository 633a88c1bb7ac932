import type { CoreContext } from '../context.js';
import { isInlineBlobId } from '../ids.js';

/** Bytes [offset, offset + length) of a blob, from its file or, for small bodies, from the metadata store. */
export async function* blobBytes(ctx: CoreContext, blobId: string, offset: number, length: number): AsyncIterable<Buffer> {
  if (length <= 0) return;
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
