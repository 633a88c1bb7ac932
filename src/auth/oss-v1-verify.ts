import { createHmac } from 'node:crypto';
import type { AccessKey, Principal } from '../core/types.js';
import { MAX_SKEW_MS, requestTimeTooSkewed } from './auth-errors.js';
import type { AuthRequest } from './auth-request.js';
import type { OssAuth } from './oss-auth-result.js';
import { ossAccessDenied, ossInvalidArgument, ossRequestExpired, ossSignatureMismatch, ossUnknownAccessKey } from './oss-auth-errors.js';
import { ossQueryPairs } from './oss-query.js';
import type { OssResource } from './oss-resource.js';
import { ossV1CanonicalResource, ossV1StringToSign } from './oss-v1-string-to-sign.js';
import { bytesEqual } from './signatures-equal.js';

export interface OssV1VerifyOptions {
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** Epoch milliseconds. */
  readonly now: number;
  readonly resource: OssResource;
}

/** base64(HMAC-SHA1(secret, stringToSign)): an OSS V1 signature. */
export function ossV1Signature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}

/**
 * Verifies an OSS V1 signature: the `Authorization: OSS <AccessKeyId>:<Signature>` header, or a presigned
 * URL's OSSAccessKeyId, Expires and Signature parameters. The string to sign is rebuilt from the logical
 * resource. With both x-oss-date and Date present and different, a signature over either is accepted
 * (ali-oss signs x-oss-date, the Go SDKs Date).
 *
 * Throws StorageError: InvalidArgument (malformed header or Expires), AccessDenied (no date, expired URL),
 * RequestTimeTooSkewed, InvalidAccessKeyId, SignatureDoesNotMatch.
 */
export async function verifyOssV1(req: AuthRequest, options: OssV1VerifyOptions): Promise<OssAuth> {
  const authorization = req.headers['authorization'];
  const pairs = ossQueryPairs(req.rawQuery);
  const query = new Map<string, string>();
  for (const [k, v] of pairs) if (!query.has(k)) query.set(k, v);
  const resource = ossV1CanonicalResource(options.resource, pairs);
  let accessKeyId: string;
  let signature: string;
  let dates: string[];
  let expiresAt: number | undefined;
  if (authorization !== undefined) {
    ({ accessKeyId, signature } = parseV1Authorization(authorization));
    dates = headerDates(req.headers, options.now);
  } else {
    accessKeyId = query.get('OSSAccessKeyId') ?? '';
    signature = query.get('Signature') ?? '';
    const expires = query.get('Expires') ?? '';
    if (accessKeyId === '' || signature === '' || !/^\d{1,12}$/.test(expires)) {
      throw ossInvalidArgument(
        'Query-string authentication requires the OSSAccessKeyId, Expires and Signature parameters.',
        'Expires',
        expires,
      );
    }
    expiresAt = Number(expires) * 1000;
    if (options.now > expiresAt) throw ossRequestExpired(expiresAt, options.now);
    dates = [expires];
  }
  const key = await options.lookupKey(accessKeyId);
  if (key === undefined) throw ossUnknownAccessKey(accessKeyId);
  const provided = Buffer.from(signature, 'base64');
  let first: string | undefined;
  for (const date of dates) {
    const toSign = ossV1StringToSign({ method: req.method, headers: req.headers, date, resource });
    first ??= toSign;
    if (bytesEqual(Buffer.from(ossV1Signature(key.secretAccessKey, toSign), 'base64'), provided)) {
      return {
        kind: 'oss-v1',
        principal: principalOf(key),
        via: authorization !== undefined ? 'header' : 'query',
        payload: { mode: 'unsigned' },
        ...(expiresAt === undefined ? {} : { expiresAt }),
      };
    }
  }
  throw ossSignatureMismatch({ accessKeyId, stringToSign: first ?? '', signatureProvided: signature });
}

function parseV1Authorization(header: string): { accessKeyId: string; signature: string } {
  const m = /^OSS ([^:\s]+):(\S+)$/.exec(header.trim());
  if (m?.[1] === undefined || m[2] === undefined) throw ossInvalidArgument('Authorization header is invalid.', 'Authorization', header);
  return { accessKeyId: m[1], signature: m[2] };
}

/** The DATE lines to try: x-oss-date, then Date when it differs. Each must be within 15 minutes of now. */
function headerDates(headers: Readonly<Record<string, string>>, now: number): string[] {
  const candidates = [headers['x-oss-date'], headers['date']].filter((d): d is string => d !== undefined && d.trim() !== '');
  if (candidates.length === 0) throw ossAccessDenied('OSS authentication requires a valid Date.');
  const primary = candidates[0]!;
  const time = Date.parse(primary);
  if (Number.isNaN(time)) throw ossAccessDenied('OSS authentication requires a valid Date.');
  if (Math.abs(time - now) > MAX_SKEW_MS) throw requestTimeTooSkewed(primary, now);
  return [...new Set(candidates)];
}

function principalOf(key: AccessKey): Principal {
  return { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId };
}
