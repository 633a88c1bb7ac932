import type { ChecksumAlgorithm, ChecksumType } from '../../../core/types.js';
import { el, optionalEl, xmlDocument, type XmlChild, type XmlElement, type XmlScalar } from '../../common/xml.js';

/** Building blocks shared by the S3 response documents. */

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export interface S3Owner {
  /** Canonical id (the account id for Cairn). */
  readonly id: string;
  readonly displayName?: string;
}

/** base64 checksums by algorithm. */
export type S3Checksums = Readonly<Partial<Record<ChecksumAlgorithm, string>>>;

/** A response document: declaration, then the root in S3's namespace. */
export function s3Document(root: string, content: XmlScalar | readonly XmlChild[]): string {
  return xmlDocument(el(root, content, { xmlns: S3_NAMESPACE }));
}

/** ISO 8601 in UTC with milliseconds, as S3 writes times: 2019-12-11T23:32:47.000Z. */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** ETags travel quoted; the core keeps them bare. */
export function quotedEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

export function ownerElement(name: 'Owner' | 'Initiator', owner: S3Owner): XmlElement {
  return el(name, [el('ID', owner.id), optionalEl('DisplayName', owner.displayName)]);
}

const ALGORITHMS: readonly (readonly [ChecksumAlgorithm, string])[] = [
  ['crc32', 'CRC32'],
  ['crc32c', 'CRC32C'],
  ['crc64nvme', 'CRC64NVME'],
  ['sha1', 'SHA1'],
  ['sha256', 'SHA256'],
];

/** ChecksumCRC32, ChecksumCRC32C... for the checksums present, in S3's order. */
export function checksumElements(checksums: S3Checksums | undefined): XmlElement[] {
  if (checksums === undefined) return [];
  return ALGORITHMS.flatMap(([algorithm, name]) => {
    const value = checksums[algorithm];
    return value === undefined ? [] : [el(`Checksum${name}`, value)];
  });
}

export function checksumAlgorithmName(algorithm: ChecksumAlgorithm): string {
  return ALGORITHMS.find(([a]) => a === algorithm)?.[1] ?? algorithm.toUpperCase();
}

export function checksumTypeName(type: ChecksumType): 'COMPOSITE' | 'FULL_OBJECT' {
  return type === 'composite' ? 'COMPOSITE' : 'FULL_OBJECT';
}

export function optionalChecksumType(type: ChecksumType | undefined): XmlElement | undefined {
  return type === undefined ? undefined : el('ChecksumType', checksumTypeName(type));
}
