import { el } from '../../common/xml.js';
import { checksumElements, isoTime, quotedEtag, s3Document, type S3Checksums } from './response-elements.js';

export interface CopyPartResultOutput {
  readonly etag: string;
  readonly lastModified: number;
  readonly checksums?: S3Checksums;
}

/** `CopyPartResult`, the body of UploadPartCopy's answer. */
export function renderCopyPartResult(output: CopyPartResultOutput): string {
  return s3Document('CopyPartResult', [
    el('ETag', quotedEtag(output.etag)),
    el('LastModified', isoTime(output.lastModified)),
    ...checksumElements(output.checksums),
  ]);
}
