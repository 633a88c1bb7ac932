import type { DigestName, Digests } from '../types.js';

/** A request body as the core receives it: decoded bytes plus what the client claims about them. */
export interface BodyInput {
  readonly stream: AsyncIterable<Uint8Array>;
  /** The decoded length the client declared, when it declared one. */
  readonly length?: number;
  /**
   * Digests the client asserts (hex), read once the stream has ended so that values sent in trailers
   * count too. A mismatch fails the write before the blob is kept.
   */
  readonly expected?: () => Digests;
  /** Digests the client will assert, known up front even when their values arrive in trailers. */
  readonly announced?: readonly DigestName[];
  /**
   * The hex SHA-256 the request's signature covers (S3 x-amz-content-sha256), checked in the storing pass;
   * a mismatch is ContentSha256Mismatch, not a checksum error.
   */
  readonly payloadSha256?: string;
}
