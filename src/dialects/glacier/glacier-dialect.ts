import {
  authenticate,
  requestBody,
  sigV4ScopeOf,
  type AuthorizationRequest,
  type Authorizer,
  type DecodedBody,
  type SigV2Auth,
  type SigV4Auth,
} from '../../auth/index.js';
import { findBucket } from '../../core/buckets/find-bucket.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError, isStorageError } from '../../core/errors.js';
import { completeDueJobs } from '../../core/jobs/complete-job.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import { purgeExpiredJobs } from '../../core/jobs/purge-jobs.js';
import type { JobStore } from '../../core/ports/job-store.js';
import type { AccessKey, Principal } from '../../core/types.js';
import type { Dialect } from '../common/dialect.js';
import { handlerCore } from '../common/handler-core.js';
import { createDialect, type AuthorizationTarget, type Caller } from '../common/request-pipeline.js';
import type { WireRequest } from '../common/wire.js';
import { glacierAction, glacierResourceArn } from './actions.js';
import type { GlacierEndpoint } from './endpoint.js';
import { vaultArn } from './glacier-names.js';
import { accountHandlers } from './handlers/account-handlers.js';
import { archiveHandlers } from './handlers/archive-handlers.js';
import type { GlacierHandlerContext, GlacierHandlerTable, TierDelays } from './handlers/handler-context.js';
import { jobHandlers } from './handlers/job-handlers.js';
import { multipartHandlers } from './handlers/multipart-handlers.js';
import { vaultConfigHandlers } from './handlers/vault-config-handlers.js';
import { vaultHandlers } from './handlers/vault-handlers.js';
import { vaultLockHandlers } from './handlers/vault-lock-handlers.js';
import { renderInventory } from './json/inventory.js';
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

type GlacierCaller = Caller<SigV4Auth | SigV2Auth> & {
  /** The numeric account id the path names ('-' resolved). */
  readonly accountId: string;
};

/**
 * The Glacier dialect: the common pipeline configured with Glacier's router, SigV4 (service `glacier`)
 * after the API version check, the account ('-' is the caller's), handlers and JSON error table.
 */
export function createGlacierDialect(deps: GlacierDialectDeps): GlacierDialect {
  const { ctx } = deps;
  const core = handlerCore(ctx);
  const jobs: Jobs = { store: deps.jobStore, retentionMs: deps.jobRetentionMs, renderInventory };

  const dialect = createDialect<GlacierEndpoint, GlacierCaller, GlacierHandlerContext, DecodedBody>({
    name: 'glacier',
    label: 'Glacier',
    core: ctx,
    authorizer: deps.authorizer,
    detect: (req) => {
      const scope = sigV4ScopeOf(req);
      return scope !== undefined ? scope.service === 'glacier' : isGlacierPath(req.rawPath);
    },
    route: (req) => routeGlacier(req),
    logFields: (e) => ('vaultName' in e ? { bucket: e.vaultName } : {}),
    authenticate: async (req, e) => {
      requireApiVersion(req.headers['x-amz-glacier-version']);
      const auth = await authenticate(req, {
        region: deps.region,
        services: ['glacier'],
        lookupKey: deps.lookupKey,
        now: ctx.clock(),
        allowSigV2: false,
      });
      if (auth.kind === 'anonymous') throw new StorageError('MissingSecurityHeader', 'Missing Authentication Token');
      return { auth, principal: auth.principal, accountId: resolveAccount(e.accountId, auth.principal) };
    },
    resolveBucket: async (e, caller) => {
      if (!('vaultName' in e) || e.operation === 'CreateVault') return undefined;
      return findBucket(ctx, 'glacier', e.vaultName, caller.accountId).catch((error: unknown) => {
        if (!isStorageError(error, 'NoSuchBucket')) throw error;
        throw new StorageError('NoSuchBucket', `Vault not found for ARN: ${vaultArn(deps.region, caller.accountId, e.vaultName)}`);
      });
    },
    target: (e, caller, vault) => ({
      action: glacierAction(e),
      resource: glacierResourceArn(e, deps.region, caller.accountId),
      resourceAccountId: caller.accountId,
      bucket: vault,
    }),
    authorizationRequest: glacierAuthorizationRequest,
    denied: (request) => new StorageError('AccessDenied', `Access denied: ${request.action} on ${request.resource}`),
    handlers,
    notImplemented: (e) => new StorageError('NotImplemented', `${e.operation} is not implemented.`),
    openBody: (req, caller) => requestBody(req, caller.auth),
    handlerContext: ({ req, caller, bucket, body }) => ({
      ctx: core,
      jobs,
      req,
      auth: caller.auth,
      principal: caller.principal,
      accountId: caller.accountId,
      region: deps.region,
      tierDelays: deps.tierDelays,
      vault: bucket,
      body,
    }),
    renderError: (e) => renderGlacierError(e),
    finish: (response, req) => ({ ...response, headers: { ...response.headers, 'x-amzn-requestid': req.id } }),
  });

  return {
    ...dialect,
    maintainJobs: async () => ({ completed: await completeDueJobs(ctx, jobs), purged: await purgeExpiredJobs(ctx, jobs) }),
  };
}

/** What the authorizer is asked about a Glacier request: the caller, the action, and the account the path names. */
export function glacierAuthorizationRequest(_req: WireRequest, caller: GlacierCaller, target: AuthorizationTarget): AuthorizationRequest {
  return { principal: caller.principal, action: target.action, resource: target.resource, resourceAccountId: target.resourceAccountId };
}

function requireApiVersion(version: string | undefined): void {
  if (version === undefined)
    throw new StorageError('MissingParameter', 'Required parameter missing: API version', { ParameterName: 'x-amz-glacier-version' });
  if (version.trim() !== API_VERSION)
    throw new StorageError('InvalidArgument', `Invalid API version: ${version}. This server speaks ${API_VERSION}.`);
}

/** '-' is the caller's own account; an explicit id must be the caller's (no cross-account grants yet). */
function resolveAccount(accountId: string, principal: Principal): string {
  if (accountId === '-' || accountId === principal.accountId) return principal.accountId;
  throw new StorageError('AccessDenied', `Access denied: the account ${accountId} is not the account of the credentials used.`);
}
