import { callAdmin } from './admin-client.js';
import { ageOption, endpointOptions, settingsFor, storeFor } from './client-flags.js';
import { describeOptions, parseCommandArgs } from './command-args.js';
import type { Command, CommandContext } from './command-context.js';
import { findUploads } from './parts/list-uploads.js';
import { formatBytes, formatTable } from './print-table.js';
import { confirmBroad, printRemovals, report } from './removal-plan.js';
import { UsageError } from './usage-error.js';

interface AccountJson {
  id: string;
  name: string;
  displayName: string;
  createdAt: string;
}

const accountOptions = {
  'display-name': { type: 'string', value: 'NAME', help: 'with create: the display name' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;
const adminUsage = `usage: cairn admin accounts create NAME [--display-name X]
       cairn admin accounts list

${describeOptions(accountOptions)}`;

/** `cairn admin accounts create NAME [--display-name X]` and `cairn admin accounts list`. */
async function adminAccounts(args: readonly string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, accountOptions, { min: 2, max: 3 }, adminUsage);
  const [noun, verb, name] = positionals;
  const options = settingsFor('s3', values, ctx.env);
  const out = ctx.out;
  const json = values.json === true;
  if (noun === 'accounts' && verb === 'create') {
    if (name === undefined) throw new UsageError('missing NAME', adminUsage);
    const displayName = values['display-name'];
    const created = (await callAdmin(options, 'POST', 'accounts', {}, { name, ...(displayName === undefined ? {} : { displayName }) })) as {
      account: AccountJson;
      accessKeyId: string;
      secretAccessKey: string;
    };
    if (json) out(JSON.stringify(created));
    else {
      out(`Created account ${created.account.name} (${created.account.id}). Its root credentials (shown once):`);
      out(`  AWS_ACCESS_KEY_ID=${created.accessKeyId}`);
      out(`  AWS_SECRET_ACCESS_KEY=${created.secretAccessKey}`);
    }
    return 0;
  }
  if (noun === 'accounts' && verb === 'list' && name === undefined) {
    const { accounts } = (await callAdmin(options, 'GET', 'accounts')) as { accounts: AccountJson[] };
    out(
      json
        ? JSON.stringify(accounts)
        : formatTable(
            ['ID', 'NAME', 'DISPLAY NAME', 'CREATED'],
            accounts.map((a) => [a.id, a.name, a.displayName, a.createdAt]),
          ),
    );
    return 0;
  }
  throw new UsageError(`unknown subcommand '${positionals.join(' ')}'`, adminUsage);
}

/** Further `cairn admin NOUN ...` groups register here (users, keys, policies). */
export const adminNouns: Record<string, (args: readonly string[], ctx: CommandContext) => Promise<number>> = {
  accounts: (args, ctx) => adminAccounts(['accounts', ...args], ctx),
};

export const adminCommand: Command = {
  name: 'admin',
  summary: 'Cairn administration: accounts create NAME, accounts list',
  usage: adminUsage,
  async run(args, ctx) {
    const [noun, ...rest] = args;
    const run = noun === undefined ? undefined : adminNouns[noun];
    if (run === undefined) throw new UsageError(noun === undefined ? 'missing subcommand' : `unknown subcommand '${noun}'`, adminUsage);
    return run(rest, ctx);
  },
};

const uploadsOptions = {
  prefix: { type: 'string', value: 'P', help: 'only keys starting with P' },
  'upload-id': { type: 'string', value: 'ID', help: 'abort: this upload' },
  all: { type: 'boolean', help: 'abort: every upload matching --prefix / --older-than' },
  'older-than': { type: 'string', value: 'AGE', help: 'abort: only uploads initiated longer ago than AGE (7d)' },
  'dry-run': { type: 'boolean', help: 'abort: print what would be aborted and the bytes freed; change nothing' },
  yes: { type: 'boolean', short: 'y', help: 'abort: confirm --all without --prefix or --older-than' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;
const uploadsUsage = `usage: cairn uploads list BUCKET [--prefix P] [--json]
       cairn uploads abort BUCKET (--upload-id ID | --all) [--prefix P] [--older-than 7d] [--dry-run] [--yes]

Cairn's incomplete uploads of one bucket through its admin API (see also: cairn parts).

${describeOptions(uploadsOptions)}`;

interface UploadJson {
  key: string;
  uploadId: string;
  initiated: string;
  partCount: number;
  bytes: number;
  storageClass: string;
}

/**
 * `cairn uploads list BUCKET [--prefix P]` — incomplete uploads with their sizes, and
 * `cairn uploads abort BUCKET (--upload-id ID | --all) [--prefix P] [--older-than DURATION] [--dry-run]`.
 */
export const uploadsCommand: Command = {
  name: 'uploads',
  summary: "list or abort one bucket's incomplete uploads (Cairn's admin API; --dry-run)",
  usage: uploadsUsage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, uploadsOptions, { min: 2, max: 2 }, uploadsUsage);
    const [verb, bucket = ''] = positionals;
    const options = settingsFor('s3', values, ctx.env);
    const prefix = values.prefix;
    const out = ctx.out;
    if (verb === 'list' || verb === 'ls') {
      for (const f of ['upload-id', 'all', 'older-than', 'dry-run', 'yes'] as const) {
        if (values[f] !== undefined) throw new UsageError(`--${f} goes with abort`, uploadsUsage);
      }
      const uploads: UploadJson[] = [];
      let totals = { uploads: 0, parts: 0, bytes: 0 };
      let pageToken: string | undefined;
      do {
        const page = (await callAdmin(options, 'GET', `buckets/${encodeURIComponent(bucket)}/uploads`, {
          prefix,
          pageToken,
          limit: '1000',
        })) as {
          uploads: UploadJson[];
          totals: typeof totals;
          nextPageToken?: string;
        };
        uploads.push(...page.uploads);
        totals = page.totals;
        pageToken = page.nextPageToken;
      } while (pageToken !== undefined);
      if (values.json === true) out(JSON.stringify({ totals, uploads }));
      else {
        out(
          formatTable(
            ['KEY', 'UPLOAD ID', 'INITIATED', 'PARTS', 'SIZE', 'CLASS'],
            uploads.map((u) => [u.key, u.uploadId, u.initiated, u.partCount, formatBytes(u.bytes), u.storageClass]),
          ),
        );
        out(`\n${totals.uploads} incomplete upload(s), ${totals.parts} part(s), ${formatBytes(totals.bytes)} in ${bucket}`);
      }
      return 0;
    }
    if (verb === 'abort') {
      const uploadId = values['upload-id'];
      const age = ageOption(values['older-than'], 'older-than', uploadsUsage);
      if ((uploadId === undefined) === (values.all !== true)) throw new UsageError('give --upload-id ID or --all (not both)', uploadsUsage);
      if (values.all === true && (prefix ?? '') === '' && age === undefined) {
        await confirmBroad(ctx, values, `Abort every incomplete upload in ${bucket}`, uploadsUsage);
      }
      const initiatedBefore = age === undefined ? undefined : new Date(Date.now() - age).toISOString();
      if (values['dry-run'] === true) {
        const listing = await findUploads(storeFor('s3', values, ctx.env), {
          bucket,
          prefix: prefix ?? '',
          initiatedBefore: age === undefined ? undefined : Date.parse(initiatedBefore ?? ''),
          api: 'auto',
        });
        const chosen = listing.uploads.filter((u) => uploadId === undefined || u.uploadId === uploadId);
        printRemovals(
          ctx,
          report(
            true,
            chosen.map((u) => u.removal),
          ),
          values.json === true,
        );
        return 0;
      }
      const result = (await callAdmin(
        options,
        'POST',
        `buckets/${encodeURIComponent(bucket)}/uploads/abort`,
        {},
        {
          ...(prefix === undefined ? {} : { prefix }),
          ...(initiatedBefore === undefined ? {} : { initiatedBefore }),
          // The admin API aborts nothing unless told which: the ids, or "all": true (then prefix and age narrow it).
          ...(uploadId === undefined ? { all: true } : { uploadIds: [uploadId] }),
        },
      )) as { aborted: number; parts: number; bytes: number };
      out(
        values.json === true
          ? JSON.stringify(result)
          : `Aborted ${result.aborted} upload(s), freed ${result.parts} part(s), ${formatBytes(result.bytes)}`,
      );
      return 0;
    }
    throw new UsageError(`unknown subcommand '${verb ?? ''}'`, uploadsUsage);
  },
};
