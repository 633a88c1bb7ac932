import type { AuthResult, DecodedBody } from '../../../auth/index.js';
import type { HandlerCore } from '../../common/handler-core.js';
import { StorageError } from '../../../core/errors.js';
import type { Jobs } from '../../../core/jobs/jobs.js';
import type { Bucket, Principal } from '../../../core/types.js';
import { queryValue, type WireRequest, type WireResponse } from '../../common/wire.js';
import type { GlacierEndpointOf, GlacierOperation } from '../endpoint.js';
import { vaultArn } from '../glacier-names.js';

/** Completion delays of the three retrieval tiers, in milliseconds. */
export interface TierDelays {
  readonly expedited: number;
  readonly standard: number;
  readonly bulk: number;
}

/** What a handler gets: the request, the caller, the resolved account and vault (authorized), the core. */
export interface GlacierHandlerContext {
  readonly ctx: HandlerCore;
  readonly jobs: Jobs;
  readonly req: WireRequest;
  readonly auth: AuthResult;
  /** The caller, acting in its own account. */
  readonly principal: Principal;
  /** The numeric account id the path names ('-' resolved). */
  readonly accountId: string;
  readonly region: string;
  readonly tierDelays: TierDelays;
  /** The named vault; undefined for account operations and CreateVault. */
  readonly vault: Bucket | undefined;
  /** The decoded, verified body; call once. */
  readonly body: () => DecodedBody;
}

export type GlacierHandler<O extends GlacierOperation> = (
  h: GlacierHandlerContext,
  endpoint: GlacierEndpointOf<O>,
) => Promise<WireResponse>;
export type GlacierHandlerTable = { readonly [O in GlacierOperation]?: GlacierHandler<O> };

export function requireVault(h: GlacierHandlerContext): Bucket {
  if (h.vault === undefined) throw new Error('handler needs a vault the dispatcher did not resolve');
  return h.vault;
}

export function arnOf(h: GlacierHandlerContext, vaultName: string): string {
  return vaultArn(h.region, h.accountId, vaultName);
}

/** A path under the vault, always with the numeric account id. */
export function locationOf(h: GlacierHandlerContext, vaultName: string, rest = ''): string {
  return `/${h.accountId}/vaults/${encodeURIComponent(vaultName)}${rest}`;
}

export function empty(status: number, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-length': '0', ...headers } };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The `limit` query parameter: an integer from 1 to 1000, or the operation's default. */
export function limitOf(h: GlacierHandlerContext, fallback: number): number {
  const text = queryValue(h.req, 'limit');
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 1000) {
    throw new StorageError('InvalidArgument', `Invalid limit: ${text}. It must be an integer from 1 to 1000.`, { ArgumentName: 'limit' });
  }
  return n;
}

export function markerOf(h: GlacierHandlerContext): string | undefined {
  const m = queryValue(h.req, 'marker');
  return m === undefined || m === '' ? undefined : m;
}
