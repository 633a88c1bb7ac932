import { createHash } from 'node:crypto';
import { StorageError } from '../../../core/errors.js';
import type { BodyInput } from '../../../core/ingest/body-input.js';
import { DOCUMENT_WEIGHT, readBounded, type RequestEnd } from '../../../core/ingest/buffer-budget.js';
import { xmlText } from '../../common/xml.js';
import type { OssRequestBody } from './handler-context.js';

/** The core's view of an OSS body: its declared length and the Content-MD5 to check at the end. */
export function ossBodyInput(headers: Readonly<Record<string, string>>, body: OssRequestBody): BodyInput {
  const md5 = contentMd5Hex(headers);
  return {
    stream: body.stream,
    ...(body.length === undefined ? {} : { length: body.length }),
    ...(md5 === undefined ? {} : { expected: () => ({ md5 }) }),
  };
}

/** Content-MD5 as hex; a value that is not 16 bytes of base64 is InvalidDigest. */
export function contentMd5Hex(headers: Readonly<Record<string, string>>): string | undefined {
  const value = headers['content-md5'];
  if (value === undefined) return undefined;
  const v = value.trim();
  const bytes = /^[A-Za-z0-9+/]{22}==$/.test(v) ? Buffer.from(v, 'base64') : undefined;
  if (bytes?.length !== 16) throw new StorageError('InvalidDigest', 'The Content-MD5 you specified was invalid.', { 'Content-MD5': value });
  return bytes.toString('hex');
}

/** Reads a small body (XML documents) whole, up to `limit` bytes within the buffer budget until the request is over, checking Content-MD5 when sent. */
export async function readSmallBody(
  headers: Readonly<Record<string, string>>,
  body: OssRequestBody,
  limit: number,
  requestEnd: RequestEnd,
): Promise<string> {
  const md5 = contentMd5Hex(headers);
  const hash = createHash('md5');
  const bytes = await readBounded(body.stream, {
    limit,
    declared: body.length,
    tooLarge: () => tooLarge(limit),
    onChunk: (chunk) => hash.update(chunk),
    heldUntil: requestEnd,
    weight: DOCUMENT_WEIGHT,
  });
  if (md5 !== undefined && hash.digest('hex') !== md5) {
    throw new StorageError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
  }
  return xmlText(bytes);
}

function tooLarge(limit: number): StorageError {
  return new StorageError('RequestBodyTooLarge', 'Your request body is too large.', { MaxMessageLengthBytes: limit });
}
