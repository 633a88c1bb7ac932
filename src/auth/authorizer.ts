import type { Principal } from '../core/types.js';

/** What the dispatcher asks, once per request, before any handler runs. */
export interface AuthorizationRequest {
  readonly principal: Principal;
  /** The IAM action of the endpoint (`s3:PutObject`, `glacier:AbortMultipartUpload`...). */
  readonly action: string;
  /** The resource ARN (`arn:aws:s3:::bucket/key`). */
  readonly resource: string;
  /** The account that owns the resource; undefined for account-level actions (ListBuckets, CreateBucket). */
  readonly resourceAccountId: string | undefined;
}

/** The authorizer port. IAM users and policies plug in here later. */
export interface Authorizer {
  authorize(request: AuthorizationRequest): Promise<boolean>;
}

/**
 * Accounts are walled off from each other as in AWS; an account's root may do everything within it.
 * Until IAM users exist, no other principal holds any permission.
 */
export function rootOnlyAuthorizer(): Authorizer {
  return {
    authorize: async (r) =>
      r.principal.userName === null && (r.resourceAccountId === undefined || r.resourceAccountId === r.principal.accountId),
  };
}
