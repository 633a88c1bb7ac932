import type { Readable } from 'node:stream';

/**
 * A request as the dialects see it, independent of node:http so that dialect tests run in memory.
 * Header names are lowercase; repeated headers are joined with ', ' as node:http does.
 */
export interface WireRequest {
  readonly id: string;
  readonly method: string;
  /** The path exactly as sent (still percent-encoded), without the query. */
  readonly rawPath: string;
  /** Everything after '?', exactly as sent ('' when absent). */
  readonly rawQuery: string;
  /** Decoded query parameters in order; a parameter without '=' has the value ''. */
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readable;
  readonly remoteAddress: string;
  /** The request came over TLS (HTTPS): what policies see as aws:SecureTransport. Absent means no. */
  readonly secure?: boolean;
  /** Milliseconds since the epoch when the request line arrived. */
  readonly receivedAt: number;
  /** Filled in as the request is understood; the access log prints it. */
  readonly log: RequestLogFields;
}

/** The steps of the request pipeline (`dialects/common/request-pipeline.ts`), in order. */
export type PipelineStage = 'route' | 'authenticate' | 'resolve' | 'authorize' | 'handle';

export interface RequestLogFields {
  dialect?: string;
  /** The last pipeline step the request reached: `handle` once its operation's handler runs. */
  stage?: PipelineStage;
  operation?: string;
  accessKeyId?: string;
  bucket?: string;
  key?: string;
  errorCode?: string;
}

export type WireBody = string | Buffer | AsyncIterable<Uint8Array>;

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body?: WireBody;
}

export function queryValue(req: Pick<WireRequest, 'query'>, name: string): string | undefined {
  for (const [k, v] of req.query) if (k === name) return v;
  return undefined;
}

export function hasQuery(req: Pick<WireRequest, 'query'>, name: string): boolean {
  return req.query.some(([k]) => k === name);
}

export function header(req: Pick<WireRequest, 'headers'>, name: string): string | undefined {
  return req.headers[name];
}

/** Splits a raw query string the way S3 and OSS servers do ('+' is a space only in values sent by forms). */
export function parseQuery(rawQuery: string): [string, string][] {
  if (rawQuery === '') return [];
  const out: [string, string][] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? '' : piece.slice(eq + 1);
    out.push([safeDecode(name), safeDecode(value)]);
  }
  return out;
}

export function safeDecode(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}
