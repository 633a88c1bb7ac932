import type { StorageError, StorageErrorCode } from '../../core/errors.js';
import type { BucketConfigName } from '../../core/types.js';
import { ownMessage, type ErrorWording } from '../common/error-wording.js';

export interface OssErrorEntry {
  readonly status: number;
  /** The `<Code>` OSS clients match on (ali-oss names its errors `${Code}Error`). */
  readonly code: string;
  /** OSS's words for the code: a fixed sentence, or the error's own message (with OSS's default). */
  readonly message: ErrorWording;
  /** OSS's error-code-center id, where OSS documents one for the case (`<EC>`, `x-oss-ec`, RecommendDoc). */
  readonly ec?: string;
}

const noSuchUploadMessage =
  'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.';

/**
 * How OSS answers each core error: HTTP status, wire code and OSS's message. Codes with one meaning have
 * OSS's fixed sentence (core messages are neutral, for the log); codes whose errors say what exactly is
 * wrong carry the error's own message. Where OSS has no code of its own, the nearest one it uses is
 * chosen and the comment says why.
 */
export const ossErrors = {
  AccessDenied: { status: 403, code: 'AccessDenied', message: ownMessage('You have no right to access this object.') },
  InvalidAccessKeyId: {
    status: 403,
    code: 'InvalidAccessKeyId',
    message: ownMessage('The OSS Access Key Id you provided does not exist in our records.'),
  },
  SignatureDoesNotMatch: {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: ownMessage(
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    ),
    ec: '0002-00000040',
  },
  RequestTimeTooSkewed: {
    status: 403,
    code: 'RequestTimeTooSkewed',
    message: ownMessage('The difference between the request time and the current time is too large.'),
  },
  // OSS answers an expired presigned URL with AccessDenied.
  ExpiredRequest: { status: 403, code: 'AccessDenied', message: ownMessage('Request has expired.') },
  // OSS reports any malformed Authorization header as InvalidArgument.
  AuthorizationMalformed: { status: 400, code: 'InvalidArgument', message: ownMessage('Authorization header is invalid.') },
  MissingSecurityHeader: { status: 400, code: 'InvalidArgument', message: ownMessage('A required header is missing.') },
  InvalidArgument: { status: 400, code: 'InvalidArgument', message: ownMessage('Invalid Argument.') },
  // OSS has no InvalidRequest; what the core refuses this way (copying an object onto itself unchanged...)
  // OSS refuses as InvalidArgument.
  InvalidRequest: { status: 400, code: 'InvalidArgument', message: ownMessage('The request is not valid.') },
  // A path whose percent-escapes do not decode: OSS has no code of its own for it.
  InvalidURI: { status: 400, code: 'InvalidArgument', message: ownMessage("Couldn't parse the specified URI.") },
  MalformedXML: {
    status: 400,
    code: 'MalformedXML',
    message: 'The XML you provided was not well-formed or did not validate against our published schema.',
  },
  // The only JSON OSS reads is a bucket policy.
  MalformedJSON: { status: 400, code: 'InvalidPolicyDocument', message: ownMessage('The content of the policy is not valid JSON.') },
  MissingParameter: { status: 400, code: 'MissingArgument', message: ownMessage('Missing Some Required Arguments.') },
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
  RequestBodyTooLarge: { status: 400, code: 'InvalidArgument', message: 'Your request body is too large.' },
  RequestHeaderTooLarge: { status: 400, code: 'InvalidArgument', message: 'Your request headers are too large.' },
  MethodNotAllowed: {
    status: 405,
    code: 'MethodNotAllowed',
    message: ownMessage('The specified method is not allowed against this resource.'),
  },
  // OSS documents NotImplemented with status 400, and oss2 maps (400, NotImplemented) to its exception.
  NotImplemented: {
    status: 400,
    code: 'NotImplemented',
    message: ownMessage('A header you provided implies functionality that is not implemented.'),
  },
  InvalidDigest: { status: 400, code: 'InvalidDigest', message: 'The Content-MD5 you specified was invalid.' },
  // OSS answers a Content-MD5 that does not match the body with InvalidDigest too.
  BadDigest: { status: 400, code: 'InvalidDigest', message: 'The Content-MD5 you specified was invalid.' },
  ChecksumMismatch: { status: 400, code: 'InvalidDigest', message: 'The checksum you specified did not match what we received.' },
  // OSS V4 never signs the payload, so this only arises from an S3-style header on an OSS request.
  ContentSha256Mismatch: {
    status: 400,
    code: 'InvalidDigest',
    message: ownMessage('The payload hash you specified did not match what we received.'),
  },
  IncompleteBody: {
    status: 400,
    code: 'IncompleteBody',
    message: ownMessage('You did not provide the number of bytes specified by the Content-Length HTTP header.'),
  },
  NoSuchBucket: {
    status: 404,
    code: 'NoSuchBucket',
    message: 'The specified bucket does not exist.',
    ec: '0015-00000101',
  },
  BucketAlreadyExists: {
    status: 409,
    code: 'BucketAlreadyExists',
    message:
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
  },
  // OSS has one code for a taken name, whoever owns it.
  BucketAlreadyOwnedByYou: { status: 409, code: 'BucketAlreadyExists', message: 'The requested bucket name is not available.' },
  // The core's message says what is left (objects, incomplete uploads) and how to clear it; it is kept.
  BucketNotEmpty: {
    status: 409,
    code: 'BucketNotEmpty',
    message: ownMessage('The bucket has objects. Please delete them first.'),
    ec: '0015-00000301',
  },
  InvalidBucketName: { status: 400, code: 'InvalidBucketName', message: ownMessage('The specified bucket is not valid.') },
  TooManyBuckets: { status: 400, code: 'TooManyBuckets', message: ownMessage('You have attempted to create more buckets than allowed.') },
  LimitExceeded: { status: 400, code: 'InvalidArgument', message: ownMessage('A limit on the number of items was exceeded.') },
  NoSuchJob: { status: 404, code: 'NoSuchKey', message: 'The specified job does not exist.' },
  // Refined per configuration by ossErrorFor (NoSuchLifecycle...).
  NoSuchConfiguration: { status: 404, code: 'NoSuchConfiguration', message: 'The specified configuration does not exist.' },
  InvalidTag: { status: 400, code: 'InvalidArgument', message: ownMessage('The tag provided was not a valid tag.') },
  InvalidBucketState: {
    status: 409,
    code: 'InvalidBucketState',
    message: ownMessage('The request is not valid with the current state of the bucket.'),
  },
  InvalidRetentionPeriod: { status: 400, code: 'InvalidArgument', message: ownMessage('The retention period is not valid.') },
  NoSuchVersion: { status: 404, code: 'NoSuchVersion', message: 'The specified version does not exist.' },
  // OSS keeps no object lock per version (its retention is a bucket WORM policy).
  NoSuchObjectLockConfiguration: { status: 404, code: 'NoSuchKey', message: 'The object has no retention or legal hold.' },
  NoSuchKey: { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.', ec: '0026-00000001' },
  KeyTooLong: { status: 400, code: 'InvalidObjectName', message: 'The Length of Object name must be less than 1024.' },
  InvalidKey: { status: 400, code: 'InvalidObjectName', message: ownMessage('The name of the object is not valid.') },
  EntityTooLarge: {
    status: 400,
    code: 'EntityTooLarge',
    message: 'Your proposed upload exceeds the maximum allowed size.',
  },
  InvalidRange: { status: 416, code: 'InvalidRange', message: 'The requested range cannot be satisfied.' },
  PreconditionFailed: {
    status: 412,
    code: 'PreconditionFailed',
    message: 'At least one of the pre-conditions you specified did not hold.',
  },
  // OSS documents no code for a conditional write that lost a race; S3's is the one clients know.
  ConditionalRequestConflict: {
    status: 409,
    code: 'ConditionalRequestConflict',
    message: 'A conflicting operation occurred while the request was processed. Retry the request.',
  },
  NotModified: { status: 304, code: 'NotModified', message: 'Not Modified' },
  InvalidStorageClass: { status: 400, code: 'InvalidArgument', message: ownMessage('The storage class you specified is not valid.') },
  NoSuchUpload: { status: 404, code: 'NoSuchUpload', message: noSuchUploadMessage, ec: '0017-00000244' },
  InvalidPart: {
    status: 400,
    code: 'InvalidPart',
    message:
      "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
  },
  InvalidPartOrder: {
    status: 400,
    code: 'InvalidPartOrder',
    message: 'The list of parts was not in ascending order. Parts list must specified in order by part number.',
    ec: '0042-00000209',
  },
  // GET ?partNumber is not an OSS operation; an S3-style part read that does not fit is an argument error.
  InvalidPartNumber: { status: 400, code: 'InvalidArgument', message: 'The part number you asked for does not exist.' },
  EntityTooSmall: {
    status: 400,
    code: 'EntityTooSmall',
    message: 'Your proposed upload smaller than the minimum allowed size.',
    ec: '0042-00000213',
  },
  // OSS part numbers stop at 10,000 and it has no code of its own; Cairn's limit is configurable.
  TooManyParts: { status: 400, code: 'InvalidArgument', message: ownMessage('You have attempted to upload more parts than allowed.') },
  // A finished upload is gone as far as OSS clients are concerned.
  InvalidUploadState: { status: 404, code: 'NoSuchUpload', message: noSuchUploadMessage, ec: '0017-00000244' },
  ServiceUnavailable: { status: 503, code: 'ServiceUnavailable', message: ownMessage('Please reduce your request rate.') },
  InternalError: { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
} as const satisfies Record<StorageErrorCode, OssErrorEntry>;

/** OSS's code for a missing bucket configuration, by configuration. */
export const ossNoSuchConfigurationErrors = {
  lifecycle: { code: 'NoSuchLifecycle', message: 'No Row found in Lifecycle Table.' },
  policy: { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist.' },
  tags: { code: 'NoSuchTagSet', message: 'The TagSet does not exist.' },
  cors: { code: 'NoSuchCORSConfiguration', message: 'The CORS configuration does not exist.' },
  lock: { code: 'NoSuchWORMConfiguration', message: 'The WORM configuration does not exist.' },
  notifications: { code: 'NoSuchConfiguration', message: 'The notification configuration does not exist.' },
  acl: { code: 'NoSuchConfiguration', message: 'The access control list does not exist.' },
  versioning: { code: 'NoSuchConfiguration', message: 'The versioning configuration does not exist.' },
  encryption: { code: 'NoSuchServerSideEncryptionRule', message: 'The server side encryption configuration was not found.' },
} as const satisfies Record<BucketConfigName, Pick<OssErrorEntry, 'code' | 'message'>>;

/**
 * OSS codes with no core counterpart. The dialect raises a core error (PreconditionFailed, InvalidRequest)
 * carrying the OSS code in the `OssCode` detail, and the renderer answers with this entry.
 */
export const ossOnlyErrors = {
  FileAlreadyExists: {
    status: 409,
    code: 'FileAlreadyExists',
    message: 'The object you specified already exists and can not be overwritten.',
  },
  PositionNotEqualToLength: {
    status: 409,
    code: 'PositionNotEqualToLength',
    message: 'Position is not equal to file length.',
  },
  ObjectNotAppendable: { status: 409, code: 'ObjectNotAppendable', message: 'The object is not appendable.' },
  // PostObject: a policy document that does not parse, a form that is not multipart/form-data or is broken.
  InvalidPolicyDocument: { status: 400, code: 'InvalidPolicyDocument', message: ownMessage('Invalid Policy.') },
  RequestIsNotMultiPartContent: {
    status: 400,
    code: 'RequestIsNotMultiPartContent',
    message: 'Bucket POST must be of the enclosure-type multipart/form-data.',
  },
  MalformedPOSTRequest: {
    status: 400,
    code: 'MalformedPOSTRequest',
    message: 'The body of your POST request is not well-formed multipart/form-data.',
  },
  InvalidEncryptionAlgorithmError: {
    status: 400,
    code: 'InvalidEncryptionAlgorithmError',
    message: 'The Encryption request you specified is not valid. Supported value: AES256/KMS/SM4.',
  },
} as const satisfies Record<string, OssErrorEntry>;

export type OssOnlyCode = keyof typeof ossOnlyErrors;
export const OSS_CODE_DETAIL = 'OssCode';

/** Detail naming which configuration is missing on a NoSuchConfiguration error (core/buckets/bucket-config.ts). */
export const CONFIGURATION_DETAIL = 'Configuration';

/** The OSS status, code, message and EC of an error (NoSuchConfiguration refined by its detail). */
export function ossErrorFor(error: StorageError): OssErrorEntry {
  const ossCode = error.details[OSS_CODE_DETAIL];
  if (typeof ossCode === 'string' && Object.hasOwn(ossOnlyErrors, ossCode)) return ossOnlyErrors[ossCode as OssOnlyCode];
  const entry: OssErrorEntry = ossErrors[error.code];
  if (error.code !== 'NoSuchConfiguration') return entry;
  const name = error.details[CONFIGURATION_DETAIL];
  if (typeof name !== 'string' || !Object.hasOwn(ossNoSuchConfigurationErrors, name)) return entry;
  return { status: entry.status, ...ossNoSuchConfigurationErrors[name as BucketConfigName] };
}
