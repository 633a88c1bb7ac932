import { ageOption, endpointOptions, storeFor } from '../client-flags.js';
import { describeOptions, parseCommandArgs } from '../command-args.js';
import type { Command, CommandContext } from '../command-context.js';
import { formatBytes, formatTable } from '../print-table.js';
import type { RemoteStore } from '../remote/remote-store.js';
import { bucketUrl, objectUrl, type RemoteUrl } from '../remote/remote-url.js';
import { confirmBroad, printRemovals, report } from '../removal-plan.js';
import { UsageError } from '../usage-error.js';
import { findUploads, type UploadInfo, type UploadListing } from './list-uploads.js';

const listOptions = {
  'older-than': { type: 'string', value: 'AGE', help: 'only uploads initiated longer ago than AGE (7d, 12h, 30m)' },
  json: { type: 'boolean', help: 'print JSON' },
  's3-api': { type: 'boolean', help: 'use ListMultipartUploads + ListParts even on Cairn (no costs)' },
  ...endpointOptions,
} as const;

const abortOptions = {
  'upload-id': { type: 'string', value: 'ID', help: 'the upload to abort (URL names its object)' },
  all: { type: 'boolean', help: 'every upload under the URL’s bucket and prefix' },
  'older-than': { type: 'string', value: 'AGE', help: 'with --all: only uploads initiated longer ago than AGE' },
  'dry-run': { type: 'boolean', help: 'print what would be aborted and the bytes freed; change nothing' },
  yes: { type: 'boolean', short: 'y', help: 'confirm --all without a prefix or age (asked on a terminal)' },
  json: { type: 'boolean', help: 'print JSON' },
  's3-api': { type: 'boolean', help: 'list through the object API even on Cairn' },
  ...endpointOptions,
} as const;

const cleanOptions = {
  'older-than': { type: 'string', value: 'AGE', help: 'required: abort uploads initiated longer ago than AGE (7d)' },
  'dry-run': { type: 'boolean', help: 'print what would be aborted and the bytes freed; change nothing' },
  json: { type: 'boolean', help: 'print JSON' },
  's3-api': { type: 'boolean', help: 'list through the object API even on Cairn' },
  ...endpointOptions,
} as const;

const showOptions = {
  'upload-id': { type: 'string', value: 'ID', help: 'required: the upload' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;

const usage = `usage: cairn parts ls [s3://BUCKET[/PREFIX]] [--older-than 7d] [--json]
       cairn parts show s3://BUCKET/KEY --upload-id ID [--json]
       cairn parts abort s3://BUCKET/KEY --upload-id ID [--dry-run]
       cairn parts abort s3://BUCKET[/PREFIX] --all [--older-than 7d] [--dry-run] [--yes]
       cairn parts clean [s3://BUCKET[/PREFIX]] --older-than 7d [--dry-run]

Incomplete multipart uploads and the parts they hold, in one bucket or every bucket: key, upload id,
age, parts, bytes, class and, on Cairn, what they have cost so far (from its usage ledger). Elsewhere
(AWS, OSS, any S3 server) from ListMultipartUploads and ListParts. oss:// URLs work the same.`;

const lsUsage = `usage: cairn parts ls [s3://BUCKET[/PREFIX]] [--older-than 7d] [--json]\n\n${describeOptions(listOptions)}`;
const showUsage = `usage: cairn parts show s3://BUCKET/KEY --upload-id ID [--json]\n\n${describeOptions(showOptions)}`;
const abortUsage = `usage: cairn parts abort s3://BUCKET/KEY --upload-id ID [--dry-run]
       cairn parts abort s3://BUCKET[/PREFIX] --all [--older-than 7d] [--dry-run] [--yes]

${describeOptions(abortOptions)}`;
const cleanUsage = `usage: cairn parts clean [s3://BUCKET[/PREFIX]] --older-than 7d [--dry-run]

Aborts every incomplete upload older than the age, in the bucket or in every bucket.

${describeOptions(cleanOptions)}`;

function target(arg: string | undefined, usage: string): RemoteUrl | undefined {
  return arg === undefined ? undefined : bucketUrl(arg, usage);
}

function ageText(initiated: string, now: number): string {
  const ms = now - Date.parse(initiated);
  if (!Number.isFinite(ms)) return '-';
  const h = ms / 3_600_000;
  return h < 1 ? `${Math.max(0, Math.floor(ms / 60_000))}m` : h < 48 ? `${Math.floor(h)}h` : `${Math.floor(h / 24)}d`;
}

function money(n: number | null): string {
  if (n === null) return '-';
  return n === 0 ? '0' : Math.abs(n) < 0.01 ? n.toPrecision(3) : n.toFixed(2);
}

export function printUploads(ctx: CommandContext, listing: UploadListing, now: number): void {
  const u = listing.uploads;
  ctx.out(
    formatTable(
      ['BUCKET', 'KEY', 'UPLOAD ID', 'INITIATED', 'AGE', 'PARTS', 'SIZE', 'CLASS', 'COST SO FAR'],
      u.map((x) => [
        x.bucket,
        x.key,
        x.uploadId,
        x.initiated,
        ageText(x.initiated, now),
        x.parts,
        formatBytes(x.bytes),
        x.storageClass,
        money(x.costSoFar),
      ]),
    ),
  );
  const parts = u.reduce((n, x) => n + x.parts, 0);
  const bytes = u.reduce((n, x) => n + x.bytes, 0);
  const cost =
    listing.source === 'admin'
      ? `, cost so far ${money(u.reduce((n, x) => n + (x.costSoFar ?? 0), 0))} ${listing.currency ?? ''}`.trimEnd()
      : '';
  ctx.out(`\n${u.length} incomplete upload(s), ${parts} part(s), ${formatBytes(bytes)}${cost}`);
}

async function abortEach(store: RemoteStore, uploads: readonly UploadInfo[]): Promise<void> {
  for (const u of uploads) await store.abortUpload(u.bucket, u.key, u.uploadId);
}

async function partsLs(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, listOptions, { min: 0, max: 1 }, lsUsage);
  const url = target(positionals[0], lsUsage);
  const age = ageOption(values['older-than'], 'older-than', lsUsage);
  const now = Date.now();
  const store = storeFor(url?.dialect ?? 's3', values, ctx.env);
  const listing = await findUploads(store, {
    bucket: url?.bucket,
    prefix: url?.key ?? '',
    initiatedBefore: age === undefined ? undefined : now - age,
    api: values['s3-api'] === true ? 's3' : 'auto',
  });
  if (values.json === true)
    ctx.out(
      JSON.stringify({ source: listing.source, currency: listing.currency, uploads: listing.uploads.map(({ removal: _r, ...u }) => u) }),
    );
  else printUploads(ctx, listing, now);
  return 0;
}

async function partsShow(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, showOptions, { min: 1, max: 1 }, showUsage);
  const url = objectUrl(positionals[0] ?? '', showUsage);
  const uploadId = values['upload-id'];
  if (uploadId === undefined) throw new UsageError('--upload-id is required', showUsage);
  const parts = await storeFor(url.dialect, values, ctx.env).listParts(url.bucket, url.key, uploadId);
  if (values.json === true) {
    ctx.out(JSON.stringify({ bucket: url.bucket, key: url.key, uploadId, parts }));
    return 0;
  }
  ctx.out(
    formatTable(
      ['PART', 'SIZE', 'ETAG', 'LAST MODIFIED'],
      parts.map((p) => [p.partNumber, formatBytes(p.size), p.etag, p.lastModified]),
    ),
  );
  ctx.out(
    `\n${parts.length} part(s), ${formatBytes(parts.reduce((n, p) => n + p.size, 0))} in upload ${uploadId} of ${url.dialect}://${url.bucket}/${url.key}`,
  );
  return 0;
}

async function partsAbort(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, abortOptions, { min: 1, max: 1 }, abortUsage);
  const uploadId = values['upload-id'];
  const all = values.all === true;
  if ((uploadId === undefined) === !all) throw new UsageError('give --upload-id ID or --all (not both)', abortUsage);
  const dryRun = values['dry-run'] === true;
  if (uploadId !== undefined) {
    if (values['older-than'] !== undefined) throw new UsageError('--older-than goes with --all', abortUsage);
    const url = objectUrl(positionals[0] ?? '', abortUsage);
    const store = storeFor(url.dialect, values, ctx.env);
    const parts = await store.listParts(url.bucket, url.key, uploadId);
    const bytes = parts.reduce((n, p) => n + p.size, 0);
    if (!dryRun) await store.abortUpload(url.bucket, url.key, uploadId);
    printRemovals(
      ctx,
      report(dryRun, [{ kind: 'upload', url: `${url.dialect}://${url.bucket}/${url.key}`, uploadId, parts: parts.length, bytes }]),
      values.json === true,
    );
    return 0;
  }
  const url = bucketUrl(positionals[0] ?? '', abortUsage);
  const age = ageOption(values['older-than'], 'older-than', abortUsage);
  if (url.key === '' && age === undefined)
    await confirmBroad(ctx, values, `Abort every incomplete upload in ${url.dialect}://${url.bucket}`, abortUsage);
  const store = storeFor(url.dialect, values, ctx.env);
  const listing = await findUploads(store, {
    bucket: url.bucket,
    prefix: url.key,
    initiatedBefore: age === undefined ? undefined : Date.now() - age,
    api: values['s3-api'] === true ? 's3' : 'auto',
  });
  if (!dryRun) await abortEach(store, listing.uploads);
  printRemovals(
    ctx,
    report(
      dryRun,
      listing.uploads.map((u) => u.removal),
    ),
    values.json === true,
  );
  return 0;
}

async function partsClean(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, cleanOptions, { min: 0, max: 1 }, cleanUsage);
  const age = ageOption(values['older-than'], 'older-than', cleanUsage);
  if (age === undefined) throw new UsageError('--older-than is required (e.g. --older-than 7d)', cleanUsage);
  const url = target(positionals[0], cleanUsage);
  const store = storeFor(url?.dialect ?? 's3', values, ctx.env);
  const listing = await findUploads(store, {
    bucket: url?.bucket,
    prefix: url?.key ?? '',
    initiatedBefore: Date.now() - age,
    api: values['s3-api'] === true ? 's3' : 'auto',
  });
  const dryRun = values['dry-run'] === true;
  if (!dryRun) await abortEach(store, listing.uploads);
  printRemovals(
    ctx,
    report(
      dryRun,
      listing.uploads.map((u) => u.removal),
    ),
    values.json === true,
  );
  return 0;
}

const verbs: Record<string, { run: (args: readonly string[], ctx: CommandContext) => Promise<number>; usage: string }> = {
  ls: { run: partsLs, usage: lsUsage },
  list: { run: partsLs, usage: lsUsage },
  show: { run: partsShow, usage: showUsage },
  abort: { run: partsAbort, usage: abortUsage },
  clean: { run: partsClean, usage: cleanUsage },
};

export const partsCommand: Command = {
  name: 'parts',
  summary: 'incomplete multipart uploads: ls (with cost so far on Cairn), show, abort, clean --older-than',
  usage,
  async run(args, ctx) {
    const [verb, ...rest] = args;
    const v = verb === undefined ? undefined : verbs[verb];
    if (v === undefined) throw new UsageError(verb === undefined ? 'missing subcommand' : `unknown subcommand '${verb}'`, usage);
    return v.run(rest, ctx);
  },
};

export function partsUsageOf(verb: string): string | undefined {
  return verbs[verb]?.usage;
}
