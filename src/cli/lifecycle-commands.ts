import { callAdmin } from './admin-client.js';
import { clientOptions, flag, parseArgs, UsageError } from './client-options.js';
import { formatBytes, formatTable } from './print-table.js';

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

const USAGE = 'usage: cairn lifecycle run [--dry-run] [--at ISO-TIME] | cairn lifecycle passes [--limit N]';

/**
 * `cairn lifecycle run [--dry-run] [--at TIME]`: runs a lifecycle pass now on the server (or previews
 * one), evaluating the rules as of TIME; `cairn lifecycle passes`: what the last passes did.
 */
export async function lifecycleCommand(args: readonly string[], out: Out): Promise<number> {
  const parsed = parseArgs(args);
  const [verb] = parsed.positional;
  const options = clientOptions(parsed, process.env);
  if (verb === 'run') {
    const at = flag(parsed, 'at');
    if (at !== undefined && !Number.isFinite(Date.parse(at)))
      throw new UsageError(`--at takes an ISO 8601 time such as 2026-02-01T00:00:00Z, got '${at}'`);
    const dryRun = parsed.flags.get('dry-run') === true;
    const result = (await callAdmin(
      options,
      'POST',
      'lifecycle/run',
      {},
      { dryRun, ...(at === undefined ? {} : { at: new Date(at).toISOString() }) },
    )) as DryRunJson | { dryRun: false; pass: PassJson };
    if (options.json) out(JSON.stringify(result));
    else if (result.dryRun) printDryRun(result, out);
    else printPass(result.pass, out);
    return 0;
  }
  if (verb === 'passes') {
    const limit = flag(parsed, 'limit');
    const { passes } = (await callAdmin(options, 'GET', 'lifecycle/passes', { limit })) as { passes: PassJson[] };
    if (options.json) {
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
  throw new UsageError(USAGE);
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
