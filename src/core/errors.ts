/**
 * The protocol-neutral error codes of Cairn. Every dialect maps each of them in a table checked with
 * `satisfies Record<StorageErrorCode, ...>`, so adding a code here breaks the build until every dialect
 * renders it.
 */
export const storageErrorCodes = [
  // requests and authentication (raised by auth/ and the dialects' parsers)
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'RequestTimeTooSkewed',
  'ExpiredRequest',
  'AuthorizationMalformed',
  'MissingSecurityHeader',
  'InvalidArgument',
  'InvalidRequest',
  'InvalidURI',
  'MalformedXML',
  'MalformedJSON',
  'MissingParameter',
  'MissingContentLength',
  'RequestTimeout',
  'RequestBodyTooLarge',
  'MethodNotAllowed',
  'NotImplemented',
  'InvalidDigest',
  'BadDigest',
  'ChecksumMismatch',
  'ContentSha256Mismatch',
  'IncompleteBody',
  // buckets
  'NoSuchBucket',
  'BucketAlreadyExists',
  'BucketAlreadyOwnedByYou',
  'BucketNotEmpty',
  'InvalidBucketName',
  'TooManyBuckets',
  'NoSuchConfiguration',
  'InvalidTag',
  /** A count limit other than buckets or parts (tags per bucket, reserved capacity units...). */
  'LimitExceeded',
  // objects
  'NoSuchKey',
  'KeyTooLong',
  'InvalidKey',
  'EntityTooLarge',
  'InvalidRange',
  'PreconditionFailed',
  'NotModified',
  'InvalidStorageClass',
  // multipart uploads
  'NoSuchUpload',
  'InvalidPart',
  'InvalidPartOrder',
  'InvalidPartNumber',
  'EntityTooSmall',
  'TooManyParts',
  'InvalidUploadState',
  // retrieval jobs (Glacier InitiateJob...)
  'NoSuchJob',
  // server
  'ServiceUnavailable',
  'InternalError',
] as const;

export type StorageErrorCode = (typeof storageErrorCodes)[number];

/** Extra facts a dialect may render (S3 adds them as XML elements, OSS likewise, Glacier in the message). */
export type ErrorDetails = Readonly<Record<string, string | number | undefined>>;

export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: StorageErrorCode,
    message?: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message ?? code, options);
  }
}

export function isStorageError(e: unknown, code?: StorageErrorCode): e is StorageError {
  return e instanceof StorageError && (code === undefined || e.code === code);
}
