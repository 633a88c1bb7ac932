import type { ChecksumType } from '../../../core/types.js';
import { el } from '../../common/xml.js';
import { checksumElements, isoTime, optionalChecksumType, quotedEtag, s3Document, type S3Checksums } from './response-elements.js';

export interface CopyObjectResultOutput {
  readonly etag: string;
  readonly lastModified: number;
  readonly checksums?: S3Checksums;
  readonly checksumType?: ChecksumType;
}

/** `CopyObjectResult`, the body of CopyObject's answer. */
export function renderCopyObjectResult(output: CopyObjectResultOutput): string {
  return s3Document('CopyObjectResult', [
    el('ETag', quotedEtag(output.etag)),
    el('LastModified', isoTime(output.lastModified)),
    optionalChecksumType(output.checksumType),
    ...checksumElements(output.checksums),
  ]);
}
