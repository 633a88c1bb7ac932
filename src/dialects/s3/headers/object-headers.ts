import { StorageError } from '../../../core/errors.js';
import type { NewObjectAttributes } from '../../../core/objects/put-object.js';
import type { ObjectRecord } from '../../../core/types.js';
import { parseS3StorageClass, s3StorageClassName } from './storage-class.js';

const USER_METADATA_LIMIT = 2048;

/** Content headers, x-amz-meta-* and x-amz-storage-class of a write request. */
export function objectAttributesFromHeaders(headers: Readonly<Record<string, string>>): NewObjectAttributes {
  const userMetadata: Record<string, string> = {};
  let metadataSize = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-')) continue;
    const key = name.slice('x-amz-meta-'.length);
    userMetadata[key] = value;
    metadataSize += key.length + Buffer.byteLength(value);
  }
  if (metadataSize > USER_METADATA_LIMIT) {
    throw new StorageError('InvalidArgument', 'Your metadata headers exceed the maximum allowed metadata size.', {
      Size: metadataSize,
      MaxSizeAllowed: USER_METADATA_LIMIT,
    });
  }
  const storageClass = parseS3StorageClass(headers['x-amz-storage-class']);
  const encoding = contentEncoding(headers['content-encoding']);
  return {
    userMetadata,
    ...(storageClass === undefined ? {} : { storageClass }),
    ...optional('contentType', headers['content-type']),
    ...optional('contentEncoding', encoding),
    ...optional('contentLanguage', headers['content-language']),
    ...optional('contentDisposition', headers['content-disposition']),
    ...optional('cacheControl', headers['cache-control']),
    ...optional('expires', headers.expires),
  };
}

/** aws-chunked is a transfer detail, not part of the object's encoding. */
function contentEncoding(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const rest = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '' && v.toLowerCase() !== 'aws-chunked');
  return rest.length === 0 ? undefined : rest.join(', ');
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

export function quoteEtag(etag: string): string {
  return `"${etag}"`;
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The headers GET and HEAD return for an object. */
export function objectResponseHeaders(object: ObjectRecord): Record<string, string> {
  const a = object.attributes;
  const h: Record<string, string> = {
    etag: quoteEtag(object.etag),
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    'content-type': a.contentType ?? 'binary/octet-stream',
  };
  if (a.contentEncoding !== undefined) h['content-encoding'] = a.contentEncoding;
  if (a.contentLanguage !== undefined) h['content-language'] = a.contentLanguage;
  if (a.contentDisposition !== undefined) h['content-disposition'] = a.contentDisposition;
  if (a.cacheControl !== undefined) h['cache-control'] = a.cacheControl;
  if (a.expires !== undefined) h.expires = a.expires;
  for (const [k, v] of Object.entries(a.userMetadata)) h[`x-amz-meta-${k}`] = v;
  if (a.storageClass !== 'standard') h['x-amz-storage-class'] = s3StorageClassName(a.storageClass);
  return h;
}
