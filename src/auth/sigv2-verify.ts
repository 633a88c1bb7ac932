import { createHmac } from 'node:crypto';
import { StorageError } from '../core/errors.js';
import type { AccessKey } from '../core/types.js';
import {
  MAX_SKEW_MS,
  accessDenied,
  invalidArgument,
  requestExpired,
  requestTimeTooSkewed,
  signatureMismatch,
  unknownAccessKey,
} from './auth-errors.js';
import type { AuthRequest } from './auth-request.js';
import type { AnonymousAuth, SigV2Auth } from './auth-result.js';
import { unsignedRequestPayload } from './payload-spec.js';
import { queryParams } from './query-params.js';
import { bytesEqual } from './signatures-equal.js';
import { headersReadAsUtf8 } from './canonical-headers.js';
import { sigV2CanonicalResource, sigV2StringToSign } from './sigv2-string-to-sign.js';

export interface SigV2VerifyOptions {
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** Epoch milliseconds. */
  readonly now: number;
  /** The bucket named by the Host header of a virtual-hosted request: it leads the signed resource. */
  readonly bucketFromHost?: string;
}

interface V2Parts {
  readonly via: 'header' | 'query';
  readonly accessKeyId: string;
  readonly signature: string;
  /** The Date lines to try, with whether x-amz-date is then left out of the x-amz-* lines. */
  readonly dates: readonly { readonly date: string; readonly omitAmzDate: boolean }[];
  readonly expiresAt?: number;
}

/**
 * Verifies AWS Signature Version 2 (`Authorization: AWS AKID:signature`, or the AWSAccessKeyId, Signature
 * and Expires query parameters). A request without either is anonymous.
 *
 * Throws StorageError: InvalidArgument (both mechanisms, bad Authorization or Expires), AccessDenied (no
 * date, expired URL), RequestTimeTooSkewed, InvalidAccessKeyId, SignatureDoesNotMatch.
 */
export async function verifySigV2(req: AuthRequest, options: SigV2VerifyOptions): Promise<SigV2Auth | AnonymousAuth> {
  const authorization = req.headers['authorization'];
  const query = queryParams(req.rawQuery);
  const presigned = query.has('AWSAccessKeyId') || query.has('Signature');
  if (authorization !== undefined && presigned) {
    throw invalidArgument(
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      'Authorization',
      authorization,
    );
  }
  if (authorization === undefined && !presigned)
    return { kind: 'anonymous', principal: null, payload: unsignedRequestPayload(req.headers) };

  const parts = authorization !== undefined ? headerParts(req, authorization, options.now) : queryParts(query, options.now);
  const key = await options.lookupKey(parts.accessKeyId);
  if (key === undefined) throw unknownAccessKey(parts.accessKeyId);

  const resource = sigV2CanonicalResource(req.rawPath, req.rawQuery, options.bucketFromHost);
  // botocore signs a path-style bucket request as the virtual-hosted one, `/bucket/` (and S3 accepts it).
  const resources = /^\/[^/?]+(\?|$)/.test(resource) ? [resource, resource.replace(/^(\/[^/?]+)/, '$1/')] : [resource];
  const provided = Buffer.from(parts.signature, 'base64');
  const commaLists = Object.entries(req.headers).some(([h, v]) => h.startsWith('x-amz-') && v.includes(','));
  const utf8 = headersReadAsUtf8(req.headers);
  const readings = utf8 === undefined ? [req.headers] : [req.headers, utf8];
  let first: string | undefined;
  for (const { date, omitAmzDate } of parts.dates) {
    const variants = (commaLists ? [false, true] : [false]).flatMap((joinCommaLists) =>
      resources.flatMap((r) => readings.map((headers) => ({ joinCommaLists, r, headers }))),
    );
    for (const { joinCommaLists, r, headers } of variants) {
      const toSign = sigV2StringToSign({ method: req.method, headers, date, resource: r, omitAmzDate, joinCommaLists });
      first ??= toSign;
      const computed = createHmac('sha1', key.secretAccessKey).update(toSign, 'utf8').digest();
      if (bytesEqual(computed, provided)) {
        return {
          kind: 'sigv2',
          principal: { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId },
          via: parts.via,
          payload: unsignedRequestPayload(req.headers),
          ...(parts.expiresAt !== undefined ? { expiresAt: parts.expiresAt } : {}),
        };
      }
    }
  }
  throw signatureMismatch({ accessKeyId: parts.accessKeyId, stringToSign: first ?? '', signatureProvided: parts.signature });
}

function headerParts(req: AuthRequest, authorization: string, now: number): V2Parts {
  const m = /^AWS ([^:\s]+):(\S+)$/.exec(authorization.trim());
  if (m === null)
    throw invalidArgument("Authorization header is invalid -- one and only one ' ' (space) required", 'Authorization', authorization);
  const amzDate = req.headers['x-amz-date'];
  const date = req.headers['date'];
  const time = Date.parse(amzDate ?? date ?? '');
  // A date before the epoch is no valid date to S3 (AccessDenied), not merely a skewed one.
  if (Number.isNaN(time) || time < 0) throw accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  if (Math.abs(time - now) > MAX_SKEW_MS) throw requestTimeTooSkewed(amzDate ?? date ?? '', now);
  // With x-amz-date, clients either sign it as an x-amz-* header under an empty Date line (botocore,
  // s3cmd) or put its value on the Date line (the AWS documentation's DELETE example).
  const dates =
    amzDate === undefined
      ? [{ date: date ?? '', omitAmzDate: false }]
      : [
          { date: '', omitAmzDate: false },
          { date: amzDate.trim(), omitAmzDate: true },
        ];
  return { via: 'header', accessKeyId: m[1]!, signature: m[2]!, dates };
}

function queryParts(query: Map<string, string>, now: number): V2Parts {
  const accessKeyId = query.get('AWSAccessKeyId');
  const signature = query.get('Signature');
  const expires = query.get('Expires');
  if (!accessKeyId || !signature || expires === undefined) {
    throw new StorageError('AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters');
  }
  if (!/^\d+$/.test(expires)) throw invalidArgument('Expires must be a number of seconds since the epoch', 'Expires', expires);
  const expiresAt = Number(expires) * 1000;
  if (now > expiresAt) throw requestExpired(expiresAt, now);
  return { via: 'query', accessKeyId, signature, dates: [{ date: expires, omitAmzDate: false }], expiresAt };
}
