import { authenticateOss, requestBody, type Authorizer } from '../../auth/index.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError, isStorageError } from '../../core/errors.js';
import type { AccessKey, Bucket, Principal } from '../../core/types.js';
import type { Dialect } from '../common/dialect.js';
import type { WireRequest, WireResponse } from '../common/wire.js';
import { ossAction, ossResource } from './actions.js';
import { detectOss } from './detect-oss.js';
import type { OssEndpoint } from './endpoint.js';
import { bucketHandlers } from './handlers/bucket-handlers.js';
import type { OssHandler, OssHandlerContext, OssHandlerTable } from './handlers/handler-context.js';
import { lifecycleHandlers } from './handlers/lifecycle-handlers.js';
import { listHandlers } from './handlers/list-handlers.js';
import { multipartHandlers } from './handlers/multipart-handlers.js';
import { objectHandlers } from './handlers/object-handlers.js';
import { versioningHandlers } from './handlers/versioning-handlers.js';
import { renderOssError } from './render-oss-error.js';
import type { OssOwner } from './response-xml.js';
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

const handlers: OssHandlerTable = {
  ...bucketHandlers,
  ...objectHandlers,
  ...listHandlers,
  ...multipartHandlers,
  ...lifecycleHandlers,
  ...versioningHandlers,
};

/**
 * The OSS dispatcher: route, authenticate (OSS V1/V4), resolve the bucket, authorize the endpoint's action
 * once, then run the handler. Buckets, objects and uploads are S3's (namespace `s3`): what one dialect
 * writes the other reads. Every failure is rendered as an OSS error; every response carries
 * x-oss-request-id.
 */
export function createOssDialect(deps: OssDialectDeps): Dialect {
  const { ctx } = deps;
  const region = deps.ossRegion.replace(/^oss-/, '');
  const names = { region, location: `oss-${region}` };
  const routerOptions = { domains: deps.domains };

  async function dispatch(req: WireRequest): Promise<WireResponse> {
    const endpoint = routeOss(req, routerOptions);
    req.log.operation = endpoint.operation;
    if ('bucket' in endpoint) req.log.bucket = endpoint.bucket;
    if ('key' in endpoint) req.log.key = endpoint.key;
    const auth = await authenticateOss(req, {
      lookupKey: deps.lookupKey,
      now: ctx.clock(),
      region,
      resource: { bucket: 'bucket' in endpoint ? endpoint.bucket : undefined, key: 'key' in endpoint ? endpoint.key : undefined },
    });
    if (auth.kind === 'anonymous')
      throw new StorageError('AccessDenied', 'Anonymous access is forbidden: sign the request with an OSS V1 or V4 signature.');
    const principal = auth.principal;
    req.log.accessKeyId = principal.accessKeyId;
    const bucket = await bucketOf(endpoint);
    await authorize(principal, ossAction(endpoint), ossResource(endpoint), bucket?.accountId);
    const handler = handlers[endpoint.operation] as OssHandler<typeof endpoint.operation> | undefined;
    if (handler === undefined) throw new StorageError('NotImplemented', `Cairn does not implement ${endpoint.operation} for OSS.`);
    let bodyTaken = false;
    const h: OssHandlerContext = {
      ctx,
      req,
      auth,
      principal,
      bucket,
      names,
      bucketRegion: deps.bucketRegion,
      body: () => {
        if (bodyTaken) throw new Error('request body read twice');
        bodyTaken = true;
        const decoded = requestBody(req, auth);
        return { stream: decoded, length: decoded.contentLength };
      },
      owner: ownerOf,
      copySourceBucket: async (name, key) => {
        const source = await ctx.meta.getBucket('s3', name);
        if (source === undefined) throw new StorageError('NoSuchBucket', 'The specified bucket does not exist.', { BucketName: name });
        await authorize(principal, 'oss:GetObject', `acs:oss:*:*:${name}/${key}`, source.accountId);
        return source;
      },
    };
    return handler(h, endpoint);
  }

  async function bucketOf(endpoint: OssEndpoint): Promise<Bucket | undefined> {
    if (!('bucket' in endpoint) || endpoint.operation === 'PutBucket') return undefined;
    const bucket = await ctx.meta.getBucket('s3', endpoint.bucket);
    if (bucket === undefined)
      throw new StorageError('NoSuchBucket', 'The specified bucket does not exist.', { BucketName: endpoint.bucket });
    return bucket;
  }

  async function authorize(principal: Principal, action: string, resource: string, owner: string | undefined): Promise<void> {
    const allowed = await deps.authorizer.authorize({ principal, action, resource, resourceAccountId: owner });
    if (!allowed) throw new StorageError('AccessDenied', 'You have no right to access this resource.');
  }

  async function ownerOf(accountId: string): Promise<OssOwner> {
    const account = await ctx.meta.getAccount(accountId);
    return { id: accountId, displayName: account?.displayName ?? accountId };
  }

  return {
    name: 'oss',
    detect: (req) => detectOss(req),
    handle: async (req) => {
      let response: WireResponse;
      try {
        response = await dispatch(req);
      } catch (error) {
        const e = isStorageError(error) ? error : new StorageError('InternalError', undefined, {}, { cause: error });
        if (!isStorageError(error))
          ctx.log.error('OSS request failed', { requestId: req.id, error: String(error), stack: (error as Error).stack });
        req.log.errorCode = e.code;
        response = renderOssError(e, { requestId: req.id, hostId: hostIdOf(req), method: req.method });
      }
      return { ...response, headers: { ...response.headers, 'x-oss-request-id': req.id, server: 'Cairn' } };
    },
  };
}

/** OSS's HostId: the Host the request went to, without a port. */
function hostIdOf(req: WireRequest): string {
  const host = req.headers.host ?? '';
  return host.replace(/:\d+$/, '');
}
