import { callAdmin } from './admin-client.js';
import { clientOptions, flag, parseArgs, UsageError } from './client-options.js';
import { formatBytes, formatTable } from './print-table.js';

type Out = (text: string) => void;

interface AccountJson {
  id: string;
  name: string;
  displayName: string;
  createdAt: string;
}

/** `cairn admin accounts create NAME [--display-name X]` and `cairn admin accounts list`. */
export async function adminCommand(args: readonly string[], out: Out): Promise<number> {
  const parsed = parseArgs(args);
  const [noun, verb, name] = parsed.positional;
  const options = clientOptions(parsed, process.env);
  if (noun === 'accounts' && verb === 'create') {
    if (name === undefined) throw new UsageError('usage: cairn admin accounts create NAME [--display-name X]');
    const displayName = flag(parsed, 'display-name');
    const created = (await callAdmin(options, 'POST', 'accounts', {}, { name, ...(displayName === undefined ? {} : { displayName }) })) as {
      account: AccountJson;
      accessKeyId: string;
      secretAccessKey: string;
    };
    if (options.json) out(JSON.stringify(created));
    else {
      out(`Created account ${created.account.name} (${created.account.id}). Its root credentials (shown once):`);
      out(`  AWS_ACCESS_KEY_ID=${created.accessKeyId}`);
      out(`  AWS_SECRET_ACCESS_KEY=${created.secretAccessKey}`);
    }
    return 0;
  }
  if (noun === 'accounts' && verb === 'list') {
    const { accounts } = (await callAdmin(options, 'GET', 'accounts')) as { accounts: AccountJson[] };
    out(
      options.json
        ? JSON.stringify(accounts)
        : formatTable(
            ['ID', 'NAME', 'DISPLAY NAME', 'CREATED'],
            accounts.map((a) => [a.id, a.name, a.displayName, a.createdAt]),
          ),
    );
    return 0;
  }
  throw new UsageError('usage: cairn admin accounts create NAME | cairn admin accounts list');
}

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
 * `cairn uploads abort BUCKET (--upload-id ID | --all) [--prefix P] [--older-than DURATION]`.
 */
export async function uploadsCommand(args: readonly string[], out: Out): Promise<number> {
  const parsed = parseArgs(args);
  const [verb, bucket] = parsed.positional;
  if (bucket === undefined) throw new UsageError('usage: cairn uploads list|abort BUCKET [options]');
  const options = clientOptions(parsed, process.env);
  const prefix = flag(parsed, 'prefix');
  if (verb === 'list' || verb === 'ls') {
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
    if (options.json) out(JSON.stringify({ totals, uploads }));
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
    const uploadId = flag(parsed, 'upload-id');
    const olderThan = flag(parsed, 'older-than');
    if (uploadId === undefined && parsed.flags.get('all') !== true)
      throw new UsageError('cairn uploads abort needs --upload-id ID or --all');
    const initiatedBefore = olderThan === undefined ? undefined : new Date(Date.now() - parseAge(olderThan)).toISOString();
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
      options.json
        ? JSON.stringify(result)
        : `Aborted ${result.aborted} upload(s), freed ${result.parts} part(s), ${formatBytes(result.bytes)}`,
    );
    return 0;
  }
  throw new UsageError('usage: cairn uploads list|abort BUCKET [options]');
}

function parseAge(text: string): number {
  const m = /^(\d+)(m|h|d)$/.exec(text);
  if (m === null) throw new UsageError('--older-than takes a duration like 30m, 12h or 7d');
  return Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}
