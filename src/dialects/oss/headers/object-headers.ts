import { crc64HexToDecimal } from '../../../core/checksums/encoding.js';
import { StorageError } from '../../../core/errors.js';
import type { NewObjectAttributes } from '../../../core/objects/put-object.js';
import type { ObjectRecord } from '../../../core/types.js';
import { ossStorageClassName, parseOssStorageClass } from './storage-class.js';

/** OSS's limit on the total size of x-oss-meta-* headers. */
const USER_METADATA_LIMIT = 8 * 1024;

/** Content headers, x-oss-meta-* and x-oss-storage-class of a write request. */
export function objectAttributesFromHeaders(headers: Readonly<Record<string, string>>): NewObjectAttributes {
  const userMetadata: Record<string, string> = {};
  let size = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-oss-meta-')) continue;
    const key = name.slice('x-oss-meta-'.length);
    userMetadata[key] = value;
    size += key.length + Buffer.byteLength(value);
  }
  if (size > USER_METADATA_LIMIT) {
    throw new StorageError('InvalidArgument', 'Your metadata headers exceed the maximum allowed metadata size.', {
      ArgumentName: 'x-oss-meta-*',
      ArgumentValue: String(size),
    });
  }
  const storageClass = parseOssStorageClass(headers['x-oss-storage-class']);
  return {
    userMetadata,
    ...(storageClass === undefined ? {} : { storageClass }),
    ...optional('contentType', headers['content-type']),
    ...optional('contentEncoding', headers['content-encoding']),
    ...optional('contentLanguage', headers['content-language']),
    ...optional('contentDisposition', headers['content-disposition']),
    ...optional('cacheControl', headers['cache-control']),
    ...optional('expires', headers.expires),
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** OSS ETags are quoted upper-case hex (`"5B3C…"`, `"1C78…-2"`); the core keeps lower-case. */
export function ossEtag(etag: string): string {
  return `"${etag.toUpperCase()}"`;
}

/** An ETag as a client sends it back, in the core's form: no quotes, lower case. */
export function coreEtag(value: string): string {
  return value.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** XML timestamps: oss2 insists on `.000Z`. */
export function ossTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000Z');
}

export type OssObjectType = 'Normal' | 'Multipart' | 'Appendable';

/** Appendable objects are marked in `extra` by AppendObject; multipart ones have parts; the rest are Normal. */
export function ossObjectType(object: ObjectRecord): OssObjectType {
  if (object.extra.ossObjectType === 'Appendable') return 'Appendable';
  return object.partsCount === null ? 'Normal' : 'Multipart';
}

/**
 * `x-oss-hash-crc64ecma`, the object's CRC-64/XZ in unsigned decimal, when the core knows it: objects and
 * uploads written through OSS compute it, multipart objects combine it from their parts at completion.
 * Objects written through S3 carry none, and the header is then left out (OSS clients skip their check).
 */
export function crc64Header(digests: ObjectRecord['digests']): Record<string, string> {
  const hex = digests.crc64ecma;
  return hex === undefined ? {} : { 'x-oss-hash-crc64ecma': crc64HexToDecimal(hex) };
}

/** The headers GET, HEAD and GetObjectMeta return for an object. */
export function objectResponseHeaders(object: ObjectRecord): Record<string, string> {
  const a = object.attributes;
  const type = ossObjectType(object);
  const h: Record<string, string> = {
    etag: ossEtag(object.etag),
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    'content-type': a.contentType ?? 'application/octet-stream',
    'x-oss-object-type': type,
    'x-oss-storage-class': ossStorageClassName(a.storageClass),
    ...crc64Header(object.digests),
  };
  if (type === 'Normal' && object.digests.md5 !== undefined) h['content-md5'] = Buffer.from(object.digests.md5, 'hex').toString('base64');
  if (type === 'Appendable') h['x-oss-next-append-position'] = String(object.size);
  if (a.contentEncoding !== undefined) h['content-encoding'] = a.contentEncoding;
  if (a.contentLanguage !== undefined) h['content-language'] = a.contentLanguage;
  if (a.contentDisposition !== undefined) h['content-disposition'] = a.contentDisposition;
  if (a.cacheControl !== undefined) h['cache-control'] = a.cacheControl;
  if (a.expires !== undefined) h.expires = a.expires;
  for (const [k, v] of Object.entries(a.userMetadata)) h[`x-oss-meta-${k}`] = v;
  return h;
}
