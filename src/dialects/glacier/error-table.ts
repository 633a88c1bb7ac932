import type { StorageErrorCode } from '../../core/errors.js';

export interface GlacierErrorEntry {
  readonly status: number;
  /** The `code` member clients map to exception classes. */
  readonly code: string;
  readonly type: 'Client' | 'Server';
  /** Used when the error carries no message of its own. */
  readonly message: string;
}

const invalid = (message: string): GlacierErrorEntry => ({ status: 400, code: 'InvalidParameterValueException', type: 'Client', message });
const missing = (message: string): GlacierErrorEntry => ({ status: 400, code: 'MissingParameterValueException', type: 'Client', message });
const notFound = (message: string): GlacierErrorEntry => ({ status: 404, code: 'ResourceNotFoundException', type: 'Client', message });
const denied = (message: string): GlacierErrorEntry => ({ status: 403, code: 'AccessDeniedException', type: 'Client', message });

/**
 * How Glacier answers each core error: status, code and type of its JSON error body. Glacier has few
 * codes; most client mistakes are InvalidParameterValueException. Authentication failures are
 * AccessDeniedException 403 as the issue asks (real AWS says InvalidSignatureException for a bad
 * signature; neither is in the SDKs' model, so clients see the code either way).
 */
export const glacierErrors = {
  AccessDenied: denied('Access denied'),
  // AWS: UnrecognizedClientException for an access key it does not know.
  InvalidAccessKeyId: {
    status: 403,
    code: 'UnrecognizedClientException',
    type: 'Client',
    message: 'The security token included in the request is invalid.',
  },
  SignatureDoesNotMatch: denied('The request signature we calculated does not match the signature you provided.'),
  RequestTimeTooSkewed: denied('Signature expired: the request time is too far from the server time.'),
  ExpiredRequest: denied('Signature expired.'),
  AuthorizationMalformed: denied('The authorization header is malformed.'),
  // Raised for a request with no credentials at all.
  MissingSecurityHeader: {
    status: 400,
    code: 'MissingAuthenticationTokenException',
    type: 'Client',
    message: 'Missing Authentication Token',
  },
  InvalidArgument: invalid('Invalid parameter value.'),
  InvalidRequest: invalid('Invalid request.'),
  InvalidURI: invalid('Invalid URI.'),
  MalformedXML: { status: 400, code: 'SerializationException', type: 'Client', message: 'The request body could not be parsed.' },
  MalformedJSON: { status: 400, code: 'SerializationException', type: 'Client', message: 'The request body is not valid JSON.' },
  MissingParameter: missing('Required parameter missing.'),
  MissingContentLength: missing('Required parameter missing: Content-Length'),
  RequestTimeout: {
    status: 408,
    code: 'RequestTimeoutException',
    type: 'Client',
    message: 'The request body was not received within the timeout period.',
  },
  RequestBodyTooLarge: invalid('The request body is too large.'),
  MethodNotAllowed: invalid('The method is not allowed on this resource.'),
  NotImplemented: invalid('This feature is not supported.'),
  InvalidDigest: invalid('Invalid checksum.'),
  BadDigest: invalid('Checksum mismatch.'),
  ChecksumMismatch: invalid('Checksum mismatch.'),
  ContentSha256Mismatch: invalid('SHA256 linear hash does not match: x-amz-content-sha256.'),
  IncompleteBody: invalid('The request body is shorter than its Content-Length.'),
  NoSuchBucket: notFound('Vault not found.'),
  BucketAlreadyExists: invalid('The vault already exists.'),
  BucketAlreadyOwnedByYou: invalid('The vault already exists.'),
  BucketNotEmpty: invalid('Vault not empty or recently written to.'),
  InvalidBucketName: invalid('Invalid vault name.'),
  TooManyBuckets: {
    status: 400,
    code: 'LimitExceededException',
    type: 'Client',
    message: 'The number of vaults exceeds the limit of 1000.',
  },
  NoSuchConfiguration: notFound('The configuration does not exist.'),
  InvalidTag: invalid('Invalid tag.'),
  LimitExceeded: { status: 400, code: 'LimitExceededException', type: 'Client', message: 'A limit was exceeded.' },
  NoSuchKey: notFound('Archive not found.'),
  KeyTooLong: invalid('Invalid archive id.'),
  InvalidKey: invalid('Invalid archive id.'),
  EntityTooLarge: invalid('The archive is too large.'),
  InvalidRange: invalid('The requested range is not satisfiable.'),
  PreconditionFailed: invalid('A precondition failed.'),
  ConditionalRequestConflict: invalid('A conflicting operation occurred. Retry the request.'),
  NotModified: invalid('Not modified.'),
  InvalidStorageClass: invalid('Invalid storage class.'),
  NoSuchUpload: notFound('The multipart upload was not found.'),
  InvalidPart: invalid('A part of the multipart upload is missing or has changed.'),
  InvalidPartOrder: invalid('The parts are not in order.'),
  InvalidPartNumber: invalid('Invalid part.'),
  EntityTooSmall: invalid('A part other than the last is smaller than the part size.'),
  TooManyParts: invalid('The multipart upload exceeds the limit of 10000 parts.'),
  InvalidUploadState: notFound('The multipart upload was not found.'),
  NoSuchJob: notFound('The job ID was not found.'),
  // Glacier's one server error; SDKs retry it.
  ServiceUnavailable: {
    status: 500,
    code: 'ServiceUnavailableException',
    type: 'Server',
    message: 'Service unavailable. Try again later.',
  },
  InternalError: {
    status: 500,
    code: 'ServiceUnavailableException',
    type: 'Server',
    message: 'The service cannot serve the request right now. Try again later.',
  },
} as const satisfies Record<StorageErrorCode, GlacierErrorEntry>;
