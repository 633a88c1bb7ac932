import type { ByteRangeRequest } from '../../core/objects/byte-range.js';
import type { ReadConditions } from '../../core/objects/read-conditions.js';
import type { WriteCondition } from '../../core/ports/metadata-store.js';

/**
 * If-* headers (or x-oss-copy-source-if-* with `prefix`), with ETags in the core's lower case; dates that
 * do not parse are ignored.
 */
export function readConditions(headers: Readonly<Record<string, string>>, prefix = ''): ReadConditions | undefined {
  const c: { -readonly [K in keyof ReadConditions]: ReadConditions[K] } = {};
  const ifMatch = headers[`${prefix}if-match`];
  const ifNoneMatch = headers[`${prefix}if-none-match`];
  const modified = parseHttpDate(headers[`${prefix}if-modified-since`]);
  const unmodified = parseHttpDate(headers[`${prefix}if-unmodified-since`]);
  if (ifMatch !== undefined) c.ifMatch = ifMatch.toLowerCase();
  if (ifNoneMatch !== undefined) c.ifNoneMatch = ifNoneMatch.toLowerCase();
  if (modified !== undefined) c.ifModifiedSince = modified;
  if (unmodified !== undefined) c.ifUnmodifiedSince = unmodified;
  return Object.keys(c).length === 0 ? undefined : c;
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `bytes=first-last`, `bytes=first-`, `bytes=-suffix`; anything else means the whole object, as OSS does. */
export function parseRange(value: string | undefined): { request: ByteRangeRequest; asked: string } | undefined {
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

/** `x-oss-forbid-overwrite: true`: the write may not replace an object. */
export function forbidOverwrite(headers: Readonly<Record<string, string>>): { condition?: WriteCondition } {
  return headers['x-oss-forbid-overwrite']?.trim().toLowerCase() === 'true' ? { condition: { ifNoneMatchAny: true } } : {};
}
