import { el } from '../../common/xml.js';
import { s3Document } from './response-elements.js';

export interface InitiateMultipartUploadOutput {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
}

/** `InitiateMultipartUploadResult`, the answer to CreateMultipartUpload. */
export function renderInitiateMultipartUpload(output: InitiateMultipartUploadOutput): string {
  return s3Document('InitiateMultipartUploadResult', [el('Bucket', output.bucket), el('Key', output.key), el('UploadId', output.uploadId)]);
}
