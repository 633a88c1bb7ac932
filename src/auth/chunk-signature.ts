import { EMPTY_SHA256, hmacSha256, sha256Hex } from './hashes.js';

/** What chains the signatures of an aws-chunked body: taken from the verified (or signed) request. */
export interface ChunkSigning {
  readonly signingKey: Buffer;
  /** X-Amz-Date of the request, ISO 8601 basic. */
  readonly amzDate: string;
  /** `date/region/service/aws4_request`. */
  readonly scope: string;
  /** The request's own signature: the previous signature of the first chunk. */
  readonly seedSignature: string;
}

export function chunkStringToSign(s: ChunkSigning, previousSignature: string, chunkSha256Hex: string): string {
  return `AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${previousSignature}\n${EMPTY_SHA256}\n${chunkSha256Hex}`;
}

/** `trailerLines` is the canonical trailer block: `name:value\n` per trailer, signature excluded. */
export function trailerStringToSign(s: ChunkSigning, previousSignature: string, trailerLines: string): string {
  return `AWS4-HMAC-SHA256-TRAILER\n${s.amzDate}\n${s.scope}\n${previousSignature}\n${sha256Hex(trailerLines)}`;
}

export function signString(key: Buffer, stringToSign: string): string {
  return hmacSha256(key, stringToSign).toString('hex');
}
