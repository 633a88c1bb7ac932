import type { ByteRangeRequest } from '../../core/objects/byte-range.js';
import type { ReadConditions } from '../../core/objects/read-conditions.js';

/**
 * If-* headers (or x-amz-copy-source-if-* / x-oss-copy-source-if-* with `prefix`); dates that do not parse
 * are ignored, as S3 and OSS do. `etag` maps the wire's entity tags onto the core's (OSS writes them upper case).
 */
export function readConditions(
  headers: Readonly<Record<string, string>>,
  prefix = '',
  etag: (value: string) => string = (v) => v,
): ReadConditions | undefined {
  const c: { -readonly [K in keyof ReadConditions]: ReadConditions[K] } = {};
  const ifMatch = headers[`${prefix}if-match`];
  const ifNoneMatch = headers[`${prefix}if-none-match`];
  const modified = parseHttpDate(headers[`${prefix}if-modified-since`]);
  const unmodified = parseHttpDate(headers[`${prefix}if-unmodified-since`]);
  if (ifMatch !== undefined) c.ifMatch = etag(ifMatch);
  if (ifNoneMatch !== undefined) c.ifNoneMatch = etag(ifNoneMatch);
  if (modified !== undefined) c.ifModifiedSince = modified;
  if (unmodified !== undefined) c.ifUnmodifiedSince = unmodified;
  return Object.keys(c).length === 0 ? undefined : c;
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `bytes=first-last`, `bytes=first-`, `bytes=-suffix`. Anything else (several ranges too) means the whole object, as S3 and OSS do. */
export function parseRangeHeader(value: string | undefined): { request: ByteRangeRequest; asked: string } | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(value);
  if (m === null) return undefined;
  const [, first = '', last = ''] = m;
  if (first === '' && last === '') return undefined;
  if (first === '') return { request: { kind: 'suffix', length: Number(last) }, asked: value };
  if (last !== '' && Number(last) < Number(first)) return undefined;
  return {
    request: last === '' ? { kind: 'from', first: Number(first) } : { kind: 'from', first: Number(first), last: Number(last) },
    asked: value,
  };
}
