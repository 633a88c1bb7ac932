import type { ChecksumType } from '../../../core/types.js';
import { el } from '../../common/xml.js';
import { checksumElements, optionalChecksumType, quotedEtag, s3Document, type S3Checksums } from './response-elements.js';

export interface CompleteMultipartUploadOutput {
  /** URL of the new object, its key percent-encoded (http://host/bucket/key or http://bucket.host/key). */
  readonly location: string;
  readonly bucket: string;
  readonly key: string;
  /** `md5-of-md5s-N`, bare or quoted; written quoted. */
  readonly etag: string;
  readonly checksums?: S3Checksums;
  readonly checksumType?: ChecksumType;
}

/** `CompleteMultipartUploadResult`. */
export function renderCompleteMultipartUpload(output: CompleteMultipartUploadOutput): string {
  return s3Document('CompleteMultipartUploadResult', [
    el('Location', output.location),
    el('Bucket', output.bucket),
    el('Key', output.key),
    el('ETag', quotedEtag(output.etag)),
    ...checksumElements(output.checksums),
    optionalChecksumType(output.checksumType),
  ]);
}
