import type { AccessKey } from '../core/types.js';
import type { AuthRequest } from './auth-request.js';
import { ossInvalidArgument } from './oss-auth-errors.js';
import type { OssAuthResult } from './oss-auth-result.js';
import { ossQueryPairs } from './oss-query.js';
import type { OssResource } from './oss-resource.js';
import { OSS_V4_ALGORITHM } from './oss-v4-canonical.js';
import { verifyOssV1 } from './oss-v1-verify.js';
import { verifyOssV4 } from './oss-v4-verify.js';

export interface OssAuthenticateOptions {
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** Epoch milliseconds. */
  readonly now: number;
  /** The OSS region V4 signatures must name (`cn-hangzhou`). */
  readonly region: string;
  /** The bucket and key the request addresses, as the dialect's router found them. */
  readonly resource: OssResource;
}

/**
 * Authenticates an OSS request by whichever mechanism it carries: the V4 or V1 Authorization header, a V4
 * presigned URL (x-oss-signature...) or a V1 one (OSSAccessKeyId, Expires, Signature), or none
 * (anonymous). A request that carries two mechanisms, or an Authorization header of another kind, is
 * InvalidArgument; everything else is what verifyOssV1 and verifyOssV4 throw.
 */
export async function authenticateOss(req: AuthRequest, options: OssAuthenticateOptions): Promise<OssAuthResult> {
  const authorization = req.headers['authorization'];
  const names = new Set(ossQueryPairs(req.rawQuery).map(([k]) => k));
  const v4Query = names.has('x-oss-signature') || names.has('x-oss-credential') || names.has('x-oss-signature-version');
  const v1Query = names.has('OSSAccessKeyId') || (names.has('Signature') && names.has('Expires'));
  const mechanisms = (authorization !== undefined ? 1 : 0) + (v4Query ? 1 : 0) + (v1Query ? 1 : 0);
  if (mechanisms > 1) {
    throw ossInvalidArgument(
      'A request may carry one signature: the Authorization header or the signature query parameters, not both.',
      'Authorization',
      authorization,
    );
  }
  if (mechanisms === 0) return { kind: 'anonymous', principal: null, payload: { mode: 'unsigned' } };
  if (authorization !== undefined) {
    const scheme = authorization.trimStart();
    if (scheme.startsWith(`${OSS_V4_ALGORITHM} `)) return verifyOssV4(req, options);
    if (scheme.startsWith('OSS ')) return verifyOssV1(req, options);
    throw ossInvalidArgument(
      'Authorization header is invalid: OSS accepts "OSS <AccessKeyId>:<Signature>" and OSS4-HMAC-SHA256.',
      'Authorization',
      authorization,
    );
  }
  return v4Query ? verifyOssV4(req, options) : verifyOssV1(req, options);
}
