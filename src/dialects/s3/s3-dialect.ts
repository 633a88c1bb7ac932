import { authenticate, requestBody, type Authorizer } from '../../auth/index.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError, isStorageError } from '../../core/errors.js';
import type { AccessKey, Bucket, Principal } from '../../core/types.js';
import type { Dialect } from '../common/dialect.js';
import type { WireRequest, WireResponse } from '../common/wire.js';
import { s3Action } from './actions.js';
import type { S3Endpoint } from './endpoint.js';
import { bucketHandlers } from './handlers/bucket-handlers.js';
import type { S3Handler, S3HandlerContext, S3HandlerTable } from './handlers/handler-context.js';
import { lifecycleHandlers } from './handlers/lifecycle-handlers.js';
import { encryptionHandlers } from './handlers/encryption-handlers.js';
import { corsHandlers } from './handlers/cors-handlers.js';
import { s3Preflight, withS3Cors } from './cors-step.js';
import { postObject } from './handlers/post-object.js';
import { listHandlers } from './handlers/list-handlers.js';
import { multipartHandlers } from './handlers/multipart-handlers.js';
import { objectHandlers } from './handlers/object-handlers.js';
import { bucketFromHost } from './locate-s3-resource.js';
import { renderS3Error } from './render-s3-error.js';
import { s3ResourceArn } from './resource-arn.js';
import type { S3Owner } from './response-elements.js';
import { routeS3 } from './router.js';

export interface S3DialectDeps {
  readonly ctx: CoreContext;
  readonly region: string;
  readonly domains: readonly string[];
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  readonly authorizer: Authorizer;
  /** See keepAliveUntil: slow completions answer 200 early and keep the connection alive. */
  readonly keepAliveAfterMs: number;
}

const handlers: S3HandlerTable = {
  ...bucketHandlers,
  ...objectHandlers,
  ...listHandlers,
  ...multipartHandlers,
  ...lifecycleHandlers,
  ...encryptionHandlers,
  ...corsHandlers,
};

/**
 * The S3 dispatcher: route, authenticate, resolve the bucket, authorize the endpoint's action once,
 * then run the handler. Every failure is rendered as an S3 error.
 */
export function createS3Dialect(deps: S3DialectDeps): Dialect {
  const { ctx } = deps;
  const routerOptions = { virtualHostDomains: deps.domains };

  async function dispatch(req: WireRequest): Promise<WireResponse> {
    const endpoint = routeS3(req, routerOptions);
    req.log.operation = endpoint.operation;
    if ('bucket' in endpoint) req.log.bucket = endpoint.bucket;
    if ('key' in endpoint) req.log.key = endpoint.key;
    // A browser form upload carries its credentials in the form (a signed policy), not in the request.
    if (endpoint.operation === 'PostObject' && req.headers.authorization === undefined) {
      return postObject({ ctx, req, region: deps.region, lookupKey: deps.lookupKey, authorize }, endpoint.bucket);
    }
    const auth = await authenticate(req, {
      region: deps.region,
      services: ['s3'],
      lookupKey: deps.lookupKey,
      now: ctx.clock(),
      allowSigV2: true,
      ...hostBucket(req),
    });
    if (auth.kind === 'anonymous') throw new StorageError('AccessDenied', 'Access Denied');
    const principal = auth.principal;
    req.log.accessKeyId = principal.accessKeyId;
    const bucket = await bucketOf(endpoint);
    await authorize(principal, s3Action(endpoint), s3ResourceArn(endpoint), bucket?.accountId);
    const handler = handlers[endpoint.operation] as S3Handler<typeof endpoint.operation> | undefined;
    if (handler === undefined) {
      throw new StorageError('NotImplemented', `Cairn does not implement ${endpoint.operation} yet.`, { Operation: endpoint.operation });
    }
    let bodyTaken = false;
    const h: S3HandlerContext = {
      ctx,
      req,
      auth,
      principal,
      bucket,
      region: deps.region,
      keepAliveAfterMs: deps.keepAliveAfterMs,
      body: () => {
        if (bodyTaken) throw new Error('request body read twice');
        bodyTaken = true;
        // The payload hash is checked in the pass that stores the bytes (see s3BodyInput).
        const decoded = requestBody(req, auth, { deferPayloadHash: true });
        return {
          stream: decoded,
          ...(decoded.payloadSha256 === undefined ? {} : { payloadSha256: decoded.payloadSha256 }),
          ...(decoded.contentLength === undefined ? {} : { decodedLength: decoded.contentLength }),
          trailers: () => decoded.trailers(),
        };
      },
      owner: memoOwners(),
      copySourceBucket: async (name, key) => {
        const source = await ctx.meta.getBucket('s3', name);
        if (source === undefined) throw new StorageError('NoSuchBucket', 'The specified bucket does not exist', { BucketName: name });
        await authorize(principal, 's3:GetObject', `arn:aws:s3:::${name}/${key}`, source.accountId);
        return source;
      },
    };
    return handler(h, endpoint);
  }

  async function bucketOf(endpoint: S3Endpoint): Promise<Bucket | undefined> {
    if (!('bucket' in endpoint) || endpoint.operation === 'CreateBucket') return undefined;
    const bucket = await ctx.meta.getBucket('s3', endpoint.bucket);
    if (bucket === undefined) {
      throw new StorageError('NoSuchBucket', 'The specified bucket does not exist', { BucketName: endpoint.bucket });
    }
    return bucket;
  }

  async function authorize(principal: Principal, action: string, resource: string, owner: string | undefined) {
    const allowed = await deps.authorizer.authorize({ principal, action, resource, resourceAccountId: owner });
    if (!allowed) throw new StorageError('AccessDenied', 'Access Denied');
  }

  /** Owners looked up once per request: a listing names the same few accounts on every line. */
  function memoOwners(): (accountId: string) => Promise<S3Owner> {
    const seen = new Map<string, Promise<S3Owner>>();
    return (accountId) => {
      let owner = seen.get(accountId);
      if (owner === undefined) {
        owner = ctx.meta.getAccount(accountId).then((account) => ({ id: accountId, displayName: account?.displayName ?? accountId }));
        seen.set(accountId, owner);
      }
      return owner;
    };
  }

  function hostBucket(req: WireRequest): { bucketFromHost?: string } {
    const b = bucketFromHost(req.headers.host, deps.domains);
    return b === undefined ? {} : { bucketFromHost: b };
  }

  return {
    name: 's3',
    detect: () => true,
    handle: async (req) => {
      let response: WireResponse;
      try {
        // CORS: preflights are answered from the bucket's rules; actual responses get their headers below.
        response = req.method === 'OPTIONS' ? await s3Preflight(ctx, req, routerOptions) : await dispatch(req);
      } catch (error) {
        const e = isStorageError(error) ? error : new StorageError('InternalError', undefined, {}, { cause: error });
        if (!isStorageError(error))
          ctx.log.error('S3 request failed', { requestId: req.id, error: String(error), stack: (error as Error).stack });
        req.log.errorCode = e.code;
        response = renderS3Error(e, { requestId: req.id, resource: req.rawPath, method: req.method });
      }
      if (req.method !== 'OPTIONS') response = await withS3Cors(ctx, req, response);
      return { ...response, headers: { ...response.headers, 'x-amz-request-id': req.id, 'x-amz-id-2': req.id, server: 'Cairn' } };
    },
  };
}
