import { authenticateOss, requestBody, type AuthorizationRequest, type Authorizer, type OssAuth } from '../../auth/index.js';
import { findAccount } from '../../core/accounts/find-account.js';
import { findBucket } from '../../core/buckets/find-bucket.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError } from '../../core/errors.js';
import type { AccessKey } from '../../core/types.js';
import type { Dialect } from '../common/dialect.js';
import { handlerCore } from '../common/handler-core.js';
import { createDialect, type AuthorizationTarget, type Caller } from '../common/request-pipeline.js';
import type { WireRequest } from '../common/wire.js';
import { ossAction, ossResource } from './actions.js';
import { detectOss } from './detect-oss.js';
import type { OssEndpoint } from './endpoint.js';
import { bucketHandlers } from './handlers/bucket-handlers.js';
import type { OssHandlerContext, OssHandlerTable, OssRequestBody } from './handlers/handler-context.js';
import { lifecycleHandlers } from './handlers/lifecycle-handlers.js';
import { encryptionHandlers } from './handlers/encryption-handlers.js';
import { corsHandlers } from './handlers/cors-handlers.js';
import { ossPreflight } from './cors-step.js';
import { ossPostObject } from './handlers/post-object.js';
import { withCors } from '../common/cors-step.js';
import { listHandlers } from './handlers/list-handlers.js';
import { multipartHandlers } from './handlers/multipart-handlers.js';
import { objectHandlers } from './handlers/object-handlers.js';
import { versioningHandlers } from './handlers/versioning-handlers.js';
import { renderOssError } from './render-oss-error.js';
import type { OssOwner } from './xml/response-xml.js';
import { routeOss } from './router.js';

export interface OssDialectDeps {
  readonly ctx: CoreContext;
  /** The OSS region (`cn-hangzhou`; an `oss-` prefix is dropped). V4 signatures must name it. */
  readonly ossRegion: string;
  /** The server's S3 region, recorded on buckets created through OSS. */
  readonly bucketRegion: string;
  /** Cairn's own domains (virtual-hosted `<bucket>.<domain>`), besides `*.aliyuncs.com`. */
  readonly domains: readonly string[];
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  readonly authorizer: Authorizer;
}

/** A signed request, or a browser form upload whose signed policy document named the principal. */
type OssCaller = Caller<OssAuth | { readonly kind: 'post-policy' }>;

const handlers: OssHandlerTable = {
  ...bucketHandlers,
  ...objectHandlers,
  ...listHandlers,
  ...multipartHandlers,
  ...lifecycleHandlers,
  ...encryptionHandlers,
  ...corsHandlers,
  ...versioningHandlers,
};

/**
 * The OSS dialect: the common pipeline configured with OSS's router, OSS V1/V4 signatures, handlers and
 * error table. Buckets, objects and uploads are S3's (namespace `s3`): what one dialect writes the other
 * reads. Every response carries x-oss-request-id, and the Access-Control-* headers the bucket's CORS rules grant.
 */
export function createOssDialect(deps: OssDialectDeps): Dialect {
  const { ctx } = deps;
  const core = handlerCore(ctx);
  const region = deps.ossRegion.replace(/^oss-/, '');
  const names = { region, location: `oss-${region}` };
  const routerOptions = { domains: deps.domains };

  return createDialect<OssEndpoint, OssCaller, OssHandlerContext, OssRequestBody>({
    name: 'oss',
    label: 'OSS',
    core: ctx,
    authorizer: deps.authorizer,
    detect: (req) => detectOss(req),
    // CORS: preflights are answered from the bucket's rules; actual responses get their headers in finish.
    preflight: (req) => (req.method === 'OPTIONS' ? ossPreflight(ctx, req, routerOptions) : undefined),
    route: (req) => routeOss(req, routerOptions),
    // A browser form upload carries its credentials in the form (a signed policy), not in the request.
    bodyCredentials: (e, req, authorize) =>
      e.operation === 'PostObject' && req.headers.authorization === undefined
        ? ossPostObject(
            {
              ctx: core,
              req,
              lookupKey: deps.lookupKey,
              authorize: (principal, target) => authorize({ auth: { kind: 'post-policy' }, principal }, target),
            },
            e.bucket,
          )
        : undefined,
    logFields: (e) => ({ ...('bucket' in e ? { bucket: e.bucket } : {}), ...('key' in e ? { key: e.key } : {}) }),
    authenticate: async (req, e) => {
      const auth = await authenticateOss(req, {
        lookupKey: deps.lookupKey,
        now: ctx.clock(),
        region,
        resource: { bucket: 'bucket' in e ? e.bucket : undefined, key: 'key' in e ? e.key : undefined },
      });
      if (auth.kind === 'anonymous')
        throw new StorageError('AccessDenied', 'Anonymous access is forbidden: sign the request with an OSS V1 or V4 signature.');
      return { auth, principal: auth.principal };
    },
    resolveBucket: async (e) => ('bucket' in e && e.operation !== 'PutBucket' ? findBucket(ctx, 's3', e.bucket) : undefined),
    target: (e, _caller, bucket) => ({ action: ossAction(e), resource: ossResource(e), resourceAccountId: bucket?.accountId, bucket }),
    authorizationRequest: ossAuthorizationRequest,
    denied: () => new StorageError('AccessDenied', 'You have no right to access this resource.'),
    handlers,
    notImplemented: (e) => new StorageError('NotImplemented', `Cairn does not implement ${e.operation} for OSS.`),
    openBody: (req, caller) => {
      const decoded = requestBody(req, signedAuth(caller));
      return { stream: decoded, length: decoded.contentLength };
    },
    handlerContext: ({ req, caller, bucket, body, authorize }) => ({
      ctx: core,
      req,
      auth: signedAuth(caller),
      principal: caller.principal,
      bucket,
      names,
      bucketRegion: deps.bucketRegion,
      body,
      owner: (accountId) => ownerOf(ctx, accountId),
      copySourceBucket: async (name, key) => {
        const source = await findBucket(ctx, 's3', name);
        await authorize({
          action: 'oss:GetObject',
          resource: `acs:oss:*:*:${name}/${key}`,
          resourceAccountId: source.accountId,
          bucket: source,
        });
        return source;
      },
    }),
    renderError: (e, req) => renderOssError(e, { requestId: req.id, hostId: hostIdOf(req), method: req.method }),
    finish: async (response, req) => {
      const r = req.method === 'OPTIONS' ? response : await withCors(ctx, req, response);
      return { ...r, headers: { ...r.headers, 'x-oss-request-id': req.id, server: 'Cairn' } };
    },
  });
}

/** The signature of a request that took the ordinary steps (form uploads never reach a handler context). */
function signedAuth(caller: OssCaller): OssAuth {
  if (caller.auth.kind === 'post-policy') throw new Error('a form upload has no request signature');
  return caller.auth;
}

/** What the authorizer is asked about an OSS request: the caller, the RAM action and the resource's owner. */
export function ossAuthorizationRequest(_req: WireRequest, caller: OssCaller, target: AuthorizationTarget): AuthorizationRequest {
  return { principal: caller.principal, action: target.action, resource: target.resource, resourceAccountId: target.resourceAccountId };
}

async function ownerOf(ctx: CoreContext, accountId: string): Promise<OssOwner> {
  const account = await findAccount(ctx, accountId);
  return { id: accountId, displayName: account?.displayName ?? accountId };
}

/** OSS's HostId: the Host the request went to, without a port. */
function hostIdOf(req: WireRequest): string {
  const host = req.headers.host ?? '';
  return host.replace(/:\d+$/, '');
}
