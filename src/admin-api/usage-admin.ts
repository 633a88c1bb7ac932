import { findBucket } from '../core/buckets/find-bucket.js';
import type { CoreContext } from '../core/context.js';
import { StorageError } from '../core/errors.js';
import type { UsageLedger } from '../core/ports/usage-ledger.js';
import type { PriceTable } from '../core/usage/price-table.js';
import { usageReport } from '../core/usage/usage-report.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * GET usage?from&to&bucket&account: the usage and billing report for [from, to) (default: this
 * calendar month so far), per account, bucket, storage class and kind.
 */
export interface UsageQuery {
  readonly from: number | undefined;
  readonly to: number | undefined;
  readonly bucket: string | undefined;
  readonly account: string | undefined;
}

export async function usageJson(ctx: CoreContext, ledger: UsageLedger, prices: PriceTable, query: UsageQuery) {
  const now = ctx.clock();
  const start = new Date(now);
  const monthStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  const from = query.from ?? monthStart;
  const to = query.to ?? now;
  if (!(from < to)) throw new StorageError('InvalidArgument', 'from: must come before to', { ArgumentName: 'from' });
  const bucket = query.bucket === undefined ? undefined : await findBucket(ctx, 's3', query.bucket);
  const accountId = query.account;
  const report = await usageReport(ctx, ledger, {
    from,
    to,
    prices,
    ...(bucket === undefined ? {} : { bucketId: bucket.id }),
    ...(accountId === undefined ? {} : { accountId }),
  });
  return {
    from: iso(report.from),
    to: iso(report.to),
    currency: report.currency,
    hoursPerMonth: report.hoursPerMonth,
    prices: prices.classes,
    rows: report.rows.map(({ bucketId: _id, ...r }) => r),
    totals: report.totals,
    totalsByKind: report.totalsByKind,
    asOf: iso(report.asOf),
    incompleteUploads: report.incompleteUploads.map(({ bucketId: _id, oldestInitiatedAt, ...u }) => ({
      ...u,
      oldestInitiated: iso(oldestInitiatedAt),
    })),
  };
}
