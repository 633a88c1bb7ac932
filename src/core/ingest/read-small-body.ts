import { createDigester } from '../checksums/digester.js';
import { StorageError } from '../errors.js';
import type { BodyInput } from './body-input.js';
import { DOCUMENT_WEIGHT, readBounded, requestBuffers, type RequestEnd } from './buffer-budget.js';
import { checkBody, checkLength, digestsToCheck } from './ingest-body.js';

/**
 * Reads a stream whole unless it exceeds `limit` bytes (then undefined, and reading stops there), within
 * the server's buffer budget (reserving the declared length, or `limit` when none is declared).
 */
export async function collectSmallBody(
  stream: AsyncIterable<Uint8Array | string>,
  limit: number,
  declared?: number,
): Promise<Buffer | undefined> {
  if (declared !== undefined && declared > limit) return undefined;
  const release = await requestBuffers.reserve(declared ?? limit);
  try {
    const parts: Buffer[] = [];
    let total = 0;
    for await (const chunk of stream) {
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

/**
 * The one reader of small request documents (XML, JSON): reads the body whole, up to `limit` bytes
 * (RequestBodyTooLarge beyond), with the checks every stored body gets: the declared length, the
 * client's digests (Content-MD5, checksums, also from trailers) and the signed payload hash. It reads
 * within the server's buffer budget, weighing the document as what it costs parsed (DOCUMENT_WEIGHT);
 * with `heldUntil` (the request's body stream) the reservation lasts until the request is over.
 */
export async function readSmallBody(body: BodyInput, limit: number, heldUntil?: RequestEnd): Promise<Buffer> {
  const bytes = await readBounded(body.stream, {
    limit,
    declared: body.length,
    tooLarge: () => tooLarge(limit),
    weight: DOCUMENT_WEIGHT,
    ...(heldUntil === undefined ? {} : { heldUntil }),
  });
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
