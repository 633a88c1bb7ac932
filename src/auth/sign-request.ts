import { formatAmzDate } from './amz-date.js';
import { canonicalHeaders } from './canonical-headers.js';
import { canonicalQuery } from './canonical-query.js';
import { canonicalRequest } from './canonical-request.js';
import { canonicalUri } from './canonical-uri.js';
import { type ChunkSigning, signString } from './chunk-signature.js';
import { EMPTY_SHA256, sha256Hex } from './hashes.js';
import { UNSIGNED_PAYLOAD } from './payload-spec.js';
import { signingKey } from './signing-key.js';
import { SIGV4_ALGORITHM, credentialScope, stringToSign } from './string-to-sign.js';
import { uriEncode } from './uri-encode.js';

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface RequestToSign {
  readonly method: string;
  /** The path exactly as it will be sent (percent-encoded, e.g. with uriEncode(key, true)). */
  readonly path: string;
  /** The query exactly as it will be sent, without '?'. */
  readonly query?: string;
  /** Any case; must include host. All are signed except hop-by-hop and user-agent style headers. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface SignOptions {
  readonly region: string;
  readonly service: string;
  /** Epoch milliseconds; default Date.now(). */
  readonly now?: number;
  /**
   * The payload hash to sign (hex SHA-256, UNSIGNED-PAYLOAD or a STREAMING-* mode). Default: the SHA-256
   * of `body` when given, else UNSIGNED-PAYLOAD for s3 and the empty-body hash for other services.
   */
  readonly payloadHash?: string;
  readonly body?: string | Uint8Array;
}

export interface SignedRequest {
  /** The headers to send (lowercase names): the input's plus x-amz-date, x-amz-content-sha256, authorization. */
  readonly headers: Record<string, string>;
  readonly signature: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  /** Seeds the chunk signatures of a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body (see encodeAwsChunked). */
  readonly chunkSigning: ChunkSigning;
}

/** The same set @smithy/signature-v4 never signs: proxies may change them. */
const unsignable = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

/** Signs a request with AWS Signature Version 4 in the Authorization header. */
export function signRequest(req: RequestToSign, credentials: SigningCredentials, options: SignOptions): SignedRequest {
  const amzDate = formatAmzDate(options.now ?? Date.now());
  const payloadHash = payloadHashFor(options);
  const headers = lowercase(req.headers);
  headers['x-amz-date'] = amzDate;
  headers['x-amz-content-sha256'] = payloadHash;
  if (credentials.sessionToken !== undefined) headers['x-amz-security-token'] = credentials.sessionToken;
  delete headers['authorization'];

  const signed = Object.keys(headers)
    .filter((h) => !unsignable.has(h))
    .sort();
  const scope = credentialScope(amzDate.slice(0, 8), options.region, options.service);
  const key = signingKey(credentials.secretAccessKey, amzDate.slice(0, 8), options.region, options.service);
  const canonical = canonicalRequest({
    method: req.method,
    uri: canonicalUri(req.path, options.service),
    query: canonicalQuery(req.query ?? ''),
    headers: canonicalHeaders(headers, signed),
    signedHeaders: signed.join(';'),
    payloadHash,
  });
  const toSign = stringToSign(amzDate, scope, canonical);
  const signature = signString(key, toSign);
  headers['authorization'] =
    `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${signature}`;
  return {
    headers,
    signature,
    canonicalRequest: canonical,
    stringToSign: toSign,
    chunkSigning: { signingKey: key, amzDate, scope, seedSignature: signature },
  };
}

export interface PresignOptions extends SignOptions {
  /** Seconds the URL stays valid (at most 604800). */
  readonly expiresIn: number;
}

export interface PresignedRequest {
  /** The query to send, without '?': the input's followed by the X-Amz-* parameters. */
  readonly query: string;
  readonly signature: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/**
 * Presigns a request: authentication moves into X-Amz-* query parameters. The headers given are signed
 * and must be sent with the URL (usually just host). The payload is UNSIGNED-PAYLOAD unless payloadHash
 * or body say otherwise.
 */
export function presignRequest(req: RequestToSign, credentials: SigningCredentials, options: PresignOptions): PresignedRequest {
  const amzDate = formatAmzDate(options.now ?? Date.now());
  const headers = lowercase(req.headers);
  const signed = Object.keys(headers)
    .filter((h) => !unsignable.has(h))
    .sort();
  const scope = credentialScope(amzDate.slice(0, 8), options.region, options.service);
  const params: [string, string][] = [
    ['X-Amz-Algorithm', SIGV4_ALGORITHM],
    ['X-Amz-Credential', `${credentials.accessKeyId}/${scope}`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', String(options.expiresIn)],
    ['X-Amz-SignedHeaders', signed.join(';')],
  ];
  if (credentials.sessionToken !== undefined) params.push(['X-Amz-Security-Token', credentials.sessionToken]);
  const own = params.map(([n, v]) => `${n}=${uriEncode(v)}`).join('&');
  const query = req.query === undefined || req.query === '' ? own : `${req.query}&${own}`;
  const payloadHash = options.payloadHash ?? (options.body !== undefined ? sha256Hex(options.body) : UNSIGNED_PAYLOAD);
  const canonical = canonicalRequest({
    method: req.method,
    uri: canonicalUri(req.path, options.service),
    query: canonicalQuery(query),
    headers: canonicalHeaders(headers, signed),
    signedHeaders: signed.join(';'),
    payloadHash,
  });
  const toSign = stringToSign(amzDate, scope, canonical);
  const signature = signString(signingKey(credentials.secretAccessKey, amzDate.slice(0, 8), options.region, options.service), toSign);
  return { query: `${query}&X-Amz-Signature=${signature}`, signature, canonicalRequest: canonical, stringToSign: toSign };
}

function payloadHashFor(options: SignOptions): string {
  if (options.payloadHash !== undefined) return options.payloadHash;
  if (options.body !== undefined) return sha256Hex(options.body);
  return options.service === 's3' ? UNSIGNED_PAYLOAD : EMPTY_SHA256;
}

function lowercase(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}
