import type { CoreContext } from '../context.js';
import type { IncompleteUploadsSummary, UsageKind, UsageLedger, UsageScope } from '../ports/usage-ledger.js';
import { storageClasses, type StorageClass } from '../types.js';
import type { PriceTable } from './price-table.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Storage is billed per GB of 2^30 bytes, as the public clouds do. */
export const BYTES_PER_GB = 1024 ** 3;

export interface UsageReportRow {
  readonly accountId: string;
  readonly bucketId: number;
  readonly bucket: string;
  readonly storageClass: StorageClass;
  readonly kind: UsageKind;
  /** Stored at the end of the period. */
  readonly bytes: number;
  readonly count: number;
  /** Actual size x time. */
  readonly byteHours: number;
  /** Size x time with objects raised to their class's minimum billable size (parts never are). */
  readonly billableByteHours: number;
  readonly gbMonths: number;
  /** Objects or parts x time, in hours. */
  readonly countHours: number;
  readonly storageCost: number;
  /** Objects that left the class before its minimum storage duration, and the charge for the rest of it. */
  readonly earlyDeletions: number;
  readonly earlyDeletionByteHours: number;
  readonly earlyDeletionCost: number;
  readonly cost: number;
}

export interface UsageTotalsLine {
  readonly bytes: number;
  readonly count: number;
  readonly byteHours: number;
  readonly billableByteHours: number;
  readonly gbMonths: number;
  readonly storageCost: number;
  readonly earlyDeletionCost: number;
  readonly cost: number;
}

export interface IncompleteUploadsLine {
  readonly accountId: string;
  readonly bucketId: number;
  readonly bucket: string;
  readonly uploads: number;
  readonly parts: number;
  readonly bytes: number;
  readonly oldestInitiatedAt: number | null;
  /** What the parts of the uploads still incomplete have cost since each was initiated. */
  readonly byteHoursSoFar: number;
  readonly costSoFar: number;
}

export interface UsageReport {
  readonly from: number;
  readonly to: number;
  readonly currency: string;
  readonly hoursPerMonth: number;
  readonly rows: readonly UsageReportRow[];
  readonly totals: UsageTotalsLine;
  /** Objects and parts apart: what incomplete uploads cost is the point of the ledger. */
  readonly totalsByKind: Readonly<Record<UsageKind, UsageTotalsLine>>;
  /** Incomplete uploads as they stand at `asOf`, per bucket. */
  readonly asOf: number;
  readonly incompleteUploads: readonly IncompleteUploadsLine[];
}

export interface UsageReportInput extends UsageScope {
  readonly from: number;
  readonly to: number;
  readonly prices: PriceTable;
  /** When to take the incomplete uploads' standing; default now. */
  readonly asOf?: number;
  /** false: leave the incomplete uploads' standing out (a series of reports needs it once, not per point). */
  readonly incompleteUploads?: boolean;
}

/**
 * The usage and billing report for [from, to), per account, bucket, storage class and kind (object or
 * part), from the usage events alone. Objects are billed at least their class's minimum size, and an
 * object that leaves a class before its minimum duration is charged the rest of it at that moment.
 * Parts are billed at their actual size for exactly the time they existed: no minimum size, no
 * minimum duration. A period reaching into the future projects the current state to its end.
 */
export async function usageReport(ctx: CoreContext, ledger: UsageLedger, input: UsageReportInput): Promise<UsageReport> {
  const { prices } = input;
  const scope: UsageScope = {
    ...(input.accountId === undefined ? {} : { accountId: input.accountId }),
    ...(input.bucketId === undefined ? {} : { bucketId: input.bucketId }),
  };
  const perClass = <T>(f: (c: StorageClass) => T) => Object.fromEntries(storageClasses.map((c) => [c, f(c)])) as Record<StorageClass, T>;
  const totals = await ledger.usageTotals({
    ...scope,
    from: input.from,
    to: input.to,
    minObjectBytes: perClass((c) => prices.classes[c].minBillableBytes),
  });
  const early = await ledger.earlyDeletions({
    ...scope,
    from: input.from,
    to: input.to,
    minDurationMs: perClass((c) => prices.classes[c].minStorageDays * MS_PER_DAY),
  });
  const gbMonthsOf = (byteMs: number) => byteMs / MS_PER_HOUR / prices.hoursPerMonth / BYTES_PER_GB;

  const earlyByGroup = new Map<string, { count: number; byteMs: number }>();
  for (const e of early) {
    const price = prices.classes[e.storageClass];
    const rest = price.minStorageDays * MS_PER_DAY - (e.at - e.since);
    const key = groupKey(e.accountId, e.bucketId, e.storageClass, 'object');
    const g = earlyByGroup.get(key) ?? { count: 0, byteMs: 0 };
    g.count += 1;
    g.byteMs += rest * Math.max(e.bytes, price.minBillableBytes);
    earlyByGroup.set(key, g);
  }

  const rows: UsageReportRow[] = totals.map((t) => {
    const price = prices.classes[t.storageClass];
    const gbMonths = gbMonthsOf(t.billableByteMs);
    const storageCost = gbMonths * price.storagePerGbMonth;
    const e = earlyByGroup.get(groupKey(t.accountId, t.bucketId, t.storageClass, t.kind)) ?? { count: 0, byteMs: 0 };
    const earlyDeletionCost = gbMonthsOf(e.byteMs) * price.storagePerGbMonth;
    return {
      accountId: t.accountId,
      bucketId: t.bucketId,
      bucket: t.bucketName,
      storageClass: t.storageClass,
      kind: t.kind,
      bytes: t.closingBytes,
      count: t.closingCount,
      byteHours: t.byteMs / MS_PER_HOUR,
      billableByteHours: t.billableByteMs / MS_PER_HOUR,
      gbMonths,
      countHours: t.countMs / MS_PER_HOUR,
      storageCost,
      earlyDeletions: e.count,
      earlyDeletionByteHours: e.byteMs / MS_PER_HOUR,
      earlyDeletionCost,
      cost: storageCost + earlyDeletionCost,
    };
  });

  const asOf = input.asOf ?? ctx.clock();
  const incomplete = input.incompleteUploads === false ? [] : await ledger.incompleteUploads({ ...scope, asOf });
  return {
    from: input.from,
    to: input.to,
    currency: prices.currency,
    hoursPerMonth: prices.hoursPerMonth,
    rows,
    totals: sum(rows),
    totalsByKind: { object: sum(rows.filter((r) => r.kind === 'object')), part: sum(rows.filter((r) => r.kind === 'part')) },
    asOf,
    incompleteUploads: incomplete.map((s) => incompleteLine(s, prices)),
  };
}

/** What parts held for `byteMsByClass` (byte-milliseconds per class) cost: parts are billed at their actual size. */
export function partCostSoFar(
  byteMsByClass: Readonly<Partial<Record<StorageClass, number>>>,
  prices: PriceTable,
): { byteHours: number; cost: number } {
  let byteMs = 0;
  let cost = 0;
  for (const c of storageClasses) {
    const v = byteMsByClass[c] ?? 0;
    byteMs += v;
    cost += (v / MS_PER_HOUR / prices.hoursPerMonth / BYTES_PER_GB) * prices.classes[c].storagePerGbMonth;
  }
  return { byteHours: byteMs / MS_PER_HOUR, cost };
}

function incompleteLine(s: IncompleteUploadsSummary, prices: PriceTable): IncompleteUploadsLine {
  const { byteHours, cost } = partCostSoFar(s.byteMsByClass, prices);
  return {
    accountId: s.accountId,
    bucketId: s.bucketId,
    bucket: s.bucketName,
    uploads: s.uploads,
    parts: s.parts,
    bytes: s.bytes,
    oldestInitiatedAt: s.oldestInitiatedAt,
    byteHoursSoFar: byteHours,
    costSoFar: cost,
  };
}

function sum(rows: readonly UsageReportRow[]): UsageTotalsLine {
  const t = { bytes: 0, count: 0, byteHours: 0, billableByteHours: 0, gbMonths: 0, storageCost: 0, earlyDeletionCost: 0, cost: 0 };
  for (const r of rows) {
    t.bytes += r.bytes;
    t.count += r.count;
    t.byteHours += r.byteHours;
    t.billableByteHours += r.billableByteHours;
    t.gbMonths += r.gbMonths;
    t.storageCost += r.storageCost;
    t.earlyDeletionCost += r.earlyDeletionCost;
    t.cost += r.cost;
  }
  return t;
}

const groupKey = (accountId: string, bucketId: number, c: StorageClass, kind: UsageKind) =>
  `${accountId}\u0000${bucketId}\u0000${c}\u0000${kind}`;
