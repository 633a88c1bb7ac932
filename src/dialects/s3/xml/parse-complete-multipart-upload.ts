import type { ChecksumAlgorithm } from '../../../core/types.js';
import { childrenNamed, expectRoot, malformedXml, optionalChild, parseXml, requiredChild } from '../../common/xml.js';

export interface CompletedPartInput {
  readonly partNumber: number;
  /** As sent, quotes included when the client sent them; surrounding whitespace removed. */
  readonly etag: string;
  /** base64 checksums the client listed for this part. */
  readonly checksums: Readonly<Partial<Record<ChecksumAlgorithm, string>>>;
}

export interface CompleteMultipartUploadInput {
  /** In document order, which the core checks for InvalidPartOrder. */
  readonly parts: readonly CompletedPartInput[];
}

const CHECKSUM_ELEMENTS: readonly (readonly [string, ChecksumAlgorithm])[] = [
  ['ChecksumCRC32', 'crc32'],
  ['ChecksumCRC32C', 'crc32c'],
  ['ChecksumCRC64NVME', 'crc64nvme'],
  ['ChecksumSHA1', 'sha1'],
  ['ChecksumSHA256', 'sha256'],
];

/**
 * The body of CompleteMultipartUpload. No Part, a Part without PartNumber or ETag, or a PartNumber that
 * is not a number is MalformedXML, as S3 answers. Whether the numbers exist and ascend is the core's
 * to judge (InvalidPart, InvalidPartOrder).
 */
export function parseCompleteMultipartUpload(xml: string): CompleteMultipartUploadInput {
  const root = expectRoot(parseXml(xml), 'CompleteMultipartUpload');
  const parts = childrenNamed(root, 'Part').map((part): CompletedPartInput => {
    const number = requiredChild(part, 'PartNumber').text.trim();
    if (!/^[0-9]{1,9}$/.test(number)) throw malformedXml();
    const checksums: Partial<Record<ChecksumAlgorithm, string>> = {};
    for (const [element, algorithm] of CHECKSUM_ELEMENTS) {
      const value = optionalChild(part, element)?.text.trim();
      if (value !== undefined && value !== '') checksums[algorithm] = value;
    }
    return { partNumber: Number(number), etag: requiredChild(part, 'ETag').text.trim(), checksums };
  });
  if (parts.length === 0) throw malformedXml();
  return { parts };
}
