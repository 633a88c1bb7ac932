import type { ChecksumAlgorithm, ChecksumType, DigestName } from '../types.js';
import { crcCombine } from './crc-combine.js';
import { createDigester } from './digester.js';
import { crc32ToHex, crc64HexToDecimal, crc64ToHex, hexToBase64, hexToBytes } from './encoding.js';

/**
 * A multipart object's checksums, from the digests stored with its parts at upload time: complete never
 * reads the object's bytes again.
 */

/** S3 COMPOSITE: a checksum of the parts' checksums. S3 offers it for these algorithms only. */
export type CompositeChecksumAlgorithm = 'crc32' | 'crc32c' | 'sha1' | 'sha256';
/** S3 FULL_OBJECT: the checksum of the whole object's bytes, combined from the parts' CRCs. CRCs only. */
export type FullObjectChecksumAlgorithm = 'crc32' | 'crc32c' | 'crc64nvme';

/** A part's digest (lowercase hex, as stored) and its size in bytes. */
export interface PartDigest {
  readonly digestHex: string;
  readonly size: number;
}

const compositeAlgorithms: readonly ChecksumAlgorithm[] = ['crc32', 'crc32c', 'sha1', 'sha256'];
const fullObjectAlgorithms: readonly ChecksumAlgorithm[] = ['crc32', 'crc32c', 'crc64nvme'];

/** Whether S3 accepts this algorithm with this checksum type on a multipart upload. */
export function supportsMultipartChecksumType(algorithm: ChecksumAlgorithm, type: ChecksumType): boolean {
  return (type === 'composite' ? compositeAlgorithms : fullObjectAlgorithms).includes(algorithm);
}

const digestLengths = {
  md5: 16,
  sha1: 20,
  sha256: 32,
  crc32: 4,
  crc32c: 4,
  crc64nvme: 8,
  crc64ecma: 8,
  'sha256-tree': 32,
} as const satisfies Record<DigestName, number>;

/**
 * S3 COMPOSITE checksum: base64 of the algorithm applied to the concatenated raw part checksums, then `-N`
 * for N parts.
 */
export function compositeChecksum(algorithm: CompositeChecksumAlgorithm, partDigestsHex: readonly string[]): string {
  if (!compositeAlgorithms.includes(algorithm)) throw new RangeError(`${algorithm} has no composite checksum`);
  const checksum = hexToBase64(digestOfDigests(algorithm, partDigestsHex));
  return `${checksum}-${partDigestsHex.length}`;
}

/** S3 FULL_OBJECT checksum: base64 of the CRC of the whole object, combined from the parts' CRCs and sizes. */
export function fullObjectChecksum(algorithm: FullObjectChecksumAlgorithm, parts: readonly PartDigest[]): string {
  if (!fullObjectAlgorithms.includes(algorithm)) throw new RangeError(`${algorithm} has no full-object checksum`);
  return hexToBase64(combinedCrcHex(algorithm, parts));
}

/** The ETag of a multipart object, without quotes: hex of the MD5 of the concatenated raw part MD5s, `-N`. */
export function multipartEtag(partMd5sHex: readonly string[]): string {
  return `${digestOfDigests('md5', partMd5sHex)}-${partMd5sHex.length}`;
}

/** OSS `x-oss-hash-crc64ecma` of a multipart object: the CRC-64/XZ of the listed parts, in unsigned decimal. */
export function combinedCrc64Ecma(parts: readonly PartDigest[]): string {
  return crc64HexToDecimal(combinedCrcHex('crc64ecma', parts));
}

function digestOfDigests(algorithm: CompositeChecksumAlgorithm | 'md5', partDigestsHex: readonly string[]): string {
  if (partDigestsHex.length === 0) throw new RangeError('a multipart object has at least one part');
  const digester = createDigester([algorithm]);
  for (const hex of partDigestsHex) digester.update(checkedDigest(algorithm, hex));
  return digester.digest()[algorithm]!; // a digester answers every digest it was asked for
}

function combinedCrcHex(algorithm: FullObjectChecksumAlgorithm | 'crc64ecma', parts: readonly PartDigest[]): string {
  if (algorithm === 'crc32' || algorithm === 'crc32c') {
    let crc = 0; // the CRC of no bytes
    for (const part of parts) {
      crc = crcCombine(algorithm, crc, checkedDigest(algorithm, part.digestHex).readUInt32BE(0), part.size);
    }
    return crc32ToHex(crc);
  }
  let crc = 0n;
  for (const part of parts) {
    crc = crcCombine(algorithm, crc, checkedDigest(algorithm, part.digestHex).readBigUInt64BE(0), part.size);
  }
  return crc64ToHex(crc);
}

function checkedDigest(algorithm: DigestName, hex: string): Buffer {
  const bytes = hexToBytes(hex);
  if (bytes.length !== digestLengths[algorithm]) {
    throw new RangeError(`not a ${algorithm} digest: ${JSON.stringify(hex)}`);
  }
  return bytes;
}
