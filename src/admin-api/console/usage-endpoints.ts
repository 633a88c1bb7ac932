import { findBucket } from '../../core/buckets/find-bucket.js';
import { storageClasses, type StorageClass } from '../../core/types.js';
import { usageReport, type UsageReportRow } from '../../core/usage/usage-report.js';
import { isServerAdmin, iso, json, requireMay, type ConsoleEndpoint } from './console-call.js';
import { queryInteger, queryText } from './console-input.js';

const DAY = 86_400_000;

type ByClass = Record<StorageClass, number>;
const zeroByClass = (): ByClass => Object.fromEntries(storageClasses.map((c) => [c, 0])) as ByClass;

/**
 * Storage over time for the Usage page: for each day of the period, the bytes stored at its end by
 * class and kind (objects, parts of incomplete uploads) and what the day cost; for the whole period,
 * the cost per bucket; all from the usage ledger and the price table, as `usage` reports do.
 */
export const usageEndpoint: ConsoleEndpoint = async (call) => {
  const { ctx, ledger, prices } = call.deps;
  await requireMay(call, 'cairn:AdminUsage', undefined);
  const days = queryInteger(call.query('days'), 'days', 1, 366, 30);
  const bucketName = queryText(call.query('bucket'), 'bucket', 255);
  const bucket = bucketName === undefined || bucketName === '' ? undefined : await findBucket(ctx, 's3', bucketName);
  if (bucket !== undefined) await requireMay(call, 's3:ListBucket', bucket);
  // The server's administrator sees every account; everybody else their own.
  const accountId = isServerAdmin(call.deps, call.principal) ? undefined : call.principal.accountId;
  const scope = { ...(bucket === undefined ? {} : { bucketId: bucket.id }), ...(accountId === undefined ? {} : { accountId }) };
  const now = ctx.clock();
  const end = Math.ceil(now / DAY) * DAY;
  const from = end - days * DAY;
  const step = days > 90 ? Math.ceil(days / 90) * DAY : DAY;
  const points = [];
  for (let t = from; t < end; t += step) {
    const to = Math.min(t + step, end);
    const r = await usageReport(ctx, ledger, { ...scope, from: t, to: Math.min(to, now), prices, incompleteUploads: false });
    const bytes = { object: zeroByClass(), part: zeroByClass() };
    for (const row of r.rows) bytes[row.kind][row.storageClass] += row.bytes;
    points.push({
      from: iso(t),
      to: iso(to),
      bytes,
      objectCost: r.totalsByKind.object.cost,
      partCost: r.totalsByKind.part.cost,
      cost: r.totals.cost,
    });
  }
  const period = await usageReport(ctx, ledger, { ...scope, from, to: now, prices });
  const perBucket = new Map<string, { bucket: string; objectBytes: number; partBytes: number; objectCost: number; partCost: number }>();
  for (const row of period.rows as UsageReportRow[]) {
    const b = perBucket.get(row.bucket) ?? { bucket: row.bucket, objectBytes: 0, partBytes: 0, objectCost: 0, partCost: 0 };
    if (row.kind === 'object') {
      b.objectBytes += row.bytes;
      b.objectCost += row.cost;
    } else {
      b.partBytes += row.bytes;
      b.partCost += row.cost;
    }
    perBucket.set(row.bucket, b);
  }
  return json(200, {
    currency: period.currency,
    from: iso(from),
    to: iso(now),
    points,
    buckets: [...perBucket.values()].map((b) => ({ ...b, cost: b.objectCost + b.partCost })),
    totals: { objectCost: period.totalsByKind.object.cost, partCost: period.totalsByKind.part.cost, cost: period.totals.cost },
    incompleteUploads: period.incompleteUploads.map((u) => ({
      bucket: u.bucket,
      uploads: u.uploads,
      parts: u.parts,
      bytes: u.bytes,
      oldestInitiated: iso(u.oldestInitiatedAt),
      costSoFar: u.costSoFar,
    })),
  });
};
