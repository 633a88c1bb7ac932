import type { ChecksumAlgorithm, ChecksumType } from '../../../core/types.js';
import { el } from '../../common/xml.js';
import {
  checksumAlgorithmName,
  checksumElements,
  isoTime,
  optionalChecksumType,
  ownerElement,
  quotedEtag,
  s3Document,
  type S3Checksums,
  type S3Owner,
} from './response-elements.js';

export interface ListedPart {
  readonly partNumber: number;
  readonly lastModified: number;
  readonly etag: string;
  readonly size: number;
  readonly checksums?: S3Checksums;
}

export interface ListPartsOutput {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  /** The marker the request gave (0 when none). */
  readonly partNumberMarker: number;
  /** The last part number listed, when any part was. */
  readonly nextPartNumberMarker?: number;
  readonly maxParts: number;
  readonly isTruncated: boolean;
  readonly parts: readonly ListedPart[];
  readonly initiator: S3Owner;
  readonly owner: S3Owner;
  readonly storageClass: string;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: ChecksumType;
}

/** `ListPartsResult`. */
export function renderListParts(output: ListPartsOutput): string {
  return s3Document('ListPartsResult', [
    el('Bucket', output.bucket),
    el('Key', output.key),
    el('UploadId', output.uploadId),
    el('PartNumberMarker', output.partNumberMarker),
    output.nextPartNumberMarker !== undefined && el('NextPartNumberMarker', output.nextPartNumberMarker),
    el('MaxParts', output.maxParts),
    el('IsTruncated', output.isTruncated),
    ...output.parts.map((part) =>
      el('Part', [
        el('PartNumber', part.partNumber),
        el('LastModified', isoTime(part.lastModified)),
        el('ETag', quotedEtag(part.etag)),
        el('Size', part.size),
        ...checksumElements(part.checksums),
      ]),
    ),
    ownerElement('Initiator', output.initiator),
    ownerElement('Owner', output.owner),
    el('StorageClass', output.storageClass),
    output.checksumAlgorithm !== undefined && el('ChecksumAlgorithm', checksumAlgorithmName(output.checksumAlgorithm)),
    optionalChecksumType(output.checksumType),
  ]);
}
