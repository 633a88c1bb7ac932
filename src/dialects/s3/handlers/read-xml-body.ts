import { payloadHashMismatch } from '../../../auth/index.js';
import { createDigester } from '../../../core/checksums/digester.js';
import { StorageError } from '../../../core/errors.js';
import { DOCUMENT_WEIGHT, readBounded } from '../../../core/ingest/buffer-budget.js';
import { xmlText } from '../../common/xml.js';
import { s3BodyInput } from '../headers/body-input.js';
import type { S3HandlerContext } from './handler-context.js';

/**
 * Reads a small XML request body (DeleteObjects, CompleteMultipartUpload...) up to `limit` bytes within
 * the server's buffer budget, checking Content-MD5 and x-amz-checksum-* as for any body. Invalid UTF-8 is
 * MalformedXML.
 */
export async function readXmlBody(h: S3HandlerContext, limit: number): Promise<string> {
  const input = s3BodyInput(h.req.headers, h.body());
  const expectedUpFront = input.expected?.() ?? {};
  const digester = createDigester([
    ...new Set(['md5' as const, 'sha256' as const, ...(input.announced ?? []), ...(Object.keys(expectedUpFront) as never[])]),
  ]);
  const bytes = await readBounded(input.stream, {
    limit,
    declared: input.length,
    tooLarge: () => tooLarge(limit),
    onChunk: (chunk) => digester.update(chunk),
    heldUntil: h.req.body,
    weight: DOCUMENT_WEIGHT,
  });
  const digests = digester.digest();
  if (input.payloadSha256 !== undefined && digests.sha256 !== input.payloadSha256.toLowerCase()) {
    throw payloadHashMismatch(input.payloadSha256, digests.sha256);
  }
  for (const [name, want] of Object.entries(input.expected?.() ?? {})) {
    if (want === undefined || digests[name as keyof typeof digests] === want) continue;
    if (name === 'md5') throw new StorageError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    throw new StorageError('ChecksumMismatch', `The ${name} you specified did not match the calculated checksum.`);
  }
  return xmlText(bytes);
}

function tooLarge(limit: number): StorageError {
  return new StorageError('RequestBodyTooLarge', 'Your request was too big.', { MaxMessageLengthBytes: limit });
}
