import { authenticate, requestBody, sigV4ScopeOf, type Authorizer } from '../../auth/index.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError, isStorageError } from '../../core/errors.js';
import { completeDueJobs } from '../../core/jobs/complete-job.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import { purgeExpiredJobs } from '../../core/jobs/purge-jobs.js';
import type { JobStore } from '../../core/ports/job-store.js';
import type { AccessKey, Bucket, Principal } from '../../core/types.js';
import type { Dialect } from '../common/dialect.js';
import type { WireRequest, WireResponse } from '../common/wire.js';
import { glacierAction, glacierResourceArn } from './actions.js';
import type { GlacierEndpoint, GlacierOperation } from './endpoint.js';
import { vaultArn } from './glacier-names.js';
import { accountHandlers } from './handlers/account-handlers.js';
import { archiveHandlers } from './handlers/archive-handlers.js';
import type { GlacierHandler, GlacierHandlerContext, GlacierHandlerTable, TierDelays } from './handlers/handler-context.js';
import { jobHandlers } from './handlers/job-handlers.js';
import { multipartHandlers } from './handlers/multipart-handlers.js';
import { vaultConfigHandlers } from './handlers/vault-config-handlers.js';
import { vaultHandlers } from './handlers/vault-handlers.js';
import { vaultLockHandlers } from './handlers/vault-lock-handlers.js';
import { renderInventory } from './inventory.js';
import { renderGlacierError } from './render-glacier-error.js';
import { isGlacierPath, routeGlacier } from './router.js';

export interface GlacierDialectDeps {
  readonly ctx: CoreContext;
  readonly region: string;
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  readonly authorizer: Authorizer;
  readonly jobStore: JobStore;
  readonly tierDelays: TierDelays;
  /** How long completed jobs and their output stay available. */
  readonly jobRetentionMs: number;
}

export interface GlacierDialect extends Dialect {
  /** Completes due jobs and forgets expired ones; main.ts calls it on a timer. */
  maintainJobs(): Promise<{ completed: number; purged: number }>;
}

export const API_VERSION = '2012-06-01';

const handlers: GlacierHandlerTable = {
  ...vaultHandlers,
  ...vaultConfigHandlers,
  ...vaultLockHandlers,
  ...archiveHandlers,
  ...multipartHandlers,
  ...jobHandlers,
  ...accountHandlers,
};

/**
 * The Glacier dispatcher: route, require the API version, authenticate (SigV4, service `glacier`),
 * resolve the account ('-' is the caller's), authorize the endpoint's action once, resolve the vault,
 * then run the handler. Every failure is rendered as Glacier's JSON error.
 */
export function createGlacierDialect(deps: GlacierDialectDeps): GlacierDialect {
  const { ctx } = deps;
  const jobs: Jobs = { store: deps.jobStore, retentionMs: deps.jobRetentionMs, renderInventory };

  async function dispatch(req: WireRequest): Promise<WireResponse> {
    const endpoint = routeGlacier(req);
    req.log.operation = endpoint.operation;
    if ('vaultName' in endpoint) req.log.bucket = endpoint.vaultName;
    const version = req.headers['x-amz-glacier-version'];
    if (version === undefined)
      throw new StorageError('MissingParameter', 'Required parameter missing: API version', { ParameterName: 'x-amz-glacier-version' });
    if (version.trim() !== API_VERSION)
      throw new StorageError('InvalidArgument', `Invalid API version: ${version}. This server speaks ${API_VERSION}.`);
    const auth = await authenticate(req, {
      region: deps.region,
      services: ['glacier'],
      lookupKey: deps.lookupKey,
      now: ctx.clock(),
      allowSigV2: false,
    });
    if (auth.kind === 'anonymous') throw new StorageError('MissingSecurityHeader', 'Missing Authentication Token');
    const principal = auth.principal;
    req.log.accessKeyId = principal.accessKeyId;
    const accountId = resolveAccount(endpoint.accountId, principal);
    const allowed = await deps.authorizer.authorize({
      principal,
      action: glacierAction(endpoint),
      resource: glacierResourceArn(endpoint, deps.region, accountId),
      resourceAccountId: accountId,
    });
    if (!allowed)
      throw new StorageError(
        'AccessDenied',
        `Access denied: ${glacierAction(endpoint)} on ${glacierResourceArn(endpoint, deps.region, accountId)}`,
      );
    const vault = await vaultOf(endpoint, accountId);
    const handler = handlers[endpoint.operation] as GlacierHandler<GlacierOperation> | undefined;
    if (handler === undefined) throw new StorageError('NotImplemented', `${endpoint.operation} is not implemented.`);
    let bodyTaken = false;
    const h: GlacierHandlerContext = {
      ctx,
      jobs,
      req,
      auth,
      principal,
      accountId,
      region: deps.region,
      tierDelays: deps.tierDelays,
      vault,
      body: () => {
        if (bodyTaken) throw new Error('request body read twice');
        bodyTaken = true;
        return requestBody(req, auth);
      },
    };
    return handler(h, endpoint);
  }

  async function vaultOf(endpoint: GlacierEndpoint, accountId: string): Promise<Bucket | undefined> {
    if (!('vaultName' in endpoint) || endpoint.operation === 'CreateVault') return undefined;
    const vault = await ctx.meta.getBucket('glacier', endpoint.vaultName, accountId);
    if (vault === undefined) {
      throw new StorageError('NoSuchBucket', `Vault not found for ARN: ${vaultArn(deps.region, accountId, endpoint.vaultName)}`);
    }
    return vault;
  }

  return {
    name: 'glacier',
    detect: (req) => {
      const scope = sigV4ScopeOf(req);
      return scope !== undefined ? scope.service === 'glacier' : isGlacierPath(req.rawPath);
    },
    handle: async (req) => {
      let response: WireResponse;
      try {
        response = await dispatch(req);
      } catch (error) {
        const e = isStorageError(error) ? error : new StorageError('InternalError', undefined, {}, { cause: error });
        if (!isStorageError(error)) {
          ctx.log.error('Glacier request failed', { requestId: req.id, error: String(error), stack: (error as Error).stack });
        }
        req.log.errorCode = e.code;
        response = renderGlacierError(e);
      }
      return { ...response, headers: { ...response.headers, 'x-amzn-requestid': req.id } };
    },
    maintainJobs: async () => ({ completed: await completeDueJobs(ctx, jobs), purged: await purgeExpiredJobs(ctx, jobs) }),
  };
}

/** '-' is the caller's own account; an explicit id must be the caller's (no cross-account grants yet). */
function resolveAccount(accountId: string, principal: Principal): string {
  if (accountId === '-' || accountId === principal.accountId) return principal.accountId;
  throw new StorageError('AccessDenied', `Access denied: the account ${accountId} is not the account of the credentials used.`);
}
