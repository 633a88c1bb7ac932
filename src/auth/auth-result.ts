import type { Principal } from '../core/types.js';
import type { CredentialScope } from './credential-scope.js';
import type { PayloadSpec } from './payload-spec.js';

/** A request that carried no credentials at all; whether that is allowed is the caller's decision. */
export interface AnonymousAuth {
  readonly kind: 'anonymous';
  readonly principal: null;
  readonly payload: PayloadSpec;
}

export interface SigV4Auth {
  readonly kind: 'sigv4';
  readonly principal: Principal;
  /** Authorization header, or presigned query parameters. */
  readonly via: 'header' | 'query';
  readonly credential: CredentialScope;
  /** The request time as signed (ISO 8601 basic). */
  readonly amzDate: string;
  /** The verified request signature (the seed signature of a signed aws-chunked body). */
  readonly signature: string;
  readonly signingKey: Buffer;
  readonly payload: PayloadSpec;
  /** Presigned URLs only: when the URL stops being valid (epoch ms). */
  readonly expiresAt?: number;
}

export interface SigV2Auth {
  readonly kind: 'sigv2';
  readonly principal: Principal;
  readonly via: 'header' | 'query';
  readonly payload: PayloadSpec;
  /** Query authentication only: the Expires parameter (epoch ms). */
  readonly expiresAt?: number;
}

export type AuthResult = AnonymousAuth | SigV4Auth | SigV2Auth;
