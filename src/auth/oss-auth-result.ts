import type { Principal } from '../core/types.js';
import type { AnonymousAuth } from './auth-result.js';

/** A request verified with an OSS signature (V1 `OSS ak:sig` or V4 `OSS4-HMAC-SHA256`). */
export interface OssAuth {
  readonly kind: 'oss-v1' | 'oss-v4';
  readonly principal: Principal;
  /** Authorization header, or a presigned URL's query parameters. */
  readonly via: 'header' | 'query';
  /** OSS signatures never cover the payload: the body is read as it comes (Content-MD5 is checked apart). */
  readonly payload: { readonly mode: 'unsigned' };
  /** Presigned URLs only: when the URL stops being valid (epoch ms). */
  readonly expiresAt?: number;
}

export type OssAuthResult = OssAuth | AnonymousAuth;
