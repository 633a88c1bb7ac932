/** Reads a whole body into memory unless it exceeds `limit` bytes (then undefined; reading stops). */
export async function readSmallBody(body: AsyncIterable<Uint8Array | string>, limit: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += buf.length;
    if (total > limit) return undefined;
    parts.push(buf);
  }
  return Buffer.concat(parts, total);
}
