import { StorageError } from '../errors.js';

/** A single HTTP byte range as the client asked: `first-last`, `first-` or `-suffixLength`. */
export type ByteRangeRequest =
  { readonly kind: 'from'; readonly first: number; readonly last?: number } | { readonly kind: 'suffix'; readonly length: number };

export interface ResolvedRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/** Resolves a range against the object size; an unsatisfiable range is InvalidRange (416). */
export function resolveByteRange(range: ByteRangeRequest, size: number, asked: string): ResolvedRange {
  const unsatisfiable = () =>
    new StorageError('InvalidRange', 'The range is outside the object.', {
      RangeRequested: asked,
      ActualObjectSize: size,
    });
  if (range.kind === 'suffix') {
    if (range.length === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - range.length), end: size - 1 };
  }
  if (range.first >= size) throw unsatisfiable();
  const last = range.last === undefined ? size - 1 : Math.min(range.last, size - 1);
  return { start: range.first, end: last };
}
