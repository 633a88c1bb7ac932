import { authenticate, requestBody, type DecodedBody } from '../auth/index.js';
import { createAccount } from '../core/accounts/create-account.js';
import { DOCUMENT_WEIGHT, readBounded } from '../core/ingest/buffer-budget.js';
import { findBucket } from '../core/buckets/find-bucket.js';
import type { CoreContext } from '../core/context.js';
import { StorageError, isStorageError } from '../core/errors.js';
import type { AccessKey, Bucket, BucketNamespace, Principal, UploadRecord } from '../core/types.js';
import { abortUpload } from '../core/uploads/abort-upload.js';
import { listParts } from '../core/uploads/list-parts.js';
import { listUploads } from '../core/uploads/list-uploads.js';
import type { WireRequest, WireResponse } from '../dialects/common/wire.js';
import type { LifecycleEngine } from '../core/lifecycle/lifecycle-engine.js';
import type { UsageLedger } from '../core/ports/usage-ledger.js';
import type { PriceTable } from '../core/usage/price-table.js';
import { adminStatus } from './admin-errors.js';
import { listPassesJson, passJsonWithActions, runPassJson } from './lifecycle-admin.js';
import { usageJson } from './usage-admin.js';
import { partCostSoFar } from '../core/usage/usage-report.js';
import { routeAdmin, type AdminRoute } from './admin-routes.js';
import { adminEndpoints, MAX_ADMIN_BODY, type AdminEndpoints } from './admin-endpoints.js';
import { invalidField, parseQueryParams, type InferShape, type Schema } from './admin-schema.js';
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

type Route = AdminRoute['route'];
type QueryOf<R extends Route> = InferShape<AdminEndpoints[R]['query']>;
type BodyOf<R extends Route> = AdminEndpoints[R]['body'] extends Schema<infer T> ? T : undefined;

/** An endpoint's query and body, checked against its schema before it does any work. */
interface CheckedInput {
  readonly query: unknown;
  readonly body: unknown;
}

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
      const schema = adminEndpoints[route.route];
      const query = parseQueryParams(req.query, schema.query);
      const text = await readBodyText(req, requestBody(req, auth));
      const input: CheckedInput = { query, body: checkBody(schema.body, text) };
      return await handle(deps, route, auth.principal, input);
    } catch (error) {
      const e = isStorageError(error) ? error : new StorageError('InternalError', 'We encountered an internal error. Please try again.');
      if (!isStorageError(error)) deps.ctx.log.error('admin request failed', { requestId: req.id, error: String(error) });
      req.log.errorCode = e.code;
      return renderAdminError(e, req.id);
    }
  };
}

/** The admin API's JSON error: `{error: {code, message, field?, requestId}}` with the code's status. */
export function renderAdminError(e: StorageError, requestId: string): WireResponse {
  const field = e.details.ArgumentName ?? e.details.ParameterName;
  return json(adminStatus[e.code], {
    error: { code: e.code, message: e.message, ...(field === undefined ? {} : { field: String(field) }), requestId },
  });
}

async function handle(deps: AdminApiDeps, route: AdminRoute, principal: Principal, input: CheckedInput): Promise<WireResponse> {
  const { ctx } = deps;
  const query = <R extends Route>(_route: R) => input.query as QueryOf<R>;
  const body = <R extends Route>(_route: R) => input.body as BodyOf<R>;
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
      const { name, displayName } = body('createAccount');
      const created = await createAccount(ctx, { name, ...(displayName === undefined ? {} : { displayName }) });
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
      const q = query('listBuckets');
      const all = q.all === true && isAdmin;
      // Glacier vaults are buckets of their own namespace, with the same counters: ?namespace=glacier or all.
      const namespace = q.namespace ?? 's3';
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
      const q = query('listUploads');
      const token = q.pageToken === undefined || q.pageToken === '' ? undefined : decodePageToken(q.pageToken);
      if (q.pageToken !== undefined && q.pageToken !== '' && token === undefined) {
        throw invalidField('pageToken', 'is not a token this API returned', q.pageToken);
      }
      const bucket = await ownBucket(route.bucket);
      const page = await listUploads(ctx, {
        bucket,
        prefix: q.prefix ?? '',
        ...(token === undefined ? {} : { keyMarker: token.key, uploadIdMarker: token.uploadId }),
        maxUploads: q.limit ?? 100,
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
      const q = query('listParts');
      const bucket = await ownBucket(route.bucket);
      const page = await listParts(ctx, {
        bucket,
        key: undefined,
        uploadId: route.uploadId,
        partNumberMarker: q.after ?? 0,
        maxParts: q.limit ?? 100,
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
      return json(200, await listPassesJson(deps.lifecycle, query('lifecyclePasses')));
    case 'lifecyclePass':
      requireAdmin();
      return json(200, await passJsonWithActions(deps.lifecycle, query('lifecyclePass'), route.passId));
    case 'lifecycleRun':
      requireAdmin();
      return json(200, await runPassJson(deps.lifecycle, body('lifecycleRun')));
    case 'usage':
      requireAdmin();
      return json(200, await usageJson(ctx, deps.ledger, deps.prices, query('usage')));
    case 'abortUploads': {
      const filter = body('abortUploads');
      const bucket = await ownBucket(route.bucket);
      const prefix = filter.prefix ?? '';
      const before = filter.initiatedBefore;
      const ids = filter.uploadIds === undefined ? undefined : new Set(filter.uploadIds);
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
          try {
            await abortUpload(ctx, bucket, u.key, u.id);
          } catch (e) {
            // Completed by its client since the page was read: not ours to count, and the others still go.
            if (isStorageError(e, 'NoSuchUpload')) continue;
            throw e;
          }
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

const iso = (ms: number) => new Date(ms).toISOString();

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: `${JSON.stringify(value)}\n` };
}

/**
 * The body as text: refused before reading when its declared length is over the limit, and as soon as it
 * grows past it otherwise. Invalid UTF-8 is MalformedJSON, never replaced with U+FFFD.
 */
async function readBodyText(req: WireRequest, body: DecodedBody): Promise<string> {
  const bytes = await readBounded(body, {
    limit: MAX_ADMIN_BODY,
    declared: body.contentLength,
    heldUntil: req.body,
    weight: DOCUMENT_WEIGHT,
    tooLarge: bodyTooLarge,
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StorageError('MalformedJSON', 'The request body is not valid UTF-8.');
  }
}

function bodyTooLarge(): StorageError {
  return new StorageError('RequestBodyTooLarge', `The request body is larger than ${MAX_ADMIN_BODY} bytes.`, {
    MaxMessageLengthBytes: MAX_ADMIN_BODY,
  });
}

/** An endpoint without a body refuses one; with a body schema, an empty body is `{}` and anything else must parse and validate. */
function checkBody(schema: Schema<unknown> | undefined, text: string): unknown {
  if (schema === undefined) {
    if (text.trim() !== '') throw new StorageError('InvalidRequest', 'This endpoint takes no request body.', { ArgumentName: 'body' });
    return undefined;
  }
  let value: unknown = {};
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      throw new StorageError('MalformedJSON', 'The request body is not valid JSON.', { ArgumentName: 'body' });
    }
  }
  return schema.parse(value, 'body');
}
