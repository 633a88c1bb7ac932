import type { OssAuth } from '../../../auth/index.js';
import type { HandlerCore } from '../../common/handler-core.js';
import type { Bucket, Principal } from '../../../core/types.js';
import type { WireRequest, WireResponse } from '../../common/wire.js';
import type { OssEndpointOf, OssOperation } from '../endpoint.js';
import type { EndpointNames, OssOwner } from '../xml/response-xml.js';

/** The request body after authentication: the bytes as they arrive (OSS never signs the payload). */
export interface OssRequestBody {
  readonly stream: AsyncIterable<Uint8Array>;
  /** Content-Length, when the client sent one (ali-oss's putStream may send chunked bodies). */
  readonly length: number | undefined;
}

/** What a handler gets: the request, who sent it, the bucket it names (already authorized), the core. */
export interface OssHandlerContext {
  readonly ctx: HandlerCore;
  readonly req: WireRequest;
  readonly auth: OssAuth;
  readonly principal: Principal;
  /** The named bucket; undefined for ListBuckets and PutBucket. */
  readonly bucket: Bucket | undefined;
  /** The OSS region (`cn-hangzhou`) and location (`oss-cn-hangzhou`) this server answers as. */
  readonly names: EndpointNames;
  /** The region buckets created through OSS are recorded with: the server's S3 region (one server, one place). */
  readonly bucketRegion: string;
  /** The decoded body; call once. */
  readonly body: () => OssRequestBody;
  readonly owner: (accountId: string) => Promise<OssOwner>;
  /** Resolves and authorizes the source bucket of a copy (oss:GetObject on the source). */
  readonly copySourceBucket: (bucket: string, key: string) => Promise<Bucket>;
}

export type OssHandler<O extends OssOperation> = (h: OssHandlerContext, endpoint: OssEndpointOf<O>) => Promise<WireResponse>;

export type OssHandlerTable = { readonly [O in OssOperation]?: OssHandler<O> };

export function requireBucket(h: OssHandlerContext): Bucket {
  if (h.bucket === undefined) throw new Error('handler needs a bucket the dispatcher did not resolve');
  return h.bucket;
}

export { emptyResponse, xmlResponse } from '../../common/wire-responses.js';
