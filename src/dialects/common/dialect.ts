import type { WireRequest, WireResponse } from './wire.js';

/** One wire dialect (S3, OSS, Glacier): recognises its requests and answers them, errors included. */
export interface Dialect {
  readonly name: 's3' | 'oss' | 'glacier';
  /** Cheap checks on path, headers and query only; the body is never read. */
  detect(req: WireRequest): boolean;
  /** Never throws: failures become the dialect's own error responses. */
  handle(req: WireRequest): Promise<WireResponse>;
}
