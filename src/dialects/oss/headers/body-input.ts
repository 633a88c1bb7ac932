import { createHash } from 'node:crypto';
import { StorageError } from '../../../core/errors.js';
import type { BodyInput } from '../../../core/ingest/body-input.js';
import type { OssRequestBody } from '../handlers/handler-context.js';

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

/** Reads a small body (XML documents) whole, up to `limit` bytes, checking Content-MD5 when sent. */
export async function readSmallBody(headers: Readonly<Record<string, string>>, body: OssRequestBody, limit: number): Promise<string> {
  if (body.length !== undefined && body.length > limit) throw tooLarge(limit);
  const md5 = contentMd5Hex(headers);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body.stream) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(Buffer.from(chunk));
  }
  const bytes = Buffer.concat(chunks);
  if (md5 !== undefined) {
    if (createHash('md5').update(bytes).digest('hex') !== md5) {
      throw new StorageError('BadDigest', 'The Content-MD5 you specified did not match what we received.');
    }
  }
  return bytes.toString('utf8');
}

function tooLarge(limit: number): StorageError {
  return new StorageError('RequestBodyTooLarge', 'Your request body is too large.', { MaxMessageLengthBytes: limit });
}
