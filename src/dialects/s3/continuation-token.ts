import { invalidArgument } from './query-reader.js';

/**
 * ListObjectsV2 continuation tokens: the base64url of the UTF-8 key (or common prefix) the next page
 * starts after. Opaque to clients, stable across restarts, and checked strictly on the way back in.
 * A token names a position, not a request, so one resumes any listing of that bucket; S3's do as well.
 */
export function encodeContinuationToken(afterKey: string): string {
  return Buffer.from(afterKey, 'utf8').toString('base64url');
}

/** The key a token resumes after; InvalidArgument when the token is not one Cairn wrote. */
export function decodeContinuationToken(token: string): string {
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
  throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
}
