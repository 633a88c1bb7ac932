import { StorageError } from '../core/errors.js';
import { isoSeconds } from './amz-date.js';

/** Constructors for the errors authentication raises, with the messages and details S3 uses. */

export const MAX_SKEW_MS = 15 * 60 * 1000;

export function authorizationMalformed(reason: string, details: Record<string, string> = {}): StorageError {
  return new StorageError('AuthorizationMalformed', `The authorization header is malformed; ${reason}`, details);
}

/** A presigned URL's X-Amz-* parameters are missing or malformed (S3: AuthorizationQueryParametersError). */
export function queryAuthMalformed(message: string): StorageError {
  return new StorageError('AuthorizationMalformed', message);
}

export function wrongRegion(got: string, expected: string): StorageError {
  return authorizationMalformed(`the region '${got}' is wrong; expecting '${expected}'`, { Region: expected });
}

export function unknownAccessKey(accessKeyId: string): StorageError {
  return new StorageError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', {
    AWSAccessKeyId: accessKeyId,
  });
}

export interface MismatchFacts {
  readonly accessKeyId?: string;
  readonly stringToSign: string;
  readonly signatureProvided: string;
  readonly canonicalRequest?: string;
}

export function signatureMismatch(f: MismatchFacts): StorageError {
  return new StorageError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      AWSAccessKeyId: f.accessKeyId,
      StringToSign: f.stringToSign,
      SignatureProvided: f.signatureProvided,
      CanonicalRequest: f.canonicalRequest,
    },
  );
}

export function requestTimeTooSkewed(requestTime: string, now: number): StorageError {
  return new StorageError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', {
    RequestTime: requestTime,
    ServerTime: isoSeconds(now),
    MaxAllowedSkewMilliseconds: MAX_SKEW_MS,
  });
}

export function requestExpired(expiresAt: number, now: number): StorageError {
  return new StorageError('AccessDenied', 'Request has expired', { Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(now) });
}

export function requestNotYetValid(requestTime: string, now: number): StorageError {
  return new StorageError('AccessDenied', 'Request is not valid yet', { RequestTime: requestTime, ServerTime: isoSeconds(now) });
}

export function accessDenied(message: string, details: Record<string, string> = {}): StorageError {
  return new StorageError('AccessDenied', message, details);
}

export function invalidArgument(message: string, name: string, value: string | undefined): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}

export function incompleteBody(
  message = 'You did not provide the number of bytes specified by the Content-Length HTTP header',
): StorageError {
  return new StorageError('IncompleteBody', message);
}

export function invalidRequest(message: string): StorageError {
  return new StorageError('InvalidRequest', message);
}
