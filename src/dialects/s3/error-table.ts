import type { StorageError, StorageErrorCode } from '../../core/errors.js';
import type { BucketConfigName } from '../../core/types.js';
import { ownMessage, type ErrorWording } from '../common/error-wording.js';

export interface S3ErrorEntry {
  readonly status: number;
  /** The `<Code>` S3 clients match on. */
  readonly code: string;
  /** S3's words for the code: a fixed sentence, or the error's own message (with S3's default). */
  readonly message: ErrorWording;
}

/**
 * How S3 answers each core error: HTTP status, wire code and S3's message. Codes with one meaning have
 * S3's fixed sentence (core messages are neutral, for the log); codes whose errors say what exactly is
 * wrong (InvalidArgument, InvalidRequest...) carry the error's own message. Where S3 has no code of its
 * own the nearest one it uses is chosen, and the comment says why.
 */
export const s3Errors = {
  AccessDenied: { status: 403, code: 'AccessDenied', message: ownMessage('Access Denied') },
  InvalidAccessKeyId: {
    status: 403,
    code: 'InvalidAccessKeyId',
    message: ownMessage('The AWS Access Key Id you provided does not exist in our records.'),
  },
  SignatureDoesNotMatch: {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: ownMessage(
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ),
  },
  RequestTimeTooSkewed: {
    status: 403,
    code: 'RequestTimeTooSkewed',
    message: ownMessage("The difference between the request time and the server's time is too large."),
  },
  // S3 answers an expired presigned URL with AccessDenied.
  ExpiredRequest: { status: 403, code: 'AccessDenied', message: ownMessage('Request has expired') },
  AuthorizationMalformed: {
    status: 400,
    code: 'AuthorizationHeaderMalformed',
    message: ownMessage('The authorization header you provided is invalid.'),
  },
  MissingSecurityHeader: {
    status: 400,
    code: 'MissingSecurityHeader',
    message: ownMessage('Your request is missing a required header.'),
  },
  InvalidArgument: { status: 400, code: 'InvalidArgument', message: ownMessage('Invalid Argument') },
  InvalidRequest: { status: 400, code: 'InvalidRequest', message: ownMessage('Invalid Request') },
  InvalidURI: { status: 400, code: 'InvalidURI', message: ownMessage("Couldn't parse the specified URI.") },
  InvalidTag: { status: 400, code: 'InvalidTag', message: ownMessage('The tag provided was not a valid tag.') },
  InvalidBucketState: {
    status: 409,
    code: 'InvalidBucketState',
    message: ownMessage('The request is not valid with the current state of the bucket.'),
  },
  NoSuchVersion: {
    status: 404,
    code: 'NoSuchVersion',
    message: 'The specified version does not exist.',
  },
  InvalidRetentionPeriod: {
    status: 400,
    code: 'InvalidRetentionPeriod',
    message: ownMessage('Default retention period must be a positive integer value.'),
  },
  NoSuchObjectLockConfiguration: {
    status: 404,
    code: 'NoSuchObjectLockConfiguration',
    message: 'The specified object does not have a ObjectLock configuration',
  },
  // S3 reports a count limit it has no code for (too many tags...) as a bad request.
  LimitExceeded: { status: 400, code: 'InvalidRequest', message: ownMessage('A limit on the number of resources was exceeded.') },
  MalformedXML: {
    status: 400,
    code: 'MalformedXML',
    message: 'The XML you provided was not well-formed or did not validate against our published schema',
  },
  // The only JSON S3 reads is a bucket policy, and S3 answers a policy that does not parse this way.
  MalformedJSON: {
    status: 400,
    code: 'MalformedPolicy',
    message: ownMessage("Policies must be valid JSON and the first byte must be '{'"),
  },
  // S3 has no MissingParameter; it reports a missing query parameter as InvalidRequest.
  MissingParameter: { status: 400, code: 'InvalidRequest', message: ownMessage('The request is missing a required parameter.') },
  MissingContentLength: {
    status: 411,
    code: 'MissingContentLength',
    message: ownMessage('You must provide the Content-Length HTTP header.'),
  },
  RequestTimeout: {
    status: 400,
    code: 'RequestTimeout',
    message: ownMessage('Your socket connection to the server was not read from or written to within the timeout period.'),
  },
  RequestBodyTooLarge: { status: 400, code: 'MaxMessageLengthExceeded', message: 'Your request was too big.' },
  RequestHeaderTooLarge: {
    status: 400,
    code: 'RequestHeaderSectionTooLarge',
    message: 'Your request header section exceeds the maximum allowed size.',
  },
  MethodNotAllowed: {
    status: 405,
    code: 'MethodNotAllowed',
    message: ownMessage('The specified method is not allowed against this resource.'),
  },
  NotImplemented: {
    status: 501,
    code: 'NotImplemented',
    message: ownMessage('A header you provided implies functionality that is not implemented'),
  },
  InvalidDigest: { status: 400, code: 'InvalidDigest', message: 'The Content-MD5 you specified was invalid.' },
  BadDigest: {
    status: 400,
    code: 'BadDigest',
    message: 'The Content-MD5 you specified did not match what we received.',
  },
  // S3 reports an x-amz-checksum-* mismatch as BadDigest too.
  ChecksumMismatch: {
    status: 400,
    code: 'BadDigest',
    message: (e) => `The ${String(e.details.Algorithm ?? 'checksum')} you specified did not match the calculated checksum.`,
  },
  ContentSha256Mismatch: {
    status: 400,
    code: 'XAmzContentSHA256Mismatch',
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  },
  IncompleteBody: {
    status: 400,
    code: 'IncompleteBody',
    message: ownMessage('You did not provide the number of bytes specified by the Content-Length HTTP header.'),
  },
  NoSuchBucket: { status: 404, code: 'NoSuchBucket', message: 'The specified bucket does not exist' },
  BucketAlreadyExists: {
    status: 409,
    code: 'BucketAlreadyExists',
    message:
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
  },
  BucketAlreadyOwnedByYou: {
    status: 409,
    code: 'BucketAlreadyOwnedByYou',
    message: 'Your previous request to create the named bucket succeeded and you already own it.',
  },
  BucketNotEmpty: { status: 409, code: 'BucketNotEmpty', message: ownMessage('The bucket you tried to delete is not empty') },
  InvalidBucketName: { status: 400, code: 'InvalidBucketName', message: ownMessage('The specified bucket is not valid.') },
  TooManyBuckets: {
    status: 400,
    code: 'TooManyBuckets',
    message: ownMessage('You have attempted to create more buckets than allowed'),
  },
  // Refined per configuration by s3ErrorFor (NoSuchLifecycleConfiguration, NoSuchTagSet...).
  NoSuchConfiguration: {
    status: 404,
    code: 'NoSuchConfiguration',
    message: 'The specified configuration does not exist.',
  },
  NoSuchKey: { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' },
  KeyTooLong: { status: 400, code: 'KeyTooLongError', message: 'Your key is too long' },
  // S3 accepts any UTF-8 key up to 1024 bytes and has no code for a key it refuses.
  InvalidKey: { status: 400, code: 'InvalidArgument', message: ownMessage('The specified key is not valid.') },
  EntityTooLarge: {
    status: 400,
    code: 'EntityTooLarge',
    message: 'Your proposed upload exceeds the maximum allowed size',
  },
  InvalidRange: { status: 416, code: 'InvalidRange', message: 'The requested range is not satisfiable' },
  PreconditionFailed: {
    status: 412,
    code: 'PreconditionFailed',
    message: 'At least one of the pre-conditions you specified did not hold',
  },
  ConditionalRequestConflict: {
    status: 409,
    code: 'ConditionalRequestConflict',
    message:
      'A conflicting operation occurred. If using PutObject you can retry the request. If using CompleteMultipartUpload you will need to start a new multipart upload.',
  },
  NotModified: { status: 304, code: 'NotModified', message: 'Not Modified' },
  InvalidStorageClass: {
    status: 400,
    code: 'InvalidStorageClass',
    message: ownMessage('The storage class you specified is not valid'),
  },
  NoSuchUpload: {
    status: 404,
    code: 'NoSuchUpload',
    message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  },
  InvalidPart: {
    status: 400,
    code: 'InvalidPart',
    message:
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  },
  InvalidPartOrder: {
    status: 400,
    code: 'InvalidPartOrder',
    message: 'The list of parts was not in ascending order. Parts must be ordered by part number.',
  },
  // GetObject/HeadObject ?partNumber beyond the object's parts: S3 answers 400 InvalidPart (ceph/s3-tests
  // test_multipart_get_part, checked against AWS).
  InvalidPartNumber: { status: 400, code: 'InvalidPart', message: 'The requested partnumber is not satisfiable' },
  EntityTooSmall: {
    status: 400,
    code: 'EntityTooSmall',
    message: 'Your proposed upload is smaller than the minimum allowed object size.',
  },
  // S3 cannot exceed 10,000 parts (part numbers stop there) and so has no code; Cairn's limit is configurable.
  TooManyParts: {
    status: 400,
    code: 'InvalidArgument',
    message: ownMessage('You have attempted to upload more parts than allowed.'),
  },
  // A finished upload (completed or aborted) is gone as far as S3 clients are concerned.
  InvalidUploadState: {
    status: 404,
    code: 'NoSuchUpload',
    message: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  },
  // Retrieval jobs belong to Glacier; S3 never raises this.
  NoSuchJob: { status: 404, code: 'NoSuchKey', message: 'The specified job does not exist.' },
  ServiceUnavailable: { status: 503, code: 'ServiceUnavailable', message: ownMessage('Please reduce your request rate.') },
  InternalError: { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
} as const satisfies Record<StorageErrorCode, S3ErrorEntry>;

/** S3's code for a missing bucket configuration, by configuration. */
export const s3NoSuchConfigurationErrors = {
  lifecycle: { code: 'NoSuchLifecycleConfiguration', message: 'The lifecycle configuration does not exist' },
  policy: { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist' },
  tags: { code: 'NoSuchTagSet', message: 'The TagSet does not exist' },
  cors: { code: 'NoSuchCORSConfiguration', message: 'The CORS configuration does not exist' },
  lock: {
    code: 'ObjectLockConfigurationNotFoundError',
    message: 'Object Lock configuration does not exist for this bucket',
  },
  // S3 answers these with an empty document rather than an error; the generic code is a fallback.
  notifications: { code: 'NoSuchConfiguration', message: 'The notification configuration does not exist.' },
  acl: { code: 'NoSuchConfiguration', message: 'The access control list does not exist.' },
  versioning: { code: 'NoSuchConfiguration', message: 'The versioning configuration does not exist.' },
  encryption: {
    code: 'ServerSideEncryptionConfigurationNotFoundError',
    message: 'The server side encryption configuration was not found',
  },
} as const satisfies Record<BucketConfigName, Omit<S3ErrorEntry, 'status'>>;

/** Detail naming which configuration is missing (a BucketConfigName) on a NoSuchConfiguration error. */
export const CONFIGURATION_DETAIL = 'Configuration';

/** The S3 status, code and default message for an error (NoSuchConfiguration refined by its detail). */
export function s3ErrorFor(error: StorageError): S3ErrorEntry {
  const entry: S3ErrorEntry = s3Errors[error.code];
  if (error.code !== 'NoSuchConfiguration') return entry;
  const name = error.details[CONFIGURATION_DETAIL];
  if (typeof name !== 'string' || !Object.hasOwn(s3NoSuchConfigurationErrors, name)) return entry;
  return { status: entry.status, ...s3NoSuchConfigurationErrors[name as BucketConfigName] };
}
