import { invalidArgument } from './auth-errors.js';
import type { AuthRequest } from './auth-request.js';
import type { AuthResult } from './auth-result.js';
import { queryParams } from './query-params.js';
import { SIGV4_ALGORITHM } from './string-to-sign.js';
import { verifySigV2 } from './sigv2-verify.js';
import { type SigV4VerifyOptions, verifySigV4 } from './sigv4-verify.js';

export interface AuthenticateOptions extends SigV4VerifyOptions {
  /** Accept AWS Signature Version 2 (S3 only; Glacier never had it). Default false. */
  readonly allowSigV2?: boolean;
  /** For SigV2: the bucket named by the Host header of a virtual-hosted request. */
  readonly bucketFromHost?: string;
}

/**
 * Authenticates a request by whichever mechanism it uses: SigV4 header or presigned query, SigV2 header
 * or query (when allowed), or none (anonymous). Throws what verifySigV4/verifySigV2 throw, and
 * InvalidArgument for an unsupported or doubled mechanism.
 */
export async function authenticate(req: AuthRequest, options: AuthenticateOptions): Promise<AuthResult> {
  const authorization = req.headers['authorization'];
  const query = queryParams(req.rawQuery);
  const v4Query = query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential') || query.has('X-Amz-Signature');
  const v2Query = query.has('AWSAccessKeyId') || (query.has('Signature') && query.has('Expires'));
  const mechanisms = (authorization !== undefined ? 1 : 0) + (v4Query ? 1 : 0) + (v2Query ? 1 : 0);
  if (mechanisms > 1) {
    throw invalidArgument(
      'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      'Authorization',
      authorization,
    );
  }
  const isV4 = v4Query || (authorization !== undefined && authorization.trimStart().startsWith(`${SIGV4_ALGORITHM} `));
  const isV2 = v2Query || (authorization !== undefined && authorization.trimStart().startsWith('AWS '));
  if (authorization !== undefined && !isV4 && !isV2)
    throw invalidArgument('Unsupported Authorization Type', 'Authorization', authorization);
  if (isV2) {
    if (options.allowSigV2 !== true) throw invalidArgument('Unsupported Authorization Type', 'Authorization', authorization);
    return verifySigV2(req, {
      lookupKey: options.lookupKey,
      now: options.now,
      ...(options.bucketFromHost !== undefined ? { bucketFromHost: options.bucketFromHost } : {}),
    });
  }
  return verifySigV4(req, options);
}
