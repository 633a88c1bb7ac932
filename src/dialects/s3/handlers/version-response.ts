import type { Bucket } from '../../../core/types.js';

/** x-amz-copy-source-version-id: the source version a copy read, on a versioned or suspended source bucket. */
export function copySourceVersionHeader(source: Bucket, versionId: string | null): Record<string, string> {
  if (versionId === null && source.versioning === 'unversioned') return {};
  return { 'x-amz-copy-source-version-id': versionId ?? 'null' };
}
