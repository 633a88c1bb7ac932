import { uriEncode } from '../../src/auth/index.js';
import { testCredentials } from '../support/cairn-process.js';
import type { RawHttpRequest } from '../support/raw-http.js';
import { signGlacier, signOssV1, signOssV4, signS3, type Credentials, type OssTarget } from '../support/signers.js';

export interface RequestParts {
  readonly query?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string;
  readonly credentials?: Credentials;
  /** S3 only: what to sign as x-amz-content-sha256 instead of the body's hash. */
  readonly payloadHash?: string;
}

/** Builds signed requests for one server, in each dialect's way; the path is sent exactly as given. */
export class Wire {
  readonly host: string;

  constructor(readonly port: number) {
    this.host = `127.0.0.1:${port}`;
  }

  s3(method: string, rawPath: string, p: RequestParts = {}): RawHttpRequest {
    const base = { method, rawPath, rawQuery: p.query ?? '', headers: { host: this.host, ...p.headers } };
    const body = typeof p.body === 'string' ? Buffer.from(p.body) : p.body;
    const headers = signS3(
      { ...base, ...(body === undefined || p.payloadHash !== undefined ? {} : { body }) },
      { credentials: p.credentials ?? testCredentials, ...(p.payloadHash === undefined ? {} : { payloadHash: p.payloadHash }) },
    );
    return { ...base, headers, ...(body === undefined ? {} : { body }) };
  }

  /** The admin API is signed like S3. */
  admin(method: string, rawPath: string, p: RequestParts = {}): RawHttpRequest {
    return this.s3(method, rawPath, { ...p, body: p.body ?? '' });
  }

  oss(version: 'V1' | 'V4', method: string, rawPath: string, target: OssTarget, p: RequestParts = {}): RawHttpRequest {
    const base = { method, rawPath, rawQuery: p.query ?? '', headers: { host: this.host, ...p.headers } };
    const sign = version === 'V1' ? signOssV1 : signOssV4;
    const headers = sign(base, target, p.credentials ?? testCredentials);
    return { ...base, headers, ...(p.body === undefined ? {} : { body: p.body }) };
  }

  glacier(method: string, rawPath: string, p: RequestParts = {}): RawHttpRequest {
    const base = { method, rawPath, rawQuery: p.query ?? '', headers: { host: this.host, ...p.headers } };
    const headers = signGlacier({ ...base, body: p.body ?? '' }, p.credentials ?? testCredentials);
    return { ...base, headers, ...(p.body === undefined ? {} : { body: p.body }) };
  }
}

/** `/bucket/key` percent-encoded the way clients send it. */
export function pathOf(bucket: string, key?: string): string {
  if (key === undefined) return `/${bucket}`;
  return `/${bucket}/${key
    .split('/')
    .map((s) => uriEncode(s, false))
    .join('/')}`;
}
