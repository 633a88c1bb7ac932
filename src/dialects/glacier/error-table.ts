import type { StorageError, StorageErrorCode } from '../../core/errors.js';
import { ownMessage, type ErrorWording } from '../common/error-wording.js';

export interface GlacierErrorEntry {
  readonly status: number;
  /** The `code` member clients map to exception classes. */
  readonly code: string;
  readonly type: 'Client' | 'Server';
  /** Glacier's words for the code: mostly the error's own message (Glacier's are specific), else a fixed one. */
  readonly message: ErrorWording;
}

/** Wording helpers: a plain string is the error's own message with that default; `fixed` words every error so. */
type Wording = string | { readonly fixed: ErrorWording };
const fixed = (message: ErrorWording): Wording => ({ fixed: message });
const wording = (w: Wording): ErrorWording => (typeof w === 'string' ? ownMessage(w) : w.fixed);
const entry = (status: number, code: string, w: Wording): GlacierErrorEntry => ({ status, code, type: 'Client', message: wording(w) });
const invalid = (w: Wording): GlacierErrorEntry => entry(400, 'InvalidParameterValueException', w);
const missing = (w: Wording): GlacierErrorEntry => entry(400, 'MissingParameterValueException', w);
const notFound = (w: Wording): GlacierErrorEntry => entry(404, 'ResourceNotFoundException', w);
const denied = (w: Wording): GlacierErrorEntry => entry(403, 'AccessDeniedException', w);
const detail = (e: StorageError, name: string): string => String(e.details[name] ?? '');

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
    message: ownMessage('The security token included in the request is invalid.'),
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
    message: ownMessage('Missing Authentication Token'),
  },
  InvalidArgument: invalid('Invalid parameter value.'),
  InvalidRequest: invalid('Invalid request.'),
  InvalidURI: invalid('Invalid URI.'),
  MalformedXML: entry(400, 'SerializationException', fixed('The request body could not be parsed.')),
  MalformedJSON: entry(400, 'SerializationException', 'The request body is not valid JSON.'),
  MissingParameter: missing('Required parameter missing.'),
  MissingContentLength: missing('Required parameter missing: Content-Length'),
  RequestTimeout: {
    status: 408,
    code: 'RequestTimeoutException',
    type: 'Client',
    message: ownMessage('The request body was not received within the timeout period.'),
  },
  RequestBodyTooLarge: invalid(
    fixed((e) =>
      e.details.MaxMessageLengthBytes === undefined
        ? 'The request body is too large.'
        : `The request body exceeds ${detail(e, 'MaxMessageLengthBytes')} bytes.`,
    ),
  ),
  RequestHeaderTooLarge: invalid(fixed('The request headers are too large.')),
  MethodNotAllowed: invalid('The method is not allowed on this resource.'),
  NotImplemented: invalid('This feature is not supported.'),
  InvalidDigest: invalid(fixed('Invalid checksum.')),
  BadDigest: invalid(fixed('Checksum mismatch.')),
  ChecksumMismatch: invalid('Checksum mismatch.'),
  ContentSha256Mismatch: invalid(fixed('SHA256 linear hash does not match: x-amz-content-sha256.')),
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
    message: ownMessage('The number of vaults exceeds the limit of 1000.'),
  },
  NoSuchConfiguration: notFound('The configuration does not exist.'),
  InvalidTag: invalid('Invalid tag.'),
  // Vaults are never versioned; these cannot arise through Glacier, mapped for completeness.
  InvalidBucketState: invalid('The vault is in a state that does not allow this.'),
  NoSuchVersion: notFound(fixed('Archive not found.')),
  InvalidRetentionPeriod: invalid('The retention period is not valid.'),
  NoSuchObjectLockConfiguration: notFound(fixed('The configuration does not exist.')),
  LimitExceeded: entry(400, 'LimitExceededException', 'A limit was exceeded.'),
  NoSuchKey: notFound(
    fixed((e) =>
      e.details.ArchiveArn !== undefined
        ? `Archive not found for ARN: ${detail(e, 'ArchiveArn')}`
        : e.details.Key === undefined
          ? 'Archive not found.'
          : `The archive was not found: ${detail(e, 'Key')}`,
    ),
  ),
  KeyTooLong: invalid(fixed('Invalid archive id.')),
  InvalidKey: invalid('Invalid archive id.'),
  EntityTooLarge: invalid(fixed('The archive is too large.')),
  InvalidRange: invalid('The requested range is not satisfiable.'),
  PreconditionFailed: invalid('A precondition failed.'),
  ConditionalRequestConflict: invalid('A conflicting operation occurred. Retry the request.'),
  NotModified: invalid('Not modified.'),
  InvalidStorageClass: invalid('Invalid storage class.'),
  NoSuchUpload: notFound(fixed('The multipart upload was not found.')),
  InvalidPart: invalid('A part of the multipart upload is missing or has changed.'),
  InvalidPartOrder: invalid(fixed('The parts are not in order.')),
  InvalidPartNumber: invalid('Invalid part.'),
  EntityTooSmall: invalid(fixed('A part other than the last is smaller than the part size.')),
  TooManyParts: invalid('The multipart upload exceeds the limit of 10000 parts.'),
  InvalidUploadState: notFound(fixed('The multipart upload was not found.')),
  NoSuchJob: notFound(
    fixed((e) => (e.details.JobId === undefined ? 'The job ID was not found.' : `The job ID was not found: ${detail(e, 'JobId')}`)),
  ),
  // Glacier's one server error; SDKs retry it.
  ServiceUnavailable: {
    status: 500,
    code: 'ServiceUnavailableException',
    type: 'Server',
    message: ownMessage('Service unavailable. Try again later.'),
  },
  InternalError: {
    status: 500,
    code: 'ServiceUnavailableException',
    type: 'Server',
    message: 'The service cannot serve the request right now. Try again later.',
  },
} as const satisfies Record<StorageErrorCode, GlacierErrorEntry>;
