import { StorageError } from '../errors.js';
import type { ObjectRecord } from '../types.js';

/** HTTP conditional request headers, parsed (dates as ms since the epoch). */
export interface ReadConditions {
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly ifModifiedSince?: number;
  readonly ifUnmodifiedSince?: number;
}

/**
 * RFC 9110 evaluation as S3 does it: If-Match decides over If-Unmodified-Since, If-None-Match over
 * If-Modified-Since. Fails with PreconditionFailed (412) or NotModified (304).
 */
export function evaluateReadConditions(object: ObjectRecord, c: ReadConditions | undefined): void {
  if (c === undefined) return;
  const seconds = Math.floor(object.lastModified / 1000);
  if (c.ifMatch !== undefined) {
    if (!etagListMatches(c.ifMatch, object.etag)) throw preconditionFailed('If-Match');
  } else if (c.ifUnmodifiedSince !== undefined && seconds > Math.floor(c.ifUnmodifiedSince / 1000)) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  if (c.ifNoneMatch !== undefined) {
    if (etagListMatches(c.ifNoneMatch, object.etag)) throw notModified(object);
  } else if (c.ifModifiedSince !== undefined && seconds <= Math.floor(c.ifModifiedSince / 1000)) {
    throw notModified(object);
  }
}

/** `*`, or a comma-separated list of quoted or bare (optionally weak) entity tags. */
export function etagListMatches(list: string, etag: string): boolean {
  const trimmed = list.trim();
  if (trimmed === '*') return true;
  return trimmed.split(',').some((item) => normalizeEtag(item) === etag);
}

export function normalizeEtag(value: string): string {
  let v = value.trim();
  if (v.startsWith('W/')) v = v.slice(2);
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  return v;
}

function preconditionFailed(condition: string): StorageError {
  return new StorageError('PreconditionFailed', 'A condition of the request does not hold.', {
    Condition: condition,
  });
}

function notModified(object: ObjectRecord): StorageError {
  return new StorageError('NotModified', 'The object was not modified.', {
    ETag: object.etag,
    LastModified: object.lastModified,
  });
}
