/**
 * Request authentication (SigV4, SigV2, OSS V1 and V4) and body verification. An AWS-style dispatcher
 * uses it like this:
 *
 *   const auth = await authenticate(wire, { region, services: ['s3'], lookupKey, now: Date.now(), allowSigV2: true, bucketFromHost });
 *   // auth.kind === 'anonymous': the caller decides (public bucket, or AccessDenied)
 *   const body = requestBody(wire, auth); // decoded, verified bytes; iterate once
 *   // stream `body` into a temp blob and commit only once the loop ended without throwing
 *   const trailers = body.trailers(); // e.g. x-amz-checksum-crc32, for the checksum check
 *
 * The OSS dispatcher calls `authenticateOss(wire, { region, lookupKey, now, resource: { bucket, key } })`
 * instead, with the bucket and key its router found; the result's payload is unsigned, and `requestBody`
 * reads it the same way.
 */
export type { AuthRequest } from './auth-request.js';
export type { AnonymousAuth, AuthResult, SigV2Auth, SigV4Auth } from './auth-result.js';
export { type AuthenticateOptions, authenticate } from './authenticate.js';
export { MAX_PRESIGNED_EXPIRES_SECONDS, type SigV4VerifyOptions, sigV4ScopeOf, verifySigV4 } from './sigv4-verify.js';
export { type SigV2VerifyOptions, verifySigV2 } from './sigv2-verify.js';
export { sigV2CanonicalResource, sigV2StringToSign, sigV2SubResources } from './sigv2-string-to-sign.js';
export { type DecodedBody, payloadHashMismatch, requestBody, type RequestBodyOptions } from './request-body.js';
export {
  type ContentSha256,
  type PayloadSpec,
  STREAMING_SIGNED,
  STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
  UNSIGNED_PAYLOAD,
  contentSha256Of,
} from './payload-spec.js';
export { AwsChunkedDecoder, type AwsChunkedDecoderOptions } from './aws-chunked-decoder.js';
export { type AwsChunkedEncodeOptions, encodeAwsChunked } from './aws-chunked-encode.js';
export type { ChunkSigning } from './chunk-signature.js';
export type { CredentialScope } from './credential-scope.js';
export {
  type PresignOptions,
  type PresignedRequest,
  type RequestToSign,
  type SignOptions,
  type SignedRequest,
  type SigningCredentials,
  presignRequest,
  signRequest,
} from './sign-request.js';
export { uriEncode } from './uri-encode.js';
export { EMPTY_SHA256 } from './hashes.js';
export { type AuthorizationRequest, type Authorizer, rootOnlyAuthorizer } from './authorizer.js';
export type { OssResource } from './oss-resource.js';
export type { OssAuth, OssAuthResult } from './oss-auth-result.js';
export { type OssAuthenticateOptions, authenticateOss } from './oss-authenticate.js';
export { type OssV1VerifyOptions, ossV1Signature, verifyOssV1 } from './oss-v1-verify.js';
export { isOssV1SubResource, ossV1CanonicalResource, ossV1StringToSign, ossV1SubResources } from './oss-v1-string-to-sign.js';
export { OSS_MAX_PRESIGNED_EXPIRES_SECONDS, type OssV4VerifyOptions, parseOssV4Credential, verifyOssV4 } from './oss-v4-verify.js';
export {
  OSS_UNSIGNED_PAYLOAD,
  OSS_V4_ALGORITHM,
  normalizeAdditionalHeaders,
  ossV4CanonicalHeaders,
  ossV4CanonicalQueryCandidates,
  ossV4CanonicalRequest,
  ossV4CanonicalUri,
  ossV4StringToSign,
} from './oss-v4-canonical.js';
export { ossV4SigningKey } from './oss-v4-signing-key.js';
export { type PostSignatureOptions, verifyPostSignature } from './post-policy-signature.js';
export { type OssPostSignatureOptions, verifyOssPostSignature } from './oss-post-signature.js';
