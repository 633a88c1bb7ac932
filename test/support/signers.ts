import { createHmac } from 'node:crypto';
import {
  OSS_UNSIGNED_PAYLOAD,
  OSS_V4_ALGORITHM,
  ossV1CanonicalResource,
  ossV1Signature,
  ossV1StringToSign,
  ossV4CanonicalHeaders,
  ossV4CanonicalQueryCandidates,
  ossV4CanonicalRequest,
  ossV4CanonicalUri,
  ossV4SigningKey,
  ossV4StringToSign,
  signRequest,
  type SignOptions,
} from '../../src/auth/index.js';
import { formatAmzDate } from '../../src/auth/amz-date.js';
import { ossQueryPairs } from '../../src/auth/oss-query.js';
import { testCredentials } from './cairn-process.js';

/** What a signer needs: the request as it will go on the wire. */
export interface WireToSign {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery?: string;
  /** Must include host. */
  readonly headers: Readonly<Record<string, string>>;
  /** Hashed into x-amz-content-sha256 when given (S3, Glacier, admin). */
  readonly body?: Buffer | string;
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** SigV4 for S3 (and the admin API, which is signed the same way). */
export function signS3(r: WireToSign, options: Partial<SignOptions> & { credentials?: Credentials } = {}): Record<string, string> {
  return signRequest(
    { method: r.method, path: r.rawPath, query: r.rawQuery ?? '', headers: r.headers },
    options.credentials ?? testCredentials,
    {
      region: 'us-east-1',
      service: 's3',
      ...(r.body === undefined ? {} : { body: r.body }),
      ...options,
    },
  ).headers;
}

/** SigV4 with service glacier, the API version header and the body's SHA-256. */
export function signGlacier(r: WireToSign, credentials: Credentials = testCredentials): Record<string, string> {
  return signRequest(
    { method: r.method, path: r.rawPath, query: r.rawQuery ?? '', headers: { 'x-amz-glacier-version': '2012-06-01', ...r.headers } },
    credentials,
    { region: 'us-east-1', service: 'glacier', body: r.body ?? '' },
  ).headers;
}

/** The bucket and key an OSS signature covers (the router's, not the raw path's). */
export interface OssTarget {
  readonly bucket?: string;
  readonly key?: string;
}

/** OSS V1: `Authorization: OSS ak:base64(HMAC-SHA1(secret, StringToSign))` with x-oss-date. */
export function signOssV1(r: WireToSign, target: OssTarget, credentials: Credentials = testCredentials): Record<string, string> {
  const headers: Record<string, string> = { ...lower(r.headers), 'x-oss-date': new Date().toUTCString() };
  const resource = ossV1CanonicalResource(target, ossQueryPairs(r.rawQuery ?? ''));
  const toSign = ossV1StringToSign({ method: r.method, headers, date: headers['x-oss-date']!, resource });
  headers.authorization = `OSS ${credentials.accessKeyId}:${ossV1Signature(credentials.secretAccessKey, toSign)}`;
  return headers;
}

/** OSS V4 (OSS4-HMAC-SHA256, UNSIGNED-PAYLOAD) for the server's default region cn-hangzhou. */
export function signOssV4(
  r: WireToSign,
  target: OssTarget,
  credentials: Credentials = testCredentials,
  region = 'cn-hangzhou',
): Record<string, string> {
  const ossDate = formatAmzDate(Date.now());
  const date = ossDate.slice(0, 8);
  const headers: Record<string, string> = { ...lower(r.headers), 'x-oss-date': ossDate, 'x-oss-content-sha256': OSS_UNSIGNED_PAYLOAD };
  const scope = `${date}/${region}/oss/aliyun_v4_request`;
  const canonical = ossV4CanonicalRequest({
    method: r.method,
    uri: ossV4CanonicalUri(target),
    query: ossV4CanonicalQueryCandidates(r.rawQuery ?? '')[0] ?? '',
    headers: ossV4CanonicalHeaders(headers, []),
    additionalHeaders: [],
    payloadHash: OSS_UNSIGNED_PAYLOAD,
  });
  const signature = createHmac('sha256', ossV4SigningKey(credentials.secretAccessKey, date, region, 'oss'))
    .update(ossV4StringToSign(ossDate, scope, canonical))
    .digest('hex');
  headers.authorization = `${OSS_V4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope},Signature=${signature}`;
  return headers;
}

function lower(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
