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
  'RequestHeaderTooLarge',
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
  /** The bucket's versioning or object lock state does not allow this. */
  'InvalidBucketState',
  /** A count limit other than buckets or parts (tags per bucket, reserved capacity units...). */
  'LimitExceeded',
  // objects
  'NoSuchKey',
  'KeyTooLong',
  'InvalidKey',
  'EntityTooLarge',
  'InvalidRange',
  'PreconditionFailed',
  /** A conditional write whose condition held when it arrived lost a race before it could commit. */
  'ConditionalRequestConflict',
  'NotModified',
  'InvalidStorageClass',
  'NoSuchVersion',
  'NoSuchObjectLockConfiguration',
  'InvalidRetentionPeriod',
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

/** What each code means, for docs/errors.md (a test keeps the two in step). */
export const storageErrorMeanings = {
  AccessDenied: 'The caller may not do this (another account, a denied action, an expired presigned URL).',
  InvalidAccessKeyId: 'The access key id is unknown.',
  SignatureDoesNotMatch: 'The signature does not match the one computed from the request and the secret.',
  RequestTimeTooSkewed: 'The request time is more than 15 minutes from the server time.',
  ExpiredRequest: 'A signed request or URL is past its expiry.',
  AuthorizationMalformed: 'The Authorization header or credential scope is malformed (wrong region or service).',
  MissingSecurityHeader: 'A header the signature needs is missing.',
  InvalidArgument: 'A parameter has an invalid value.',
  InvalidRequest: 'The request is not valid as a whole (conflicting or unsupported options).',
  InvalidURI: 'The path cannot be decoded.',
  MalformedXML: 'The XML body is not well-formed or does not follow the schema.',
  MalformedJSON: 'The JSON body is not well-formed.',
  MissingParameter: 'A required parameter is missing.',
  MissingContentLength: 'The body length was not declared.',
  RequestTimeout: 'The client sent nothing for longer than the idle timeout.',
  RequestBodyTooLarge: 'A request document is larger than the server accepts.',
  RequestHeaderTooLarge: 'The request line and headers are larger than the server accepts (16 KiB).',
  MethodNotAllowed: 'The method is not allowed on this resource.',
  NotImplemented: 'Cairn does not implement this operation or header.',
  InvalidDigest: 'The Content-MD5 (or checksum) value is not valid.',
  BadDigest: 'The Content-MD5 does not match the body.',
  ChecksumMismatch: 'A checksum (CRC, SHA, tree hash) does not match the body.',
  ContentSha256Mismatch: 'The x-amz-content-sha256 does not match the body.',
  IncompleteBody: 'The body is shorter or longer than declared.',
  NoSuchBucket: 'The bucket or vault does not exist.',
  BucketAlreadyExists: 'Another account owns a bucket with this name.',
  BucketAlreadyOwnedByYou: 'You already own a bucket with this name.',
  BucketNotEmpty: 'The bucket still holds objects or incomplete uploads.',
  InvalidBucketName: 'The bucket name breaks the naming rules.',
  TooManyBuckets: 'The account has too many buckets.',
  LimitExceeded: 'A per-resource limit would be exceeded (tags, provisioned capacity units).',
  NoSuchJob: 'The job does not exist or has expired.',
  NoSuchConfiguration: 'The bucket has no such configuration (lifecycle, policy, tags...).',
  InvalidTag: 'A tag is not valid.',
  InvalidBucketState: 'The bucket is in a state that does not allow this (object lock without versioning, suspending a locked bucket).',
  NoSuchVersion: 'The version does not exist.',
  NoSuchObjectLockConfiguration: 'The object version has no retention or legal hold.',
  InvalidRetentionPeriod: 'A default retention period is not a positive number of days or years.',
  NoSuchKey: 'The object does not exist.',
  KeyTooLong: 'The key is longer than 1024 bytes.',
  InvalidKey: 'The key is empty or not valid UTF-8.',
  EntityTooLarge: 'The body or part is larger than allowed.',
  InvalidRange: 'The requested range is not satisfiable.',
  PreconditionFailed: 'A condition (If-Match, If-Unmodified-Since...) does not hold.',
  ConditionalRequestConflict:
    'A conditional write held when it arrived, but a concurrent delete changed the object before it could commit; retry it.',
  NotModified: 'The object was not modified (If-None-Match, If-Modified-Since).',
  InvalidStorageClass: 'The storage class is not one Cairn keeps.',
  NoSuchUpload: 'The upload does not exist, was aborted, or was completed.',
  InvalidPart: 'A listed part was not uploaded, or its entity tag or checksum does not match.',
  InvalidPartOrder: 'The part list is not in ascending order.',
  InvalidPartNumber: 'The requested part number is not satisfiable.',
  EntityTooSmall: 'A part other than the last is smaller than the minimum part size.',
  TooManyParts: 'The upload has more parts than allowed.',
  InvalidUploadState: 'The upload is in a state that does not allow this.',
  ServiceUnavailable: 'The store cannot serve right now (for example the data directory is not writable).',
  InternalError: 'An unexpected failure; the cause is in the server log with the request id.',
} as const satisfies Record<StorageErrorCode, string>;
