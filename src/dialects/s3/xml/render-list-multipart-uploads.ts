import type { ChecksumAlgorithm, ChecksumType } from '../../../core/types.js';
import { el, optionalEl } from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { encodeListValue } from './encode-list-value.js';
import { commonPrefixElements } from './listed-object.js';
import { checksumAlgorithmName, isoTime, optionalChecksumType, ownerElement, s3Document, type S3Owner } from './response-elements.js';

export interface ListedUpload {
  readonly key: string;
  readonly uploadId: string;
  readonly initiator: S3Owner;
  readonly owner: S3Owner;
  readonly storageClass: string;
  readonly initiated: number;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: ChecksumType;
}

export interface ListMultipartUploadsOutput {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  readonly uploadIdMarker?: string;
  /** Where to resume when truncated: the last upload (or common prefix) listed. */
  readonly nextKeyMarker?: string;
  readonly nextUploadIdMarker?: string;
  readonly maxUploads: number;
  readonly isTruncated: boolean;
  readonly encodingType?: EncodingType;
  readonly uploads: readonly ListedUpload[];
  readonly commonPrefixes: readonly string[];
}

/**
 * `ListMultipartUploadsResult`. The four markers are always written, empty when absent, as S3 does.
 * encoding-type=url applies to Prefix, Delimiter, KeyMarker, NextKeyMarker and Key.
 */
export function renderListMultipartUploads(output: ListMultipartUploadsOutput): string {
  const enc = (value: string) => encodeListValue(value, output.encodingType);
  return s3Document('ListMultipartUploadsResult', [
    el('Bucket', output.bucket),
    el('KeyMarker', enc(output.keyMarker ?? '')),
    el('UploadIdMarker', output.uploadIdMarker ?? ''),
    el('NextKeyMarker', enc(output.nextKeyMarker ?? '')),
    el('NextUploadIdMarker', output.nextUploadIdMarker ?? ''),
    output.delimiter !== undefined && el('Delimiter', enc(output.delimiter)),
    el('Prefix', enc(output.prefix)),
    el('MaxUploads', output.maxUploads),
    optionalEl('EncodingType', output.encodingType),
    el('IsTruncated', output.isTruncated),
    ...output.uploads.map((upload) =>
      el('Upload', [
        el('Key', enc(upload.key)),
        el('UploadId', upload.uploadId),
        ownerElement('Initiator', upload.initiator),
        ownerElement('Owner', upload.owner),
        el('StorageClass', upload.storageClass),
        el('Initiated', isoTime(upload.initiated)),
        upload.checksumAlgorithm !== undefined && el('ChecksumAlgorithm', checksumAlgorithmName(upload.checksumAlgorithm)),
        optionalChecksumType(upload.checksumType),
      ]),
    ),
    ...commonPrefixElements(output.commonPrefixes, output.encodingType),
  ]);
}
