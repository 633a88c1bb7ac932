import { createHash } from 'node:crypto';
import { type ChunkSigning, chunkStringToSign, signString, trailerStringToSign } from './chunk-signature.js';
import { EMPTY_SHA256 } from './hashes.js';

export interface AwsChunkedEncodeOptions {
  /** Sign every chunk (and the trailers) chained from this seed; unsigned chunks without it. */
  readonly signing?: ChunkSigning;
  /** Trailing headers to send after the last chunk, e.g. { 'x-amz-checksum-crc32': 'EiniBA==' }. */
  readonly trailers?: Readonly<Record<string, string>>;
}

/**
 * Frames data as an aws-chunked body: each input buffer becomes one chunk, then the empty final chunk,
 * the trailers (with x-amz-trailer-signature when signing) and the closing CRLF. Yields wire bytes.
 */
export function* encodeAwsChunked(chunks: Iterable<Uint8Array>, options: AwsChunkedEncodeOptions = {}): Generator<Buffer> {
  const signing = options.signing;
  let previous = signing?.seedSignature ?? '';
  const header = (size: number, sha256: string): Buffer => {
    if (signing === undefined) return Buffer.from(`${size.toString(16)}\r\n`, 'latin1');
    previous = signString(signing.signingKey, chunkStringToSign(signing, previous, sha256));
    return Buffer.from(`${size.toString(16)};chunk-signature=${previous}\r\n`, 'latin1');
  };
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    yield header(chunk.length, createHash('sha256').update(chunk).digest('hex'));
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    yield Buffer.from('\r\n', 'latin1');
  }
  yield header(0, EMPTY_SHA256);
  const trailers = Object.entries(options.trailers ?? {});
  if (trailers.length > 0) {
    const lines = trailers.map(([n, v]) => `${n.toLowerCase()}:${v}\n`).join('');
    let text = lines.replace(/\n/g, '\r\n');
    if (signing !== undefined) {
      text += `x-amz-trailer-signature:${signString(signing.signingKey, trailerStringToSign(signing, previous, lines))}\r\n`;
    }
    yield Buffer.from(text, 'latin1');
  }
  yield Buffer.from('\r\n', 'latin1');
}
