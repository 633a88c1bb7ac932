import { invalidArgument, invalidRequest } from './auth-errors.js';
import type { ChunkSigning } from './chunk-signature.js';

/** How the request body must be read, as learnt while authenticating. */
export type PayloadSpec =
  /** Pass the body through (UNSIGNED-PAYLOAD, presigned URLs, anonymous or SigV2 requests). */
  | { readonly mode: 'unsigned' }
  /** Hash the body while it is read and compare with this lowercase hex SHA-256 at the end. */
  | { readonly mode: 'sha256'; readonly sha256: string }
  /** The body was read (and hashed) during verification; these are its bytes. */
  | { readonly mode: 'buffered'; readonly bytes: Buffer }
  /**
   * aws-chunked framing. With `signing`, every chunk signature is verified (and the trailer signature
   * when `trailers`); without, chunks are unsigned (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
   */
  | {
      readonly mode: 'aws-chunked';
      readonly signing: ChunkSigning | null;
      readonly trailers: boolean;
      /** Trailer names announced in x-amz-trailer (lowercase). */
      readonly declaredTrailers: readonly string[];
    };

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

export type ContentSha256 =
  | { readonly kind: 'absent' }
  | { readonly kind: 'hex'; readonly sha256: string }
  | { readonly kind: 'unsigned' }
  | { readonly kind: 'streaming'; readonly signed: boolean; readonly trailers: boolean };

const hex64 = /^[0-9a-fA-F]{64}$/;

/** Classifies an x-amz-content-sha256 value; anything S3 would not accept is InvalidArgument. */
export function contentSha256Of(value: string | undefined): ContentSha256 {
  if (value === undefined) return { kind: 'absent' };
  const v = value.trim();
  if (hex64.test(v)) return { kind: 'hex', sha256: v.toLowerCase() };
  switch (v) {
    case UNSIGNED_PAYLOAD:
      return { kind: 'unsigned' };
    case STREAMING_SIGNED:
      return { kind: 'streaming', signed: true, trailers: false };
    case STREAMING_SIGNED_TRAILER:
      return { kind: 'streaming', signed: true, trailers: true };
    case STREAMING_UNSIGNED_TRAILER:
      return { kind: 'streaming', signed: false, trailers: true };
  }
  throw invalidArgument(
    `x-amz-content-sha256 must be ${UNSIGNED_PAYLOAD}, ${STREAMING_UNSIGNED_TRAILER}, ${STREAMING_SIGNED}, ${STREAMING_SIGNED_TRAILER} or a valid sha256 value.`,
    'x-amz-content-sha256',
    value,
  );
}

export function declaredTrailers(headers: Readonly<Record<string, string>>): string[] {
  const raw = headers['x-amz-trailer'];
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

/**
 * The payload of a request whose signature covers no payload (anonymous, SigV2): a hex value is still
 * checked and unsigned trailers still decoded, but signed streaming needs SigV4 credentials.
 */
export function unsignedRequestPayload(headers: Readonly<Record<string, string>>): PayloadSpec {
  const c = contentSha256Of(headers['x-amz-content-sha256']);
  switch (c.kind) {
    case 'absent':
    case 'unsigned':
      return { mode: 'unsigned' };
    case 'hex':
      return { mode: 'sha256', sha256: c.sha256 };
    case 'streaming':
      if (c.signed) throw invalidRequest('Signed aws-chunked payloads require AWS Signature Version 4 authentication.');
      return { mode: 'aws-chunked', signing: null, trailers: true, declaredTrailers: declaredTrailers(headers) };
  }
}
