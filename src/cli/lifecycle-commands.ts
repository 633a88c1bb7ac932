import { readFile } from 'node:fs/promises';
import { callAdmin } from './admin-client.js';
import { endpointOptions, settingsFor, storeFor } from './client-flags.js';
import { describeOptions, parseCommandArgs } from './command-args.js';
import type { Command, CommandContext } from './command-context.js';
import { abortRuleXml, parseDays, summarizeRules, withRule } from './lifecycle-document.js';
import { formatBytes, formatTable } from './print-table.js';
import { bucketUrl } from './remote/remote-url.js';
import { UsageError } from './usage-error.js';

type Out = (text: string) => void;

interface Totals {
  uploadsAborted: number;
  partsFreed: number;
  bytesFreed: number;
  objectsExpired: number;
  bytesExpired: number;
  objectsTransitioned: number;
  bytesTransitioned: number;
}
interface RuleJson extends Totals {
  bucket: string;
  ruleId: string;
}
interface PassJson {
  id: number;
  reason: string;
  state: string;
  evaluatedAt: string;
  startedAt: string;
  finishedAt: string | null;
  resumed: number;
  error?: string;
  totals: Totals;
  rules: RuleJson[];
}
interface ActionJson {
  kind: string;
  bucket: string;
  rule: string;
  key: string;
  uploadId?: string;
  parts?: number;
  bytes: number;
  storageClass: string;
  toStorageClass?: string;
  dueAt: string;
}
interface DryRunJson {
  dryRun: true;
  evaluatedAt: string;
  totals: Totals;
  rules: RuleJson[];
  actions: ActionJson[];
  truncated: boolean;
}

const runOptions = {
  'dry-run': { type: 'boolean', help: 'run: preview the pass; change nothing' },
  at: { type: 'string', value: 'ISO-TIME', help: 'run: evaluate the rules as of this time' },
  limit: { type: 'string', value: 'N', help: 'passes: how many' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;

const bucketOptions = {
  'abort-incomplete-after': { type: 'string', value: 'DAYS', help: 'set: abort uploads still incomplete DAYS after initiation (7d)' },
  prefix: { type: 'string', value: 'P', help: 'set: the rule applies to keys starting with P' },
  id: { type: 'string', value: 'ID', help: 'set: the rule ID (default abort-incomplete-uploads; a rule with that ID is replaced)' },
  file: { type: 'string', value: 'FILE', help: 'set: put this lifecycle XML document as it is' },
  xml: { type: 'boolean', help: 'get: print the document as XML' },
  'dry-run': { type: 'boolean', help: 'set/rm: print what would change; change nothing' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;

const USAGE = `usage: cairn lifecycle get s3://BUCKET [--xml] [--json]
       cairn lifecycle set s3://BUCKET --abort-incomplete-after 7d [--prefix P] [--id ID] | --file rules.xml
       cairn lifecycle rm s3://BUCKET [--dry-run]
       cairn lifecycle run [--dry-run] [--at ISO-TIME]
       cairn lifecycle passes [--limit N]

get/set/rm read and write a bucket's lifecycle rules on any endpoint (oss:// too); run and passes drive
Cairn's lifecycle engine through its admin API.

${describeOptions({ ...bucketOptions, ...runOptions })}`;

/**
 * `cairn lifecycle get|set|rm URL`: a bucket's rules; `cairn lifecycle run [--dry-run] [--at TIME]`:
 * runs a lifecycle pass now on the server (or previews one), evaluating the rules as of TIME;
 * `cairn lifecycle passes`: what the last passes did.
 */
export const lifecycleCommand: Command = {
  name: 'lifecycle',
  summary: 'bucket rules (get|set|rm, --abort-incomplete-after 7d); run a pass now; passes',
  usage: USAGE,
  async run(args, ctx) {
    const [verb, ...rest] = args;
    if (verb === 'get' || verb === 'set' || verb === 'rm') return bucketRules(verb, rest, ctx);
    const { values, positionals } = parseCommandArgs(rest, runOptions, { min: 0, max: 0 }, USAGE);
    void positionals;
    const options = settingsFor('s3', values, ctx.env);
    const out = ctx.out;
    const json = values.json === true;
    if (verb === 'run') {
      if (values.limit !== undefined) throw new UsageError('--limit goes with passes', USAGE);
      const at = values.at;
      if (at !== undefined && !Number.isFinite(Date.parse(at)))
        throw new UsageError(`--at takes an ISO 8601 time such as 2026-02-01T00:00:00Z, got '${at}'`, USAGE);
      const dryRun = values['dry-run'] === true;
      const result = (await callAdmin(
        options,
        'POST',
        'lifecycle/run',
        {},
        { dryRun, ...(at === undefined ? {} : { at: new Date(at).toISOString() }) },
      )) as DryRunJson | { dryRun: false; pass: PassJson };
      if (json) out(JSON.stringify(result));
      else if (result.dryRun) printDryRun(result, out);
      else printPass(result.pass, out);
      return 0;
    }
    if (verb === 'passes') {
      if (values.at !== undefined || values['dry-run'] !== undefined) throw new UsageError('--at and --dry-run go with run', USAGE);
      const { passes } = (await callAdmin(options, 'GET', 'lifecycle/passes', { limit: values.limit })) as { passes: PassJson[] };
      if (json) {
        out(JSON.stringify(passes));
        return 0;
      }
      out(
        formatTable(
          ['PASS', 'REASON', 'STATE', 'RULES AS OF', 'STARTED', 'ABORTED', 'PARTS', 'FREED', 'EXPIRED', 'TRANSITIONED'],
          passes.map((p) => [
            p.id,
            p.reason + (p.resumed > 0 ? ` (resumed ${p.resumed}x)` : ''),
            p.state,
            p.evaluatedAt,
            p.startedAt,
            p.totals.uploadsAborted,
            p.totals.partsFreed,
            formatBytes(p.totals.bytesFreed),
            p.totals.objectsExpired,
            p.totals.objectsTransitioned,
          ]),
        ),
      );
      return 0;
    }
    throw new UsageError(verb === undefined ? 'missing subcommand' : `unknown subcommand '${verb}'`, USAGE);
  },
};

async function bucketRules(verb: 'get' | 'set' | 'rm', args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, bucketOptions, { min: 1, max: 1 }, USAGE);
  const url = bucketUrl(positionals[0] ?? '', USAGE);
  const store = storeFor(url.dialect, values, ctx.env);
  const json = values.json === true;
  const only = (allowed: readonly (keyof typeof bucketOptions)[]) => {
    for (const name of ['abort-incomplete-after', 'prefix', 'id', 'file', 'xml', 'dry-run'] as const) {
      if (values[name] !== undefined && !allowed.includes(name))
        throw new UsageError(`--${name} does not go with lifecycle ${verb}`, USAGE);
    }
  };
  if (verb === 'get') {
    only(['xml']);
    const doc = await store.getLifecycle(url.bucket);
    if (values.xml === true) ctx.out(doc ?? '');
    else if (json) ctx.out(JSON.stringify({ bucket: url.bucket, rules: doc === undefined ? [] : summarizeRules(doc) }));
    else printRules(ctx, url.bucket, doc);
    return 0;
  }
  if (verb === 'rm') {
    only(['dry-run']);
    const doc = await store.getLifecycle(url.bucket);
    const rules = doc === undefined ? [] : summarizeRules(doc);
    if (values['dry-run'] !== true && doc !== undefined) await store.deleteLifecycle(url.bucket);
    if (json) ctx.out(JSON.stringify({ dryRun: values['dry-run'] === true, bucket: url.bucket, removed: rules }));
    else
      ctx.out(
        `${values['dry-run'] === true ? '(dry run) would remove' : 'Removed'} ${rules.length} lifecycle rule(s) of ${url.dialect}://${url.bucket}${rules.length > 0 ? `: ${rules.map((r) => r.id).join(', ')}` : ''}`,
      );
    return 0;
  }
  only(['abort-incomplete-after', 'prefix', 'id', 'file', 'dry-run']);
  let doc: string;
  if (values.file !== undefined) {
    if (values['abort-incomplete-after'] !== undefined || values.prefix !== undefined || values.id !== undefined)
      throw new UsageError('--file takes the whole document; the rule flags go without it', USAGE);
    doc = await readFile(values.file, 'utf8');
  } else {
    const after = values['abort-incomplete-after'];
    if (after === undefined) throw new UsageError('give --abort-incomplete-after DAYS or --file FILE', USAGE);
    const days = parseDays(after);
    if (days === undefined || days < 1) throw new UsageError(`--abort-incomplete-after takes whole days like 7d, got '${after}'`, USAGE);
    const id = values.id ?? 'abort-incomplete-uploads';
    doc = withRule(await store.getLifecycle(url.bucket), id, abortRuleXml(url.dialect, id, values.prefix ?? '', days));
  }
  if (values['dry-run'] !== true) await store.putLifecycle(url.bucket, doc);
  if (json) ctx.out(JSON.stringify({ dryRun: values['dry-run'] === true, bucket: url.bucket, rules: summarizeRules(doc) }));
  else {
    if (values['dry-run'] === true) ctx.out('(dry run) would set:');
    printRules(ctx, url.bucket, doc);
  }
  return 0;
}

function printRules(ctx: CommandContext, bucket: string, doc: string | undefined): void {
  if (doc === undefined) {
    ctx.out(`${bucket} has no lifecycle rules`);
    return;
  }
  const days = (n: number | null) => (n === null ? '-' : `${n}d`);
  ctx.out(
    formatTable(
      ['ID', 'STATUS', 'PREFIX', 'ABORT INCOMPLETE AFTER', 'EXPIRE AFTER', 'TRANSITIONS'],
      summarizeRules(doc).map((r) => [
        r.id,
        r.status,
        r.prefix || '(all)',
        days(r.abortIncompleteAfterDays),
        days(r.expireAfterDays),
        r.transitions.join(', ') || '-',
      ]),
    ),
  );
}

function summary(t: Totals, verbs: [string, string, string]): string {
  return (
    `${verbs[0]} ${t.uploadsAborted} upload(s) (${t.partsFreed} part(s), ${formatBytes(t.bytesFreed)}), ` +
    `${verbs[1]} ${t.objectsExpired} object(s) (${formatBytes(t.bytesExpired)}), ` +
    `${verbs[2]} ${t.objectsTransitioned} object(s) (${formatBytes(t.bytesTransitioned)})`
  );
}

function printPass(p: PassJson, out: Out): void {
  out(`Lifecycle pass ${p.id} (${p.reason}, rules as of ${p.evaluatedAt}): ${p.state}${p.error === undefined ? '' : `: ${p.error}`}`);
  out(summary(p.totals, ['aborted', 'expired', 'transitioned']));
  if (p.rules.length > 0) out(`\n${rulesTable(p.rules)}`);
}

function printDryRun(r: DryRunJson, out: Out): void {
  out(`Dry run, rules as of ${r.evaluatedAt}: would ${summary(r.totals, ['abort', 'expire', 'transition'])}`);
  if (r.actions.length === 0) return;
  out(
    `\n${formatTable(
      ['ACTION', 'BUCKET', 'KEY', 'RULE', 'DUE', 'SIZE', 'CLASS'],
      r.actions.map((a) => [
        a.kind,
        a.bucket,
        a.key,
        a.rule,
        a.dueAt,
        formatBytes(a.bytes),
        a.toStorageClass === undefined ? a.storageClass : `${a.storageClass} -> ${a.toStorageClass}`,
      ]),
    )}`,
  );
  if (r.truncated) out('(more actions not listed)');
}

function rulesTable(rules: readonly RuleJson[]): string {
  return formatTable(
    ['BUCKET', 'RULE', 'UPLOADS ABORTED', 'PARTS', 'FREED', 'EXPIRED', 'TRANSITIONED'],
    rules.map((r) => [
      r.bucket,
      r.ruleId,
      r.uploadsAborted,
      r.partsFreed,
      formatBytes(r.bytesFreed),
      r.objectsExpired,
      r.objectsTransitioned,
    ]),
  );
}
