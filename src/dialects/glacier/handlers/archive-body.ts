import { StorageError, isStorageError } from '../../../core/errors.js';
import type { BodyInput } from '../../../core/ingest/body-input.js';
import { treeHashHeader } from '../glacier-names.js';
import type { GlacierHandlerContext } from './handler-context.js';

/**
 * The body of UploadArchive / UploadMultipartPart as the core reads it: its declared length and the
 * tree hash the client asserts, which the core checks in the same pass as it writes the bytes.
 */
export function archiveBody(h: GlacierHandlerContext): { body: BodyInput; length: number; treeHash: string } {
  const lengthText = h.req.headers['content-length'];
  if (lengthText === undefined) throw new StorageError('MissingContentLength', 'Required parameter missing: Content-Length');
  if (!/^\d{1,16}$/.test(lengthText.trim())) throw new StorageError('InvalidArgument', `Invalid Content-Length: ${lengthText}`);
  const length = Number(lengthText.trim());
  const header = h.req.headers['x-amz-sha256-tree-hash'];
  if (header === undefined) {
    throw new StorageError('MissingParameter', 'Required parameter missing: x-amz-sha256-tree-hash', {
      ParameterName: 'x-amz-sha256-tree-hash',
    });
  }
  const treeHash = treeHashHeader(header);
  const decoded = h.body();
  return {
    body: { stream: decoded, length: decoded.contentLength ?? length, expected: () => ({ 'sha256-tree': treeHash }) },
    length,
    treeHash,
  };
}

/** Glacier's wording for a tree hash that does not match the bytes. */
export async function withChecksumMessage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isStorageError(error, 'ChecksumMismatch') && error.details.Algorithm === 'sha256-tree') {
      throw new StorageError(
        'ChecksumMismatch',
        `Checksum mismatch: expected ${String(error.details.Expected)}, computed ${String(error.details.Calculated)}`,
      );
    }
    throw error;
  }
}
