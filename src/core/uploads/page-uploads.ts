import type { CoreContext } from '../context.js';
import type { UploadSort } from '../ports/metadata-store.js';
import { storageClasses, type Bucket, type StorageClass, type UploadRecord } from '../types.js';
import type { PriceTable } from '../usage/price-table.js';
import { BYTES_PER_GB } from '../usage/usage-report.js';

const MS_PER_HOUR = 3_600_000;

export interface PageUploadsInput {
  readonly bucket: Bucket;
  readonly prefix: string;
  readonly sort: UploadSort;
  readonly descending: boolean;
  /** The last upload of the previous page, as `next` gave it. */
  readonly after?: UploadPageCursor;
  readonly limit: number;
  readonly prices: PriceTable;
}

/** Where the next page starts; `asOf` keeps every page of one listing at the same moment, so costs do not move. */
export interface UploadPageCursor {
  readonly value: number;
  readonly uploadId: string;
  readonly asOf: number;
}

export interface UploadPageEntry {
  readonly upload: UploadRecord;
  /** Part bytes x hours held since initiation, as the usage ledger integrates them. */
  readonly byteHoursSoFar: number;
  /** What the parts have cost so far at the price table's rate for the upload's storage class. */
  readonly costSoFar: number;
}

export interface UploadPage {
  readonly asOf: number;
  readonly uploads: readonly UploadPageEntry[];
  readonly next: UploadPageCursor | undefined;
}

/** What a byte stored for one millisecond costs in each class. */
export function costPerByteMs(prices: PriceTable): Record<StorageClass, number> {
  return Object.fromEntries(
    storageClasses.map((c) => [c, prices.classes[c].storagePerGbMonth / BYTES_PER_GB / prices.hoursPerMonth / MS_PER_HOUR]),
  ) as Record<StorageClass, number>;
}

/**
 * One page of a bucket's incomplete uploads for Part Management, sorted by initiation time, size or
 * cost so far, each with what its parts have cost up to the listing's moment.
 */
export async function pageUploads(ctx: CoreContext, input: PageUploadsInput): Promise<UploadPage> {
  const asOf = input.after?.asOf ?? ctx.clock();
  const weights = costPerByteMs(input.prices);
  const rows = await ctx.meta.listUploadsSorted(input.bucket.id, {
    prefix: input.prefix,
    sort: input.sort,
    descending: input.descending,
    ...(input.after === undefined ? {} : { after: { value: input.after.value, uploadId: input.after.uploadId } }),
    asOf,
    costPerByteMs: weights,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    asOf,
    uploads: page.map((r) => ({
      upload: r.upload,
      byteHoursSoFar: r.byteMsSoFar / MS_PER_HOUR,
      costSoFar: r.byteMsSoFar * weights[r.upload.attributes.storageClass],
    })),
    next: rows.length > input.limit && last !== undefined ? { value: last.sortValue, uploadId: last.upload.id, asOf } : undefined,
  };
}

/** How many incomplete uploads of a bucket have keys under `prefix`, and their part bytes (the counters when no prefix). */
export async function countUploads(ctx: CoreContext, bucket: Bucket, prefix: string): Promise<{ uploads: number; bytes: number }> {
  if (prefix === '') return { uploads: bucket.counters.uploads, bytes: bucket.counters.partBytes };
  return ctx.meta.countUploads(bucket.id, prefix);
}
