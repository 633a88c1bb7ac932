import { authenticate, requestBody } from '../auth/index.js';
import { createAccount } from '../core/accounts/create-account.js';
import { findBucket } from '../core/buckets/find-bucket.js';
import type { CoreContext } from '../core/context.js';
import { StorageError, isStorageError } from '../core/errors.js';
import type { AccessKey, Bucket, BucketNamespace, Principal, UploadRecord } from '../core/types.js';
import { abortUpload } from '../core/uploads/abort-upload.js';
import { listParts } from '../core/uploads/list-parts.js';
import { listUploads } from '../core/uploads/list-uploads.js';
import type { WireRequest, WireResponse } from '../dialects/common/wire.js';
import { queryValue } from '../dialects/common/wire.js';
import type { LifecycleEngine } from '../core/lifecycle/lifecycle-engine.js';
import type { UsageLedger } from '../core/ports/usage-ledger.js';
import type { PriceTable } from '../core/usage/price-table.js';
import { adminStatus } from './admin-errors.js';
import { listPassesJson, passJsonWithActions, runPassJson } from './lifecycle-admin.js';
import { usageJson } from './usage-admin.js';
import { partCostSoFar } from '../core/usage/usage-report.js';
import { routeAdmin, type AdminRoute } from './admin-routes.js';
import { decodePageToken, encodePageToken } from './page-token.js';

export interface AdminApiDeps {
  readonly ctx: CoreContext;
  readonly region: string;
  readonly lookupKey: (accessKeyId: string) => Promise<AccessKey | undefined>;
  /** The default account: its root administers the whole server. */
  readonly adminAccountId: string;
  readonly lifecycle: LifecycleEngine;
  readonly ledger: UsageLedger;
  readonly prices: PriceTable;
}

const MAX_JSON_BODY = 1024 * 1024;

/** The versioned JSON API under /_cairn/admin/, signed with SigV4 like any request. */
export function createAdminApi(deps: AdminApiDeps): (req: WireRequest) => Promise<WireResponse> {
  return async (req) => {
    req.log.dialect = 'admin';
    try {
      const route = routeAdmin(req.method, req.rawPath);
      if (route === undefined)
        return json(404, { error: { code: 'NotFound', message: `No admin endpoint ${req.method} ${req.rawPath}`, requestId: req.id } });
      req.log.operation = `Admin.${route.route}`;
      const auth = await authenticate(req, { region: deps.region, services: ['s3'], lookupKey: deps.lookupKey, now: deps.ctx.clock() });
      if (auth.kind === 'anonymous') throw new StorageError('AccessDenied', 'The admin API needs a signed request.');
      req.log.accessKeyId = auth.principal.accessKeyId;
      const body = requestBody(req, auth);
      return await handle(deps, route, req, auth.principal, () => readJson(body));
    } catch (error) {
      const e = isStorageError(error) ? error : new StorageError('InternalError', 'We encountered an internal error. Please try again.');
      if (!isStorageError(error)) deps.ctx.log.error('admin request failed', { requestId: req.id, error: String(error) });
      req.log.errorCode = e.code;
      return json(adminStatus[e.code], { error: { code: e.code, message: e.message, requestId: req.id } });
    }
  };
}

async function handle(
  deps: AdminApiDeps,
  route: AdminRoute,
  req: WireRequest,
  principal: Principal,
  body: () => Promise<unknown>,
): Promise<WireResponse> {
  const { ctx } = deps;
  const isAdmin = principal.accountId === deps.adminAccountId && principal.userName === null;
  const requireAdmin = () => {
    if (!isAdmin) throw new StorageError('AccessDenied', 'Only the root of the default account may do this.');
  };
  const ownBucket = async (name: string): Promise<Bucket> => {
    const bucket = await findBucket(ctx, 's3', name);
    if (!isAdmin && (bucket.accountId !== principal.accountId || principal.userName !== null)) {
      throw new StorageError('AccessDenied', 'Access Denied');
    }
    return bucket;
  };
  switch (route.route) {
    case 'whoami':
      return json(200, {
        accountId: principal.accountId,
        userName: principal.userName,
        accessKeyId: principal.accessKeyId,
        admin: isAdmin,
      });
    case 'listAccounts': {
      requireAdmin();
      const accounts = await ctx.meta.listAccounts();
      return json(200, {
        accounts: accounts.map((a) => ({ id: a.id, name: a.name, displayName: a.displayName, createdAt: iso(a.createdAt) })),
      });
    }
    case 'createAccount': {
      requireAdmin();
      const input = (await body()) as { name?: unknown; displayName?: unknown };
      if (typeof input.name !== 'string') throw new StorageError('InvalidArgument', 'name is required', { ArgumentName: 'name' });
      const created = await createAccount(ctx, {
        name: input.name,
        ...(typeof input.displayName === 'string' ? { displayName: input.displayName } : {}),
      });
      return json(201, {
        account: {
          id: created.account.id,
          name: created.account.name,
          displayName: created.account.displayName,
          createdAt: iso(created.account.createdAt),
        },
        accessKeyId: created.rootKey.accessKeyId,
        secretAccessKey: created.rootKey.secretAccessKey,
      });
    }
    case 'listBuckets': {
      const all = queryValue(req, 'all') !== undefined && isAdmin;
      // Glacier vaults are buckets of their own namespace, with the same counters: ?namespace=glacier or all.
      const namespace = queryValue(req, 'namespace') ?? 's3';
      if (namespace !== 's3' && namespace !== 'glacier' && namespace !== 'all') {
        throw new StorageError('InvalidArgument', 'namespace must be s3, glacier or all', { ArgumentName: 'namespace' });
      }
      const namespaces: BucketNamespace[] = namespace === 'all' ? ['s3', 'glacier'] : [namespace];
      const buckets = [];
      for (const ns of namespaces) buckets.push(...(await ctx.meta.listBuckets(ns, all ? undefined : principal.accountId)));
      return json(200, {
        buckets: buckets.map((b) => ({
          name: b.name,
          namespace: b.namespace,
          accountId: b.accountId,
          region: b.region,
          storageClass: b.storageClass,
          createdAt: iso(b.createdAt),
          ...b.counters,
        })),
      });
    }
    case 'listUploads': {
      const bucket = await ownBucket(route.bucket);
      const limit = clampLimit(queryValue(req, 'limit'));
      const token = decodePageToken(queryValue(req, 'pageToken'));
      const page = await listUploads(ctx, {
        bucket,
        prefix: queryValue(req, 'prefix') ?? '',
        ...(token === undefined ? {} : { keyMarker: token.key, uploadIdMarker: token.uploadId }),
        maxUploads: limit,
      });
      const last = page.uploads.at(-1);
      const costs = await uploadCosts(deps, page.uploads);
      return json(200, {
        bucket: bucket.name,
        currency: deps.prices.currency,
        totals: { uploads: bucket.counters.uploads, parts: bucket.counters.parts, bytes: bucket.counters.partBytes },
        uploads: page.uploads.map((u) => ({ ...uploadJson(u), ...costs.get(u.id) })),
        ...(page.isTruncated && last !== undefined ? { nextPageToken: encodePageToken({ key: last.key, uploadId: last.id }) } : {}),
      });
    }
    case 'listParts': {
      const bucket = await ownBucket(route.bucket);
      const page = await listParts(ctx, {
        bucket,
        key: undefined,
        uploadId: route.uploadId,
        partNumberMarker: Number(queryValue(req, 'after') ?? 0) || 0,
        maxParts: clampLimit(queryValue(req, 'limit')),
      });
      return json(200, {
        upload: uploadJson(page.upload),
        parts: page.parts.map((p) => ({ partNumber: p.partNumber, size: p.size, etag: p.etag, lastModified: iso(p.lastModified) })),
        ...(page.isTruncated ? { nextAfter: page.nextPartNumberMarker } : {}),
      });
    }
    case 'abortUpload': {
      const bucket = await ownBucket(route.bucket);
      await abortUpload(ctx, bucket, undefined, route.uploadId);
      return { status: 204, headers: {} };
    }
    case 'lifecyclePasses':
      requireAdmin();
      return json(200, await listPassesJson(deps.lifecycle, req));
    case 'lifecyclePass':
      requireAdmin();
      return json(200, await passJsonWithActions(deps.lifecycle, req, route.passId));
    case 'lifecycleRun':
      requireAdmin();
      return json(200, await runPassJson(deps.lifecycle, await body()));
    case 'usage':
      requireAdmin();
      return json(200, await usageJson(ctx, deps.ledger, deps.prices, req));
    case 'abortUploads': {
      const bucket = await ownBucket(route.bucket);
      const filter = (await body()) as { prefix?: unknown; initiatedBefore?: unknown; uploadIds?: unknown };
      const prefix = typeof filter.prefix === 'string' ? filter.prefix : '';
      const before = typeof filter.initiatedBefore === 'string' ? Date.parse(filter.initiatedBefore) : undefined;
      const ids = Array.isArray(filter.uploadIds) ? new Set(filter.uploadIds.map(String)) : undefined;
      let aborted = 0;
      let parts = 0;
      let bytes = 0;
      let marker: { key: string; uploadId: string } | undefined;
      for (;;) {
        const page = await listUploads(ctx, {
          bucket,
          prefix,
          ...(marker === undefined ? {} : { keyMarker: marker.key, uploadIdMarker: marker.uploadId }),
          maxUploads: 1000,
        });
        for (const u of page.uploads) {
          if (before !== undefined && u.initiatedAt >= before) continue;
          if (ids !== undefined && !ids.has(u.id)) continue;
          await abortUpload(ctx, bucket, u.key, u.id);
          aborted++;
          parts += u.partCount;
          bytes += u.bytes;
        }
        const last = page.uploads.at(-1);
        if (!page.isTruncated || last === undefined) break;
        marker = { key: last.key, uploadId: last.id };
      }
      return json(200, { aborted, parts, bytes });
    }
  }
}

/** Each upload's part byte-hours and cost so far, from the usage ledger (nothing when the adapter cannot tell). */
async function uploadCosts(
  deps: AdminApiDeps,
  uploads: readonly UploadRecord[],
): Promise<Map<string, { byteHoursSoFar: number; costSoFar: number }>> {
  const out = new Map<string, { byteHoursSoFar: number; costSoFar: number }>();
  if (deps.ledger.uploadByteMs === undefined || uploads.length === 0) return out;
  const byUpload = await deps.ledger.uploadByteMs(
    uploads.map((u) => u.id),
    deps.ctx.clock(),
  );
  for (const [id, byClass] of byUpload) {
    const { byteHours, cost } = partCostSoFar(byClass, deps.prices);
    out.set(id, { byteHoursSoFar: byteHours, costSoFar: cost });
  }
  return out;
}

function uploadJson(u: UploadRecord) {
  return {
    key: u.key,
    uploadId: u.id,
    initiated: iso(u.initiatedAt),
    partCount: u.partCount,
    bytes: u.bytes,
    storageClass: u.attributes.storageClass,
    initiator: { accountId: u.initiator.accountId, userName: u.initiator.userName },
  };
}

function clampLimit(text: string | undefined): number {
  const n = Number(text ?? 100);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1000) : 100;
}

const iso = (ms: number) => new Date(ms).toISOString();

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: `${JSON.stringify(value)}\n` };
}

async function readJson(body: AsyncIterable<Uint8Array>): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body) {
    size += c.length;
    if (size > MAX_JSON_BODY) throw new StorageError('RequestBodyTooLarge', 'The request body is too large.');
    chunks.push(Buffer.from(c));
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new StorageError('MalformedJSON', 'The request body is not valid JSON.');
  }
}
