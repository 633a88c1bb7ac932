import { hexToBase64 } from '../../../core/checksums/encoding.js';
import type { ChecksumAlgorithm, Digests, ObjectChecksum } from '../../../core/types.js';
import { checksumAlgorithms } from '../../../core/types.js';

/** x-amz-checksum-<algorithm> and x-amz-checksum-type for an object's checksum. */
export function objectChecksumHeaders(checksum: ObjectChecksum | null): Record<string, string> {
  if (checksum === null) return {};
  return {
    [`x-amz-checksum-${checksum.algorithm}`]: checksum.value,
    'x-amz-checksum-type': checksum.type === 'composite' ? 'COMPOSITE' : 'FULL_OBJECT',
  };
}

/** A part read of a multipart object: the part's checksum of the object's algorithm, with the object's type. */
export function partChecksumOf(checksum: ObjectChecksum | null, digests: Digests): Record<string, string> {
  if (checksum === null) return {};
  const hex = digests[checksum.algorithm];
  if (hex === undefined) return {};
  return objectChecksumHeaders({ ...checksum, value: hexToBase64(hex) });
}

/** The checksums S3 echoes for a part: the ones the client sent or the upload asked for. */
export function partChecksumHeaders(
  digests: Digests,
  algorithms: readonly (ChecksumAlgorithm | null | undefined)[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of algorithms) {
    if (a === null || a === undefined) continue;
    const hex = digests[a];
    if (hex !== undefined) out[`x-amz-checksum-${a}`] = hexToBase64(hex);
  }
  return out;
}

/** Part checksums for XML documents (ListParts, CopyPartResult), keyed by algorithm, base64. */
export function partChecksums(digests: Digests, only?: ChecksumAlgorithm | null): Partial<Record<ChecksumAlgorithm, string>> {
  const out: Partial<Record<ChecksumAlgorithm, string>> = {};
  for (const a of checksumAlgorithms) {
    if (only !== undefined && only !== a) continue;
    const hex = digests[a];
    if (hex !== undefined) out[a] = hexToBase64(hex);
  }
  return out;
}

/** Which checksum algorithms a request's headers name (x-amz-checksum-* headers and trailers). */
export function clientChecksumAlgorithms(headers: Readonly<Record<string, string>>): ChecksumAlgorithm[] {
  const found = new Set<ChecksumAlgorithm>();
  for (const name of [...Object.keys(headers), ...(headers['x-amz-trailer'] ?? '').split(',').map((s) => s.trim().toLowerCase())]) {
    const m = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/.exec(name);
    if (m?.[1] !== undefined) found.add(m[1] as ChecksumAlgorithm);
  }
  return [...found];
}
