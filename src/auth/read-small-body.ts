import { requestBuffers } from '../core/ingest/buffer-budget.js';

/**
 * Reads a whole body into memory unless it exceeds `limit` bytes (then undefined; reading stops), within
 * the server's buffer budget (reserving the declared length, or `limit` when none is declared).
 */
export async function readSmallBody(
  body: AsyncIterable<Uint8Array | string>,
  limit: number,
  declared?: number,
): Promise<Buffer | undefined> {
  if (declared !== undefined && declared > limit) return undefined;
  const release = await requestBuffers.reserve(declared ?? limit);
  try {
    const parts: Buffer[] = [];
    let total = 0;
    for await (const chunk of body) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
      total += buf.length;
      if (total > limit) return undefined;
      parts.push(buf);
    }
    return Buffer.concat(parts, total);
  } finally {
    release();
  }
}
