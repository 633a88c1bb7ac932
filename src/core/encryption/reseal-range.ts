import { discardBlob } from '../blobs/blob-bytes.js';
import type { CoreContext } from '../context.js';
import { ingestBody, type IngestedBody } from '../ingest/ingest-body.js';
import { readLayout } from '../objects/read-object.js';
import type { ObjectLayoutPart } from '../ports/metadata-store.js';
import type { DigestName } from '../types.js';
import type { BlobOpener } from './object-encryption.js';
import type { BlobSeal } from './package-sealer.js';

/**
 * Bytes [start, end] of a stored layout written again as a new blob: the copy path when source and
 * target are not encrypted under the same key. Streams: decrypts (if `opener`), hashes and re-seals (if
 * `seal`) in one pass. The caller pins the source's blobs and owns the new blob.
 */
export async function resealRange(
  ctx: CoreContext,
  layout: readonly ObjectLayoutPart[],
  range: { readonly start: number; readonly end: number },
  options: { readonly opener?: BlobOpener; readonly seal?: BlobSeal; readonly digests: readonly DigestName[]; readonly maxSize: number },
): Promise<IngestedBody> {
  const length = Math.max(0, range.end - range.start + 1);
  return ingestBody(
    ctx,
    { stream: length === 0 ? empty() : readLayout(ctx, layout, range.start, range.end, options.opener), length },
    { digests: options.digests, maxSize: options.maxSize, ...(options.seal === undefined ? {} : { seal: options.seal }) },
  );
}

export { discardBlob };

async function* empty(): AsyncIterable<Buffer> {
  // no bytes
}
