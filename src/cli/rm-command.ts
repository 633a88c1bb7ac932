import { endpointOptions, storeFor } from './client-flags.js';
import { describeOptions, parseCommandArgs } from './command-args.js';
import type { Command } from './command-context.js';
import type { RemoteStore } from './remote/remote-store.js';
import { bucketUrl, formatRemoteUrl } from './remote/remote-url.js';
import { confirmBroad, printRemovals, type Removal, report } from './removal-plan.js';
import { RemoteError, UsageError } from './usage-error.js';

const options = {
  recursive: { type: 'boolean', short: 'r', help: 'every object under the prefix' },
  'dry-run': { type: 'boolean', help: 'print what would be deleted and the bytes freed; change nothing' },
  yes: { type: 'boolean', short: 'y', help: 'confirm deleting a whole bucket’s objects without a prompt' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;

const usage = `usage: cairn rm s3://BUCKET/KEY [--dry-run]
       cairn rm --recursive s3://BUCKET[/PREFIX] [--dry-run] [--yes]

Deletes an object, or with --recursive every object under a prefix. Without a prefix (the whole
bucket) it asks first on a terminal and needs --yes otherwise.

${describeOptions(options)}`;

/** Lists what `rm` would delete: one object (which must exist), or everything under a prefix. */
export async function objectsToDelete(store: RemoteStore, bucket: string, key: string, recursive: boolean): Promise<Removal[]> {
  const out: Removal[] = [];
  if (!recursive) {
    const head = await store.headObject(bucket, key).catch((e: unknown) => {
      if (e instanceof RemoteError && e.status === 404) throw new RemoteError(404, 'NoSuchKey', `s3://${bucket}/${key} does not exist`);
      throw e;
    });
    return [{ kind: 'object', url: formatRemoteUrl({ dialect: store.dialect, bucket, key }), bytes: head.size }];
  }
  await store.listObjects(bucket, key, undefined, (page) => {
    for (const o of page.items)
      out.push({ kind: 'object', url: formatRemoteUrl({ dialect: store.dialect, bucket, key: o.key }), bytes: o.size });
  });
  return out;
}

/** DeleteObjects in batches of 1000; a key that fails is an error once the rest are done. */
export async function deleteAll(store: RemoteStore, bucket: string, removals: readonly Removal[]): Promise<void> {
  const keys = removals.map((r) => r.url.slice(`${store.dialect}://${bucket}/`.length));
  const failed: string[] = [];
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    if (batch.length === 1) await store.deleteObject(bucket, batch[0] ?? '');
    else for (const e of await store.deleteObjects(bucket, batch)) failed.push(`${e.key}: ${e.code} ${e.message}`);
  }
  if (failed.length > 0)
    throw new RemoteError(500, 'DeleteFailed', `${failed.length} object(s) could not be deleted: ${failed.slice(0, 5).join('; ')}`);
}

export const rmCommand: Command = {
  name: 'rm',
  summary: 'delete an object, or --recursive everything under a prefix (--dry-run)',
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, options, { min: 1, max: 1 }, usage);
    const url = bucketUrl(positionals[0] ?? '', usage);
    const recursive = values.recursive === true;
    if (!recursive && url.key === '') {
      throw new UsageError(`'${positionals[0] ?? ''}' names a bucket: use --recursive to delete what it holds, or cairn rb`, usage);
    }
    const store = storeFor(url.dialect, values, ctx.env);
    if (recursive && url.key === '') await confirmBroad(ctx, values, `Delete every object in ${url.dialect}://${url.bucket}`, usage);
    const removals = await objectsToDelete(store, url.bucket, url.key, recursive);
    const dryRun = values['dry-run'] === true;
    if (!dryRun) await deleteAll(store, url.bucket, removals);
    printRemovals(ctx, report(dryRun, removals), values.json === true);
    return 0;
  },
};
