import type { CopySource } from './endpoint.js';
import { invalidArgument } from './query-reader.js';

const HEADER = 'x-amz-copy-source';

/**
 * Parses `x-amz-copy-source`: `[/]bucket/key[?versionId=id]`, URL-encoded. Bucket, key and version id
 * are decoded once and '+' stays a plus, as in request paths (Amazon's own example has version ids
 * with '+'); a '?' that belongs to the key arrives encoded as %3F.
 */
export function parseCopySource(value: string): CopySource {
  const invalid = () => invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', HEADER, value);
  const question = value.indexOf('?');
  const path = question < 0 ? value : value.slice(0, question);
  const query = question < 0 ? [] : value.slice(question + 1).split('&');
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) throw invalid();
  let bucket: string;
  let key: string;
  let versionIds: string[];
  try {
    bucket = decodeURIComponent(trimmed.slice(0, slash));
    key = decodeURIComponent(trimmed.slice(slash + 1));
    versionIds = query.filter((p) => p.startsWith('versionId=')).map((p) => decodeURIComponent(p.slice(10)));
  } catch {
    throw invalid();
  }
  if (versionIds.length > 1 || versionIds[0] === '') {
    throw invalidArgument('Invalid version id specified', HEADER, value);
  }
  const versionId = versionIds[0];
  return versionId === undefined ? { bucket, key } : { bucket, key, versionId };
}
