import type { WireResponse } from './wire.js';

export function xmlResponse(status: number, body: string, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-length': '0', ...headers } };
}

/** The `response-*` query parameters of a GET (S3 and OSS name them alike). */
export interface ContentOverrides {
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
  readonly contentLanguage?: string;
  readonly contentType?: string;
  readonly expires?: string;
}

/** The response headers those parameters replace. */
export function overrideHeaders(o: ContentOverrides): Record<string, string> {
  const out: Record<string, string> = {};
  if (o.cacheControl !== undefined) out['cache-control'] = o.cacheControl;
  if (o.contentDisposition !== undefined) out['content-disposition'] = o.contentDisposition;
  if (o.contentEncoding !== undefined) out['content-encoding'] = o.contentEncoding;
  if (o.contentLanguage !== undefined) out['content-language'] = o.contentLanguage;
  if (o.contentType !== undefined) out['content-type'] = o.contentType;
  if (o.expires !== undefined) out.expires = o.expires;
  return out;
}
