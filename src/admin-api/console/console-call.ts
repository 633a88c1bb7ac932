import type { Authorizer } from '../../auth/index.js';
import { findBucket } from '../../core/buckets/find-bucket.js';
import type { CoreContext } from '../../core/context.js';
import { StorageError } from '../../core/errors.js';
import type { LifecycleEngine } from '../../core/lifecycle/lifecycle-engine.js';
import type { UsageLedger } from '../../core/ports/usage-ledger.js';
import type { AccessKey, Bucket, Principal } from '../../core/types.js';
import type { PriceTable } from '../../core/usage/price-table.js';
import type { WireRequest, WireResponse } from '../../dialects/common/wire.js';
import type { AbortJobs } from './abort-jobs.js';
import type { ConsoleSession } from './console-sessions.js';

export interface ConsoleApiDeps {
  readonly ctx: CoreContext;
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** The same policy decisions as the dialects make: every console action is authorized as the signed-in principal. */
  readonly authorizer: Authorizer;
  /** The default account: its root administers the server (accounts, every account's usage). */
  readonly adminAccountId: string;
  readonly region: string;
  readonly lifecycle: LifecycleEngine;
  readonly lifecycleIntervalMs: number;
  readonly ledger: UsageLedger;
  readonly prices: PriceTable;
  readonly sessionLifetimeMs: number;
}

/** One console request as its endpoint sees it. */
export interface ConsoleCall {
  readonly deps: ConsoleApiDeps;
  readonly req: WireRequest;
  readonly session: ConsoleSession;
  readonly principal: Principal;
  readonly params: Readonly<Record<string, string>>;
  readonly jobs: AbortJobs;
  query(name: string): string | undefined;
  /** The JSON body (an empty body reads as {}). */
  body(): Promise<unknown>;
}

export type ConsoleEndpoint = (call: ConsoleCall) => Promise<WireResponse>;

export function isServerAdmin(deps: ConsoleApiDeps, p: Principal): boolean {
  return p.accountId === deps.adminAccountId && p.userName === null;
}

export function s3Resource(bucket: Bucket | undefined, key?: string): string {
  if (bucket === undefined) return '*';
  return key === undefined ? `arn:aws:s3:::${bucket.name}` : `arn:aws:s3:::${bucket.name}/${key}`;
}

/** Whether the principal may take an S3 action on a bucket (or one of its keys), as the S3 dialect would decide it. */
export function may(
  call: Pick<ConsoleCall, 'deps' | 'principal'>,
  action: string,
  bucket: Bucket | undefined,
  key?: string,
): Promise<boolean> {
  return call.deps.authorizer.authorize({
    principal: call.principal,
    action,
    resource: s3Resource(bucket, key),
    resourceAccountId: bucket?.accountId,
  });
}

export async function requireMay(call: ConsoleCall, action: string, bucket: Bucket | undefined, key?: string): Promise<void> {
  if (!(await may(call, action, bucket, key))) {
    throw new StorageError('AccessDenied', `You are not allowed ${action} on ${s3Resource(bucket, key)}.`);
  }
}

/** The route's bucket; its existence is told only to whom may know it (as S3 answers 403 for another account's bucket). */
export async function routeBucket(call: ConsoleCall, action: string, key?: string): Promise<Bucket> {
  const name = call.params.bucket ?? '';
  const bucket = await findBucket(call.deps.ctx, 's3', name);
  await requireMay(call, action, bucket, key);
  return bucket;
}

export function json(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: `${JSON.stringify(value)}\n`,
  };
}

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
