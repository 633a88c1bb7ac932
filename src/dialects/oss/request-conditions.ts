import type { ReadConditions } from '../../core/objects/read-conditions.js';
import type { WriteCondition } from '../../core/types.js';
import { readConditions as readHttpConditions } from '../common/http-conditions.js';

export { parseRangeHeader as parseRange } from '../common/http-conditions.js';

/** If-* headers (or x-oss-copy-source-if-* with `prefix`), with ETags in the core's lower case. */
export function readConditions(headers: Readonly<Record<string, string>>, prefix = ''): ReadConditions | undefined {
  return readHttpConditions(headers, prefix, (v) => v.toLowerCase());
}

/** `x-oss-forbid-overwrite: true`: the write may not replace an object. */
export function forbidOverwrite(headers: Readonly<Record<string, string>>): { condition?: WriteCondition } {
  return headers['x-oss-forbid-overwrite']?.trim().toLowerCase() === 'true' ? { condition: { ifNoneMatchAny: true } } : {};
}
