import { endpointOptions, jsonOption, storeFor } from './client-flags.js';
import { describeOptions, parseCommandArgs } from './command-args.js';
import type { Command, CommandContext } from './command-context.js';
import { formatBytes } from './print-table.js';
import { type ObjectEntry } from './remote/remote-store.js';
import { bucketUrl, isRemote, parseRemoteUrl } from './remote/remote-url.js';
import { UsageError } from './usage-error.js';

const options = {
  recursive: { type: 'boolean', short: 'r', help: 'every key under the prefix, not one level' },
  ...jsonOption,
  ...endpointOptions,
} as const;

const usage = `usage: cairn ls [s3://BUCKET[/PREFIX] | oss://BUCKET[/PREFIX] | oss://] [--recursive] [--json]

Lists buckets (no URL, or oss:// for the OSS dialect), or the objects and common prefixes under a prefix.

${describeOptions(options)}`;

export interface LsResult {
  readonly buckets?: { name: string; created: string }[];
  readonly objects?: ObjectEntry[];
  readonly prefixes?: string[];
}

export const lsCommand: Command = {
  name: 'ls',
  summary: 'list buckets, or objects under a prefix (human sizes, --recursive, --json)',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, options, { min: 0, max: 1 }, usage);
    const target = positionals[0];
    if (target !== undefined && !isRemote(target)) throw new UsageError(`'${target}' is not an s3:// or oss:// URL`, usage);
    const url = target === undefined ? undefined : parseRemoteUrl(target, usage);
    const store = storeFor(url?.dialect ?? 's3', values, ctx.env);
    if (url === undefined || url.bucket === '') {
      const buckets = await store.listBuckets();
      if (values.json === true) ctx.out(JSON.stringify({ buckets }));
      else for (const b of buckets) ctx.out(`${formatTime(b.created)}  ${store.dialect}://${b.name}`);
      return 0;
    }
    const { bucket, key: prefix } = bucketUrl(target ?? '', usage);
    const result: Required<LsResult> = { buckets: [], objects: [], prefixes: [] };
    await store.listObjects(bucket, prefix, values.recursive === true ? undefined : '/', (page) => {
      if (values.json === true) {
        result.objects.push(...page.items);
        result.prefixes.push(...page.prefixes);
        return;
      }
      printPage(ctx, page.prefixes, page.items);
    });
    if (values.json === true) ctx.out(JSON.stringify({ objects: result.objects, prefixes: result.prefixes }));
    return 0;
  },
};

function printPage(ctx: CommandContext, prefixes: readonly string[], objects: readonly ObjectEntry[]): void {
  for (const p of prefixes) ctx.out(`${''.padStart(19)}  ${'PRE'.padStart(10)}  ${p}`);
  for (const o of objects) ctx.out(`${formatTime(o.lastModified)}  ${formatBytes(o.size).padStart(10)}  ${o.key}`);
}

function formatTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 19).replace('T', ' ') : ''.padEnd(19);
}
