/**
 * The part of a request that authentication reads. The dialects' WireRequest is structurally
 * compatible, so it can be passed as is.
 */
export interface AuthRequest {
  readonly method: string;
  /** The path exactly as sent (still percent-encoded), without the query. */
  readonly rawPath: string;
  /** Everything after '?', exactly as sent ('' when absent). */
  readonly rawQuery: string;
  /** Lowercase header names; repeated headers joined with ', '. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as it arrives on the wire (node Readables qualify). */
  readonly body: AsyncIterable<Uint8Array | string>;
}
