import { callAdmin } from './admin-client.js';
import { endpointOptions, settingsFor } from './client-flags.js';
import { describeOptions, parseCommandArgs } from './command-args.js';
import type { Command } from './command-context.js';
import { formatBytes, formatTable } from './print-table.js';
import { UsageError } from './usage-error.js';

interface RowJson {
  accountId: string;
  bucket: string;
  storageClass: string;
  kind: 'object' | 'part';
  bytes: number;
  count: number;
  byteHours: number;
  billableByteHours: number;
  gbMonths: number;
  earlyDeletions: number;
  earlyDeletionCost: number;
  cost: number;
}
interface TotalsJson {
  byteHours: number;
  gbMonths: number;
  storageCost: number;
  earlyDeletionCost: number;
  cost: number;
}
interface IncompleteJson {
  bucket: string;
  uploads: number;
  parts: number;
  bytes: number;
  oldestInitiated: string | null;
  byteHoursSoFar: number;
  costSoFar: number;
}
interface UsageJson {
  from: string;
  to: string;
  currency: string;
  rows: RowJson[];
  totals: TotalsJson;
  totalsByKind: { object: TotalsJson; part: TotalsJson };
  asOf: string;
  incompleteUploads: IncompleteJson[];
}

const GB = 1024 ** 3;

const options = {
  bucket: { type: 'string', value: 'B', help: 'one bucket' },
  from: { type: 'string', value: 'ISO-TIME', help: 'start of the period (default: this month)' },
  to: { type: 'string', value: 'ISO-TIME', help: 'end of the period (default: now)' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;

const usage = `usage: cairn usage [--bucket B] [--from ISO-TIME] [--to ISO-TIME] [--json]

Storage, byte-hours and cost per bucket, class and kind on Cairn; what incomplete uploads hold and have
cost so far.

${describeOptions(options)}`;

/**
 * `cairn usage [--bucket B] [--from T] [--to T] [--json]`: storage used and what it costs over a period
 * (default: this month so far), per bucket, storage class and kind, and what each bucket's incomplete
 * uploads hold and have cost so far.
 */
export const usageCommand: Command = {
  name: 'usage',
  summary: 'storage, byte-hours and cost per bucket and class; incomplete uploads cost so far',
  usage,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, options, { min: 0, max: 0 }, usage);
    const out = ctx.out;
    const settings = settingsFor('s3', values, ctx.env);
    const time = (name: 'from' | 'to') => {
      const v = values[name];
      if (v === undefined) return undefined;
      if (!Number.isFinite(Date.parse(v))) throw new UsageError(`--${name} takes an ISO 8601 time, got '${v}'`, usage);
      return new Date(v).toISOString();
    };
    const report = (await callAdmin(settings, 'GET', 'usage', {
      bucket: values.bucket,
      from: time('from'),
      to: time('to'),
    })) as UsageJson;
    if (values.json === true) {
      out(JSON.stringify(report));
      return 0;
    }
    const c = report.currency;
    out(`Usage from ${report.from} to ${report.to} (costs in ${c})`);
    out(
      formatTable(
        ['BUCKET', 'CLASS', 'KIND', 'COUNT', 'SIZE', 'BYTE-HOURS', 'GB-MONTHS', 'COST'],
        report.rows.map((r) => [
          r.bucket,
          r.storageClass,
          r.kind === 'part' ? 'parts' : 'objects',
          r.count,
          formatBytes(r.bytes),
          amount(r.byteHours),
          amount(r.gbMonths),
          money(r.cost) + (r.earlyDeletions > 0 ? ` (incl. ${money(r.earlyDeletionCost)} for ${r.earlyDeletions} early deletion(s))` : ''),
        ]),
      ),
    );
    out(
      `\nTotal: ${money(report.totals.cost)} ${c} (objects ${money(report.totalsByKind.object.cost)}, parts of incomplete uploads ${money(report.totalsByKind.part.cost)})`,
    );
    for (const u of report.incompleteUploads) {
      out(
        `${u.bucket}: incomplete uploads: ${u.uploads} upload(s), ${(u.bytes / GB).toFixed(3)} GB in ${u.parts} part(s), ` +
          `cost so far ${money(u.costSoFar)} ${c}, oldest ${u.oldestInitiated ?? '-'}`,
      );
    }
    if (report.incompleteUploads.length === 0) out(`No incomplete uploads (as of ${report.asOf}).`);
    return 0;
  },
};

/** Whole numbers as they are, others with two decimals, small ones with three significant digits. */
function amount(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) < 1 ? n.toPrecision(3) : n.toFixed(2);
}

function money(n: number): string {
  if (n === 0) return '0';
  return Math.abs(n) < 0.01 ? n.toPrecision(3) : n.toFixed(2);
}
