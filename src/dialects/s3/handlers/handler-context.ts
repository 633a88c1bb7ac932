import type { AuthResult } from '../../../auth/index.js';
import type { HandlerCore } from '../../common/handler-core.js';
import type { Bucket, Principal } from '../../../core/types.js';
import type { WireRequest, WireResponse } from '../../common/wire.js';
import type { S3EndpointOf, S3Operation } from '../endpoint.js';
import type { S3Owner } from '../xml/response-elements.js';
import type { DecodedBody } from '../headers/body-input.js';

/** What a handler gets: the request, who sent it, the bucket it names (already authorized), the core. */
export interface S3HandlerContext {
  readonly ctx: HandlerCore;
  readonly req: WireRequest;
  readonly auth: AuthResult;
  readonly principal: Principal;
  /** The named bucket; undefined for service operations and CreateBucket. */
  readonly bucket: Bucket | undefined;
  readonly region: string;
  readonly keepAliveAfterMs: number;
  /** The decoded, verified body; call once. */
  readonly body: () => DecodedBody;
  /** The S3 owner (id and display name) of an account. */
  readonly owner: (accountId: string) => Promise<S3Owner>;
  /** Resolves and authorizes the source bucket of a copy (s3:GetObject on the source). */
  readonly copySourceBucket: (bucket: string, key: string) => Promise<Bucket>;
}

export type S3Handler<O extends S3Operation> = (h: S3HandlerContext, endpoint: S3EndpointOf<O>) => Promise<WireResponse>;

export type S3HandlerTable = { readonly [O in S3Operation]?: S3Handler<O> };

export function requireBucket(h: S3HandlerContext): Bucket {
  if (h.bucket === undefined) throw new Error('handler needs a bucket the dispatcher did not resolve');
  return h.bucket;
}

export { emptyResponse, xmlResponse } from '../../common/wire-responses.js';
