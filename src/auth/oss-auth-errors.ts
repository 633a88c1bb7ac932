import { StorageError } from '../core/errors.js';
import { isoSeconds } from './amz-date.js';

/**
 * The errors OSS answers to a request it cannot authenticate, with the elements OSS puts in them. `EC`
 * details are OSS's error-code-center ids where OSS documents one for the case; the dialect renders them.
 */

export const OSS_SIGNATURE_MISMATCH_EC = '0002-00000040';

export function ossUnknownAccessKey(accessKeyId: string): StorageError {
  return new StorageError('InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.', {
    OSSAccessKeyId: accessKeyId,
  });
}

export interface OssMismatchFacts {
  readonly accessKeyId: string;
  readonly stringToSign: string;
  readonly signatureProvided: string;
  /** V4 only. */
  readonly canonicalRequest?: string;
}

/** OSS echoes what it signed, as text and as bytes, so that a client can diff it against its own. */
export function ossSignatureMismatch(f: OssMismatchFacts): StorageError {
  return new StorageError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    {
      OSSAccessKeyId: f.accessKeyId,
      SignatureProvided: f.signatureProvided,
      StringToSign: f.stringToSign,
      StringToSignBytes: stringBytes(f.stringToSign),
      CanonicalRequest: f.canonicalRequest,
      EC: OSS_SIGNATURE_MISMATCH_EC,
    },
  );
}

/** `47 45 54 0A ...`: the UTF-8 bytes in upper-case hex, as OSS writes StringToSignBytes. */
export function stringBytes(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

export function ossRequestExpired(expiresAt: number, now: number, ec?: string): StorageError {
  return new StorageError('AccessDenied', 'Request has expired.', {
    Expires: isoSeconds(expiresAt),
    ServerTime: isoSeconds(now),
    ...(ec === undefined ? {} : { EC: ec }),
  });
}

export function ossInvalidArgument(message: string, name: string, value: string | undefined, ec?: string): StorageError {
  return new StorageError('InvalidArgument', message, {
    ArgumentName: name,
    ArgumentValue: value,
    ...(ec === undefined ? {} : { EC: ec }),
  });
}

export function ossAccessDenied(message: string): StorageError {
  return new StorageError('AccessDenied', message);
}
