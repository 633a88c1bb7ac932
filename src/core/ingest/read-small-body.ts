import { createDigester } from '../checksums/digester.js';
import { StorageError } from '../errors.js';
import type { BodyInput } from './body-input.js';
import { checkBody, checkLength, digestsToCheck } from './ingest-body.js';

/** Reads a stream whole unless it exceeds `limit` bytes (then undefined, and reading stops there). */
export async function collectSmallBody(stream: AsyncIterable<Uint8Array | string>, limit: number): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += buf.length;
    if (total > limit) return undefined;
    parts.push(buf);
  }
  return Buffer.concat(parts, total);
}

/**
 * The one reader of small request documents (XML, JSON): reads the body whole, up to `limit` bytes
 * (RequestBodyTooLarge beyond), with the checks every stored body gets: the declared length, the
 * client's digests (Content-MD5, checksums, also from trailers) and the signed payload hash.
 */
export async function readSmallBody(body: BodyInput, limit: number): Promise<Buffer> {
  if (body.length !== undefined && body.length > limit) throw tooLarge(limit);
  const bytes = await collectSmallBody(body.stream, limit);
  if (bytes === undefined) throw tooLarge(limit);
  checkLength(body, bytes.length);
  const names = digestsToCheck(body, []);
  if (names.length > 0) {
    const digester = createDigester(names);
    digester.update(bytes);
    checkBody(body, digester.digest());
  }
  return bytes;
}

function tooLarge(limit: number): StorageError {
  return new StorageError('RequestBodyTooLarge', `The request body is larger than ${limit} bytes.`, { MaxMessageLengthBytes: limit });
}
