import { StorageError } from '../../core/errors.js';

/**
 * ListObjectsV2 (S3 and OSS) and ListBuckets continuation tokens: the base64url of the UTF-8 key (or common prefix) the next page
 * starts after. Opaque to clients, stable across restarts, and checked strictly on the way back in.
 * A token names a position, not a request, so one resumes any listing of that bucket; S3's do as well.
 */
export function encodeContinuationToken(afterKey: string): string {
  return Buffer.from(afterKey, 'utf8').toString('base64url');
}

/** The key a token resumes after; InvalidArgument (with the dialect's wording) when the token is not one Cairn wrote. */
export function decodeContinuationToken(token: string, message = 'The continuation token provided is incorrect'): string {
  if (/^[A-Za-z0-9_-]+$/.test(token)) {
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.toString('base64url') === token) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        // fall through to the error below
      }
    }
  }
  throw new StorageError('InvalidArgument', message, { ArgumentName: 'continuation-token', ArgumentValue: token });
}
