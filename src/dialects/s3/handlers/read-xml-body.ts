import { payloadHashMismatch } from '../../../auth/index.js';
import { createDigester } from '../../../core/checksums/digester.js';
import { StorageError } from '../../../core/errors.js';
import { s3BodyInput } from '../headers/body-input.js';
import type { S3HandlerContext } from './handler-context.js';

/**
 * Reads a small XML request body (DeleteObjects, CompleteMultipartUpload...) up to `limit` bytes,
 * checking Content-MD5 and x-amz-checksum-* as for any body.
 */
export async function readXmlBody(
  h: S3HandlerContext,
  limit: number,
  options: { readonly checksumHeadersNameTheObject?: boolean } = {},
): Promise<string> {
  const input = s3BodyInput(h.req.headers, h.body(), options);
  if (input.length !== undefined && input.length > limit) throw tooLarge(limit);
  const expectedUpFront = input.expected?.() ?? {};
  const digester = createDigester([
    ...new Set(['md5' as const, 'sha256' as const, ...(input.announced ?? []), ...(Object.keys(expectedUpFront) as never[])]),
  ]);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input.stream) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    digester.update(chunk);
    chunks.push(Buffer.from(chunk));
  }
  const digests = digester.digest();
  if (input.payloadSha256 !== undefined && digests.sha256 !== input.payloadSha256.toLowerCase()) {
    throw payloadHashMismatch(input.payloadSha256, digests.sha256);
  }
  for (const [name, want] of Object.entries(input.expected?.() ?? {})) {
    if (want === undefined || digests[name as keyof typeof digests] === want) continue;
    if (name === 'md5') throw new StorageError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    throw new StorageError('ChecksumMismatch', `The ${name} you specified did not match the calculated checksum.`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(limit: number): StorageError {
  return new StorageError('RequestBodyTooLarge', 'Your request was too big.', { MaxMessageLengthBytes: limit });
}
