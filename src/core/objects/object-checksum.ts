import { hexToBase64 } from '../checksums/encoding.js';
import { StorageError } from '../errors.js';
import type { ChecksumAlgorithm, DigestName, Digests, ObjectChecksum } from '../types.js';
import { checksumAlgorithms } from '../types.js';

/** The checksum algorithms among a set of digest names (a client names at most one). */
export function requestedChecksum(names: Iterable<DigestName>, algorithm: ChecksumAlgorithm | undefined): ChecksumAlgorithm | undefined {
  const found = new Set<ChecksumAlgorithm>();
  if (algorithm !== undefined) found.add(algorithm);
  for (const n of names) if ((checksumAlgorithms as readonly string[]).includes(n)) found.add(n as ChecksumAlgorithm);
  if (found.size > 1) {
    throw new StorageError('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }
  return [...found][0];
}

/** The whole-object checksum of bytes written in one request. */
export function singleObjectChecksum(algorithm: ChecksumAlgorithm | undefined, digests: Digests): ObjectChecksum | null {
  if (algorithm === undefined) return null;
  const hex = digests[algorithm];
  if (hex === undefined) return null;
  return { algorithm, type: 'full-object', value: hexToBase64(hex) };
}
