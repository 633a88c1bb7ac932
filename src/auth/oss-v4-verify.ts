import type { AccessKey, Principal } from '../core/types.js';
import { parseAmzDate } from './amz-date.js';
import { MAX_SKEW_MS, requestNotYetValid, requestTimeTooSkewed } from './auth-errors.js';
import type { AuthRequest } from './auth-request.js';
import { hmacSha256 } from './hashes.js';
import type { OssAuth } from './oss-auth-result.js';
import { ossAccessDenied, ossInvalidArgument, ossRequestExpired, ossSignatureMismatch, ossUnknownAccessKey } from './oss-auth-errors.js';
import { ossQueryPairs } from './oss-query.js';
import type { OssResource } from './oss-resource.js';
import {
  OSS_UNSIGNED_PAYLOAD,
  OSS_V4_ALGORITHM,
  OSS_V4_TERMINATOR,
  normalizeAdditionalHeaders,
  ossV4CanonicalHeaders,
  ossV4CanonicalQueryCandidates,
  ossV4CanonicalRequest,
  ossV4CanonicalUri,
  ossV4StringToSign,
} from './oss-v4-canonical.js';
import { ossV4SigningKey } from './oss-v4-signing-key.js';
import { signaturesEqual } from './signatures-equal.js';

export interface OssV4VerifyOptions {
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** Epoch milliseconds. */
  readonly now: number;
  /** The OSS region this server answers for (`cn-hangzhou`, without `oss-`). */
  readonly region: string;
  readonly resource: OssResource;
}

/** x-oss-expires of a presigned URL: 1 second to 7 days. */
export const OSS_MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

/** OSS's error-code-center ids for the V4 failures that have one. */
const EC = {
  headerRegion: '0002-00000228',
  queryRegion: '0002-00000226',
  credential: '0002-00000213',
  payload: '0002-00000214',
  expiresRange: '0002-00000232',
  expired: '0002-00000236',
} as const;

interface OssV4Credential {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly product: string;
  readonly scope: string;
}

interface V4Parts {
  readonly via: 'header' | 'query';
  readonly credential: OssV4Credential;
  readonly ossDate: string;
  readonly additionalHeaders: string[];
  readonly signature: string;
  readonly expiresAt?: number;
}

/**
 * Verifies an OSS V4 signature (`Authorization: OSS4-HMAC-SHA256 Credential=...,AdditionalHeaders=...,
 * Signature=...` with its fields in any order, or a presigned URL's x-oss-* parameters). The canonical
 * request is rebuilt from the logical resource; the canonical query is tried as the specification writes
 * it and as ali-oss does (empty ordinary parameters as `k=`).
 *
 * Throws StorageError: InvalidArgument (malformed header or credential, a region other than the server's,
 * a payload hash other than UNSIGNED-PAYLOAD, x-oss-expires out of range), AccessDenied (no x-oss-date,
 * expired URL), RequestTimeTooSkewed, InvalidAccessKeyId, SignatureDoesNotMatch.
 */
export async function verifyOssV4(req: AuthRequest, options: OssV4VerifyOptions): Promise<OssAuth> {
  const authorization = req.headers['authorization'];
  const query = new Map<string, string>();
  for (const [k, v] of ossQueryPairs(req.rawQuery)) if (!query.has(k)) query.set(k, v);
  const parts = authorization !== undefined ? headerParts(req, authorization, options.now) : queryParts(query, options.now);
  if (parts.credential.region !== options.region) {
    throw ossInvalidArgument(
      `The signing region in credential is invalid: this endpoint is '${options.region}', the request was signed for '${parts.credential.region}'.`,
      parts.via === 'header' ? 'Credential' : 'x-oss-credential',
      parts.credential.region,
      parts.via === 'header' ? EC.headerRegion : EC.queryRegion,
    );
  }
  const key = await options.lookupKey(parts.credential.accessKeyId);
  if (key === undefined) throw ossUnknownAccessKey(parts.credential.accessKeyId);

  const payloadHash = parts.via === 'header' ? (req.headers['x-oss-content-sha256']?.trim() ?? OSS_UNSIGNED_PAYLOAD) : OSS_UNSIGNED_PAYLOAD;
  if (payloadHash !== OSS_UNSIGNED_PAYLOAD) {
    throw ossInvalidArgument('x-oss-content-sha256 must be UNSIGNED-PAYLOAD.', 'x-oss-content-sha256', payloadHash, EC.payload);
  }
  const c = parts.credential;
  const signingKey = ossV4SigningKey(key.secretAccessKey, c.date, c.region, c.product);
  const uri = ossV4CanonicalUri(options.resource);
  const headers = ossV4CanonicalHeaders(req.headers, parts.additionalHeaders);
  let first: { canonical: string; toSign: string } | undefined;
  for (const q of ossV4CanonicalQueryCandidates(req.rawQuery, parts.via === 'query' ? 'x-oss-signature' : undefined)) {
    const canonical = ossV4CanonicalRequest({
      method: req.method,
      uri,
      query: q,
      headers,
      additionalHeaders: parts.additionalHeaders,
      payloadHash,
    });
    const toSign = ossV4StringToSign(parts.ossDate, c.scope, canonical);
    first ??= { canonical, toSign };
    if (signaturesEqual(hmacSha256(signingKey, toSign).toString('hex'), parts.signature)) {
      return {
        kind: 'oss-v4',
        principal: principalOf(key),
        via: parts.via,
        payload: { mode: 'unsigned' },
        ...(parts.expiresAt === undefined ? {} : { expiresAt: parts.expiresAt }),
      };
    }
  }
  throw ossSignatureMismatch({
    accessKeyId: c.accessKeyId,
    stringToSign: first?.toSign ?? '',
    canonicalRequest: first?.canonical ?? '',
    signatureProvided: parts.signature,
  });
}

/** Parses `AK/yyyymmdd/region/product/aliyun_v4_request`; undefined when malformed. */
export function parseOssV4Credential(credential: string): OssV4Credential | undefined {
  const parts = credential.split('/');
  if (parts.length < 5) return undefined;
  const [date, region, product, terminator] = parts.slice(-4) as [string, string, string, string];
  const accessKeyId = parts.slice(0, -4).join('/');
  if (accessKeyId === '' || !/^\d{8}$/.test(date) || region === '' || product !== 'oss' || terminator !== OSS_V4_TERMINATOR) {
    return undefined;
  }
  return { accessKeyId, date, region, product, scope: `${date}/${region}/${product}/${OSS_V4_TERMINATOR}` };
}

function credentialOf(text: string | undefined, via: 'header' | 'query'): OssV4Credential {
  const credential = text === undefined ? undefined : parseOssV4Credential(text);
  if (credential === undefined) {
    throw ossInvalidArgument(
      'The Credential is malformed; expecting "<AccessKeyId>/<yyyymmdd>/<region>/oss/aliyun_v4_request".',
      via === 'header' ? 'Credential' : 'x-oss-credential',
      text,
      EC.credential,
    );
  }
  return credential;
}

function headerParts(req: AuthRequest, authorization: string, now: number): V4Parts {
  const fields = parseFields(authorization);
  const signature = fields.get('Signature');
  if (signature === undefined || signature === '')
    throw ossInvalidArgument('Authorization header is invalid.', 'Authorization', authorization);
  const credential = credentialOf(fields.get('Credential'), 'header');
  const ossDate = req.headers['x-oss-date']?.trim();
  const time = ossDate === undefined ? undefined : parseAmzDate(ossDate);
  if (ossDate === undefined || time === undefined) throw ossAccessDenied('OSS V4 authentication requires a valid x-oss-date header.');
  if (ossDate.slice(0, 8) !== credential.date) {
    throw ossInvalidArgument(
      `The date in the Credential (${credential.date}) is not the date of x-oss-date (${ossDate.slice(0, 8)}).`,
      'Credential',
      credential.date,
      EC.credential,
    );
  }
  if (Math.abs(time - now) > MAX_SKEW_MS) throw requestTimeTooSkewed(ossDate, now);
  return { via: 'header', credential, ossDate, additionalHeaders: normalizeAdditionalHeaders(fields.get('AdditionalHeaders')), signature };
}

function queryParts(query: Map<string, string>, now: number): V4Parts {
  const version = query.get('x-oss-signature-version');
  if (version !== OSS_V4_ALGORITHM) {
    throw ossInvalidArgument(`x-oss-signature-version must be ${OSS_V4_ALGORITHM}.`, 'x-oss-signature-version', version);
  }
  const credential = credentialOf(query.get('x-oss-credential'), 'query');
  const ossDate = query.get('x-oss-date') ?? '';
  const time = parseAmzDate(ossDate);
  if (time === undefined) throw ossInvalidArgument('x-oss-date must be yyyymmddTHHMMSSZ.', 'x-oss-date', ossDate);
  if (ossDate.slice(0, 8) !== credential.date) {
    throw ossInvalidArgument(
      `The date in x-oss-credential (${credential.date}) is not the date of x-oss-date.`,
      'x-oss-credential',
      credential.date,
      EC.credential,
    );
  }
  const expires = query.get('x-oss-expires') ?? '';
  const seconds = /^\d{1,7}$/.test(expires) ? Number(expires) : NaN;
  if (!(seconds >= 1 && seconds <= OSS_MAX_PRESIGNED_EXPIRES_SECONDS)) {
    throw ossInvalidArgument(
      `x-oss-expires must be from 1 to ${OSS_MAX_PRESIGNED_EXPIRES_SECONDS} seconds.`,
      'x-oss-expires',
      expires,
      EC.expiresRange,
    );
  }
  if (time - now > MAX_SKEW_MS) throw requestNotYetValid(ossDate, now);
  const expiresAt = time + seconds * 1000;
  if (now > expiresAt) throw ossRequestExpired(expiresAt, now, EC.expired);
  const signature = query.get('x-oss-signature') ?? '';
  return {
    via: 'query',
    credential,
    ossDate,
    additionalHeaders: normalizeAdditionalHeaders(query.get('x-oss-additional-headers')),
    signature,
    expiresAt,
  };
}

/** `OSS4-HMAC-SHA256 k=v,k=v` with ', ' or ',' between fields, in any order (oss2 puts AdditionalHeaders last). */
function parseFields(authorization: string): Map<string, string> {
  const trimmed = authorization.trim();
  if (!trimmed.startsWith(`${OSS_V4_ALGORITHM} `))
    throw ossInvalidArgument('Authorization header is invalid.', 'Authorization', authorization);
  const fields = new Map<string, string>();
  for (const piece of trimmed.slice(OSS_V4_ALGORITHM.length + 1).split(',')) {
    const p = piece.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) throw ossInvalidArgument('Authorization header is invalid.', 'Authorization', authorization);
    fields.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
  }
  return fields;
}

function principalOf(key: AccessKey): Principal {
  return { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId };
}
