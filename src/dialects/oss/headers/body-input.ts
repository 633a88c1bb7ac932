import { StorageError } from '../../../core/errors.js';
import type { BodyInput } from '../../../core/ingest/body-input.js';
import type { RequestEnd } from '../../../core/ingest/buffer-budget.js';
import { readSmallBody } from '../../../core/ingest/read-small-body.js';
import { xmlText } from '../../common/xml.js';
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

/**
 * A small XML request document, up to `limit` bytes, read by the core's one reader (Content-MD5 checked).
 * It stays in the buffer budget until `requestEnd` (the request's body stream) closes; invalid UTF-8 is
 * MalformedXML.
 */
export async function readXmlBody(
  headers: Readonly<Record<string, string>>,
  body: OssRequestBody,
  limit: number,
  requestEnd: RequestEnd,
): Promise<string> {
  return xmlText(await readSmallBody(ossBodyInput(headers, body), limit, requestEnd));
}
