import { StorageError } from '../core/errors.js';
import type { AccessKey, Principal } from '../core/types.js';
import { formatAmzDate, parseAmzDate } from './amz-date.js';
import {
  MAX_SKEW_MS,
  accessDenied,
  authorizationMalformed,
  invalidArgument,
  queryAuthMalformed,
  requestExpired,
  requestNotYetValid,
  requestTimeTooSkewed,
  signatureMismatch,
  unknownAccessKey,
  wrongRegion,
} from './auth-errors.js';
import type { AuthRequest } from './auth-request.js';
import type { AnonymousAuth, SigV4Auth } from './auth-result.js';
import { parseAuthorizationV4 } from './authorization-v4.js';
import { canonicalHeaders, headersReadAsUtf8 } from './canonical-headers.js';
import { canonicalQueryCandidates } from './canonical-query.js';
import { canonicalRequest } from './canonical-request.js';
import { canonicalUriCandidates } from './canonical-uri.js';
import { signString } from './chunk-signature.js';
import { type CredentialScope, parseCredential } from './credential-scope.js';
import { sha256Hex } from './hashes.js';
import { type PayloadSpec, UNSIGNED_PAYLOAD, contentSha256Of, declaredTrailers, unsignedRequestPayload } from './payload-spec.js';
import { queryParams } from './query-params.js';
import { collectSmallBody } from '../core/ingest/read-small-body.js';
import { signaturesEqual } from './signatures-equal.js';
import { signingKey } from './signing-key.js';
import { SIGV4_ALGORITHM, stringToSign } from './string-to-sign.js';

export interface SigV4VerifyOptions {
  /** The region this server answers for; a credential scoped to another is AuthorizationMalformed. */
  readonly region: string;
  /** Signing names accepted in the credential scope ('s3', 'glacier'...). */
  readonly services: readonly string[];
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** Epoch milliseconds. */
  readonly now: number;
  /**
   * Without x-amz-content-sha256 the signature covers the body's SHA-256 (boto3 sends none on Glacier
   * JSON operations), so the body is read and hashed before answering; larger bodies than this are
   * refused with MissingSecurityHeader. Default 1 MiB.
   */
  readonly maxBufferedBody?: number;
}

/** X-Amz-Expires may not exceed seven days. */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;
const DEFAULT_MAX_BUFFERED_BODY = 1024 * 1024;

/** x-amz-* headers that may travel unsigned: the payload hash is covered by the canonical request anyway. */
const mayBeUnsigned = new Set(['x-amz-content-sha256']);

interface SignedParts {
  readonly via: 'header' | 'query';
  readonly credential: CredentialScope;
  readonly amzDate: string;
  readonly signedHeaders: string;
  readonly signature: string;
  readonly expiresAt?: number;
}

/**
 * Verifies an AWS Signature Version 4 request (Authorization header or presigned query) and tells how to
 * read its body. A request without any authentication comes back as anonymous.
 *
 * Throws StorageError: InvalidArgument (two auth mechanisms, bad x-amz-content-sha256, X-Amz-Expires out
 * of range), AuthorizationMalformed, AccessDenied (no date, expired or not yet valid URL, unsigned x-amz-*
 * headers), RequestTimeTooSkewed, InvalidAccessKeyId, MissingSecurityHeader, SignatureDoesNotMatch.
 */
export async function verifySigV4(req: AuthRequest, options: SigV4VerifyOptions): Promise<SigV4Auth | AnonymousAuth> {
  const query = queryParams(req.rawQuery);
  const authorization = req.headers['authorization'];
  const presigned = query.has('X-Amz-Algorithm') || query.has('X-Amz-Signature') || query.has('X-Amz-Credential');
  if (authorization !== undefined && presigned) {
    throw invalidArgument(
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      'Authorization',
      authorization,
    );
  }
  if (authorization === undefined && !presigned) {
    return { kind: 'anonymous', principal: null, payload: unsignedRequestPayload(req.headers) };
  }

  const parts = authorization !== undefined ? headerParts(req, authorization, options.now) : queryParts(query, options.now);
  checkScope(parts.credential, options);
  const key = await options.lookupKey(parts.credential.accessKeyId);
  if (key === undefined) throw unknownAccessKey(parts.credential.accessKeyId);

  const signedHeaderList = parts.signedHeaders.split(';');
  checkAllAmzHeadersSigned(req.headers, signedHeaderList);
  const payloadHash = await payloadHashOf(req, parts, query, options.maxBufferedBody ?? DEFAULT_MAX_BUFFERED_BODY);

  const { credential } = parts;
  const key4 = signingKey(key.secretAccessKey, credential.date, credential.region, credential.service);
  const utf8 = headersReadAsUtf8(req.headers);
  const headerBlocks = [
    canonicalHeaders(req.headers, signedHeaderList),
    ...(utf8 === undefined ? [] : [canonicalHeaders(utf8, signedHeaderList)]),
  ];
  const omit = parts.via === 'query' ? 'X-Amz-Signature' : undefined;
  let first: { canonical: string; toSign: string } | undefined;
  for (const uri of canonicalUriCandidates(req.rawPath, credential.service)) {
    for (const [q, headerBlock] of canonicalQueryCandidates(req.rawQuery, omit).flatMap((q) => headerBlocks.map((b) => [q, b] as const))) {
      const canonical = canonicalRequest({
        method: req.method,
        uri,
        query: q,
        headers: headerBlock,
        signedHeaders: parts.signedHeaders,
        payloadHash: payloadHash.signed,
      });
      const toSign = stringToSign(parts.amzDate, credential.scope, canonical);
      first ??= { canonical, toSign };
      if (signaturesEqual(signString(key4, toSign), parts.signature)) {
        return {
          kind: 'sigv4',
          principal: principalOf(key),
          via: parts.via,
          credential,
          amzDate: parts.amzDate,
          signature: parts.signature.toLowerCase(),
          signingKey: key4,
          payload: payloadHash.spec(key4, parts),
          ...(parts.expiresAt !== undefined ? { expiresAt: parts.expiresAt } : {}),
        };
      }
    }
  }
  throw signatureMismatch({
    accessKeyId: credential.accessKeyId,
    stringToSign: first?.toSign ?? '',
    canonicalRequest: first?.canonical ?? '',
    signatureProvided: parts.signature,
  });
}

/** The credential scope of a SigV4 request without verifying anything (dialect detection peeks at it). */
export function sigV4ScopeOf(req: Pick<AuthRequest, 'headers' | 'rawQuery'>): CredentialScope | undefined {
  const authorization = req.headers['authorization'];
  if (authorization !== undefined) {
    const m = /Credential=([^,\s]+)/.exec(authorization);
    return authorization.startsWith(SIGV4_ALGORITHM) && m?.[1] !== undefined ? parseCredential(m[1]) : undefined;
  }
  const credential = queryParams(req.rawQuery).get('X-Amz-Credential');
  return credential === undefined ? undefined : parseCredential(credential);
}

function principalOf(key: AccessKey): Principal {
  return { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId };
}

function parseScope(credential: string, malformed: (reason: string) => StorageError): CredentialScope {
  const scope = parseCredential(credential);
  if (scope === undefined) {
    throw malformed(`the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  }
  return scope;
}

function headerParts(req: AuthRequest, authorization: string, now: number): SignedParts {
  const auth = parseAuthorizationV4(authorization);
  const credential = parseScope(auth.credential, authorizationMalformed);
  const amzDate = req.headers['x-amz-date'] ?? isoBasicFromDateHeader(req.headers['date']);
  if (amzDate === undefined) throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  const time = parseAmzDate(amzDate);
  if (time === undefined) throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  if (credential.date !== amzDate.slice(0, 8)) {
    throw authorizationMalformed(
      `Invalid credential date "${credential.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  if (Math.abs(time - now) > MAX_SKEW_MS) throw requestTimeTooSkewed(amzDate, now);
  return { via: 'header', credential, amzDate, signedHeaders: auth.signedHeaders, signature: auth.signature };
}

function queryParts(query: Map<string, string>, now: number): SignedParts {
  const algorithm = query.get('X-Amz-Algorithm');
  const credentialText = query.get('X-Amz-Credential');
  const amzDate = query.get('X-Amz-Date');
  const expires = query.get('X-Amz-Expires');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  if (!algorithm || !credentialText || !amzDate || !expires || !signedHeaders || !signature) {
    throw queryAuthMalformed(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (algorithm !== SIGV4_ALGORITHM) throw queryAuthMalformed(`X-Amz-Algorithm only supports "${SIGV4_ALGORITHM}"`);
  const credential = parseScope(credentialText, (reason) => queryAuthMalformed(`Error parsing the X-Amz-Credential parameter; ${reason}`));
  const time = parseAmzDate(amzDate);
  if (time === undefined) throw queryAuthMalformed("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  if (credential.date !== amzDate.slice(0, 8)) {
    throw queryAuthMalformed(
      `Invalid credential date "${credential.date}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`,
    );
  }
  if (!/^-?\d+$/.test(expires)) throw invalidArgument('X-Amz-Expires should be a number', 'X-Amz-Expires', expires);
  const seconds = Number(expires);
  // A URL valid for longer than S3 allows, or for no time at all, is refused as S3 does: 403.
  if (seconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw accessDenied('X-Amz-Expires must be less than a week (in seconds) that is 604800', { 'X-Amz-Expires': expires });
  }
  if (time - now > MAX_SKEW_MS) throw requestNotYetValid(amzDate, now);
  const expiresAt = time + seconds * 1000;
  if (seconds <= 0 || now > expiresAt) throw requestExpired(expiresAt, now);
  return { via: 'query', credential, amzDate, signedHeaders, signature, expiresAt };
}

/** SigV4 also accepts the request time in the Date header, in ISO 8601 basic or (converted) HTTP form. */
function isoBasicFromDateHeader(date: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  if (parseAmzDate(date) !== undefined) return date;
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) return undefined;
  return formatAmzDate(ms);
}

function checkScope(credential: CredentialScope, options: SigV4VerifyOptions): void {
  if (!options.services.includes(credential.service)) {
    throw authorizationMalformed(`incorrect service "${credential.service}". This endpoint belongs to "${options.services[0] ?? ''}".`);
  }
  if (credential.region !== options.region) throw wrongRegion(credential.region, options.region);
}

/** S3 refuses x-amz-* headers that the signature does not cover: they would change the request unsigned. */
function checkAllAmzHeadersSigned(headers: Readonly<Record<string, string>>, signed: readonly string[]): void {
  const signedSet = new Set(signed);
  const unsigned = Object.keys(headers).filter((h) => h.startsWith('x-amz-') && !signedSet.has(h) && !mayBeUnsigned.has(h));
  if (unsigned.length > 0) {
    throw accessDenied('There were headers present in the request which were not signed', { HeadersNotSigned: unsigned.sort().join(', ') });
  }
}

interface PayloadHash {
  /** The payload hash line of the canonical request. */
  readonly signed: string;
  readonly spec: (key: Buffer, parts: SignedParts) => PayloadSpec;
}

async function payloadHashOf(req: AuthRequest, parts: SignedParts, query: Map<string, string>, maxBuffered: number): Promise<PayloadHash> {
  const header = req.headers['x-amz-content-sha256'];
  const value = header ?? (parts.via === 'query' ? (query.get('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD) : undefined);
  const c = contentSha256Of(value);
  switch (c.kind) {
    case 'unsigned':
      return { signed: UNSIGNED_PAYLOAD, spec: () => ({ mode: 'unsigned' }) };
    case 'hex':
      return { signed: value!.trim(), spec: () => ({ mode: 'sha256', sha256: c.sha256 }) };
    case 'streaming':
      return {
        signed: value!.trim(),
        spec: (key, p) => ({
          mode: 'aws-chunked',
          signing: c.signed
            ? { signingKey: key, amzDate: p.amzDate, scope: p.credential.scope, seedSignature: p.signature.toLowerCase() }
            : null,
          trailers: c.trailers,
          declaredTrailers: declaredTrailers(req.headers),
        }),
      };
    case 'absent': {
      const length = req.headers['content-length'];
      const bytes = await collectSmallBody(
        req.body,
        maxBuffered,
        length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
      );
      if (bytes === undefined) {
        throw new StorageError('MissingSecurityHeader', 'Your request was missing a required header', {
          MissingHeaderName: 'x-amz-content-sha256',
        });
      }
      return { signed: sha256Hex(bytes), spec: () => ({ mode: 'buffered', bytes }) };
    }
  }
}
