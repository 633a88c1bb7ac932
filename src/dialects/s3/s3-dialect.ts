import { authenticate, requestBody, type AuthorizationRequest, type Authorizer, type SigV2Auth, type SigV4Auth } from '../../auth/index.js';
import { findAccount } from '../../core/accounts/find-account.js';
import { findBucket } from '../../core/buckets/find-bucket.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError } from '../../core/errors.js';
import type { AccessKey } from '../../core/types.js';
import type { Dialect } from '../common/dialect.js';
import { handlerCore } from '../common/handler-core.js';
import { createDialect, type AuthorizationTarget, type Caller } from '../common/request-pipeline.js';
import type { WireRequest } from '../common/wire.js';
import { s3Action } from './actions.js';
import type { S3Endpoint } from './endpoint.js';
import { bucketHandlers } from './handlers/bucket-handlers.js';
import type { S3HandlerContext, S3HandlerTable } from './handlers/handler-context.js';
import { lifecycleHandlers } from './handlers/lifecycle-handlers.js';
import { encryptionHandlers } from './handlers/encryption-handlers.js';
import { corsHandlers } from './handlers/cors-handlers.js';
import { s3Preflight, withS3Cors } from './cors-step.js';
import { postObject } from './handlers/post-object.js';
import { listHandlers } from './handlers/list-handlers.js';
import { multipartHandlers } from './handlers/multipart-handlers.js';
import { objectHandlers } from './handlers/object-handlers.js';
import { objectLockHandlers } from './handlers/object-lock-handlers.js';
import { taggingHandlers } from './handlers/tagging-handlers.js';
import { versioningHandlers } from './handlers/versioning-handlers.js';
import type { DecodedBody } from './headers/body-input.js';
import { bucketFromHost } from './locate-s3-resource.js';
import { renderS3Error } from './render-s3-error.js';
import { s3ResourceArn } from './resource-arn.js';
import type { S3Owner } from './xml/response-elements.js';
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

/** A signed request, or a browser form upload whose signed policy document named the principal. */
type S3Caller = Caller<SigV4Auth | SigV2Auth | { readonly kind: 'post-policy' }>;

const handlers: S3HandlerTable = {
  ...bucketHandlers,
  ...objectHandlers,
  ...listHandlers,
  ...multipartHandlers,
  ...lifecycleHandlers,
  ...versioningHandlers,
  ...taggingHandlers,
  ...objectLockHandlers,
  ...encryptionHandlers,
  ...corsHandlers,
};

/** The S3 dialect: the common pipeline configured with S3's router, SigV4/SigV2, handlers and error table. */
export function createS3Dialect(deps: S3DialectDeps): Dialect {
  const { ctx } = deps;
  const core = handlerCore(ctx);
  const routerOptions = { virtualHostDomains: deps.domains };

  return createDialect<S3Endpoint, S3Caller, S3HandlerContext, DecodedBody>({
    name: 's3',
    label: 'S3',
    core: ctx,
    authorizer: deps.authorizer,
    detect: () => true,
    // CORS: preflights are answered from the bucket's rules; actual responses get their headers in finish.
    preflight: (req) => (req.method === 'OPTIONS' ? s3Preflight(ctx, req, routerOptions) : undefined),
    route: (req) => routeS3(req, routerOptions),
    logFields: (e) => ({ ...('bucket' in e ? { bucket: e.bucket } : {}), ...('key' in e ? { key: e.key } : {}) }),
    // A browser form upload carries its credentials in the form (a signed policy), not in the request.
    bodyCredentials: (e, req, authorize) =>
      e.operation === 'PostObject' && req.headers.authorization === undefined
        ? postObject(
            {
              ctx: core,
              req,
              region: deps.region,
              lookupKey: deps.lookupKey,
              authorize: (principal, target) => authorize({ auth: { kind: 'post-policy' }, principal }, target),
            },
            e.bucket,
          )
        : undefined,
    authenticate: async (req) => {
      const auth = await authenticate(req, {
        region: deps.region,
        services: ['s3'],
        lookupKey: deps.lookupKey,
        now: ctx.clock(),
        allowSigV2: true,
        ...hostBucket(req, deps.domains),
      });
      if (auth.kind === 'anonymous') throw new StorageError('AccessDenied', 'Access Denied');
      return { auth, principal: auth.principal };
    },
    resolveBucket: async (e) => ('bucket' in e && e.operation !== 'CreateBucket' ? findBucket(ctx, 's3', e.bucket) : undefined),
    target: (e, _caller, bucket) => ({ action: s3Action(e), resource: s3ResourceArn(e), resourceAccountId: bucket?.accountId, bucket }),
    authorizationRequest: s3AuthorizationRequest,
    denied: () => new StorageError('AccessDenied', 'Access Denied'),
    handlers,
    notImplemented: (e) => new StorageError('NotImplemented', `Cairn does not implement ${e.operation} yet.`, { Operation: e.operation }),
    openBody: (req, caller) => {
      // The payload hash is checked in the pass that stores the bytes (see s3BodyInput).
      const decoded = requestBody(req, signedAuth(caller), { deferPayloadHash: true });
      return {
        stream: decoded,
        ...(decoded.payloadSha256 === undefined ? {} : { payloadSha256: decoded.payloadSha256 }),
        ...(decoded.contentLength === undefined ? {} : { decodedLength: decoded.contentLength }),
        trailers: () => decoded.trailers(),
      };
    },
    handlerContext: ({ req, caller, bucket, body, authorize }) => ({
      ctx: core,
      req,
      auth: signedAuth(caller),
      principal: caller.principal,
      bucket,
      region: deps.region,
      keepAliveAfterMs: deps.keepAliveAfterMs,
      body,
      owner: memoOwners(ctx),
      copySourceBucket: async (name, key) => {
        const source = await findBucket(ctx, 's3', name);
        await authorize({
          action: 's3:GetObject',
          resource: `arn:aws:s3:::${name}/${key}`,
          resourceAccountId: source.accountId,
          bucket: source,
        });
        return source;
      },
    }),
    renderError: (e, req) => renderS3Error(e, { requestId: req.id, resource: req.rawPath, method: req.method }),
    finish: async (response, req) => {
      const r = req.method === 'OPTIONS' ? response : await withS3Cors(ctx, req, response);
      return { ...r, headers: { ...r.headers, 'x-amz-request-id': req.id, 'x-amz-id-2': req.id, server: 'Cairn' } };
    },
  });
}

/** What the authorizer is asked about an S3 request: the caller, the action and the resource's owner. */
export function s3AuthorizationRequest(_req: WireRequest, caller: S3Caller, target: AuthorizationTarget): AuthorizationRequest {
  return { principal: caller.principal, action: target.action, resource: target.resource, resourceAccountId: target.resourceAccountId };
}

/** The signature of a request that took the ordinary steps (form uploads never reach a handler context). */
function signedAuth(caller: S3Caller): SigV4Auth | SigV2Auth {
  if (caller.auth.kind === 'post-policy') throw new Error('a form upload has no request signature');
  return caller.auth;
}

/** Owners looked up once per request: a listing names the same few accounts on every line. */
function memoOwners(ctx: CoreContext): (accountId: string) => Promise<S3Owner> {
  const seen = new Map<string, Promise<S3Owner>>();
  return (accountId) => {
    let owner = seen.get(accountId);
    if (owner === undefined) {
      owner = findAccount(ctx, accountId).then((account) => ({ id: accountId, displayName: account?.displayName ?? accountId }));
      seen.set(accountId, owner);
    }
    return owner;
  };
}

function hostBucket(req: WireRequest, domains: readonly string[]): { bucketFromHost?: string } {
  const b = bucketFromHost(req.headers.host, domains);
  return b === undefined ? {} : { bucketFromHost: b };
}
