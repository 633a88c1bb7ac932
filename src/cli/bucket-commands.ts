import { endpointOptions, storeFor } from './client-flags.js';
import { describeOptions, parseCommandArgs } from './command-args.js';
import type { Command } from './command-context.js';
import { formatBytes } from './print-table.js';
import { bucketUrl } from './remote/remote-url.js';
import { printRemovals, type Removal, report } from './removal-plan.js';
import { deleteAll, objectsToDelete } from './rm-command.js';
import { uploadsOfBucket } from './parts/list-uploads.js';
import { UsageError } from './usage-error.js';

const mbOptions = { json: { type: 'boolean', help: 'print JSON' }, ...endpointOptions } as const;
const mbUsage = `usage: cairn mb s3://BUCKET

Creates a bucket (in --region for S3).

${describeOptions(mbOptions)}`;

export const mbCommand: Command = {
  name: 'mb',
  summary: 'create a bucket',
  usage: mbUsage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, mbOptions, { min: 1, max: 1 }, mbUsage);
    const url = bucketUrl(positionals[0] ?? '', mbUsage);
    if (url.key !== '') throw new UsageError(`'${positionals[0] ?? ''}' names an object, not a bucket`, mbUsage);
    await storeFor(url.dialect, values, ctx.env).createBucket(url.bucket);
    ctx.out(values.json === true ? JSON.stringify({ created: url.bucket }) : `make_bucket: ${url.dialect}://${url.bucket}`);
    return 0;
  },
};

const rbOptions = {
  force: { type: 'boolean', help: 'first delete every object and abort every incomplete upload (says how many)' },
  'dry-run': { type: 'boolean', help: 'print what would be removed and the bytes freed; change nothing' },
  json: { type: 'boolean', help: 'print JSON' },
  ...endpointOptions,
} as const;
const rbUsage = `usage: cairn rb s3://BUCKET [--force] [--dry-run]

Removes a bucket. It must be empty unless --force, which first deletes its objects and aborts its
incomplete uploads (freeing their parts).

${describeOptions(rbOptions)}`;

export const rbCommand: Command = {
  name: 'rb',
  summary: 'remove a bucket (--force: objects deleted and uploads aborted first; --dry-run)',
  usage: rbUsage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, rbOptions, { min: 1, max: 1 }, rbUsage);
    const url = bucketUrl(positionals[0] ?? '', rbUsage);
    if (url.key !== '') throw new UsageError(`'${positionals[0] ?? ''}' names an object, not a bucket`, rbUsage);
    const store = storeFor(url.dialect, values, ctx.env);
    const dryRun = values['dry-run'] === true;
    const removals: Removal[] = [];
    if (values.force === true || dryRun) {
      const objects = await objectsToDelete(store, url.bucket, '', true);
      const uploads = await uploadsOfBucket(store, url.bucket, '', true);
      if (values.force === true) {
        removals.push(...objects, ...uploads.map((u) => u.removal));
        if (!dryRun) {
          await deleteAll(store, url.bucket, objects);
          for (const u of uploads) await store.abortUpload(url.bucket, u.key, u.uploadId);
        }
      } else if (objects.length > 0 || uploads.length > 0) {
        ctx.err(
          `cairn: ${url.bucket} holds ${objects.length} object(s) and ${uploads.length} incomplete upload(s) (${formatBytes(
            [...objects, ...uploads.map((u) => u.removal)].reduce((n, r) => n + r.bytes, 0),
          )}): without --force the bucket would not be removed\n`,
        );
      }
    }
    removals.push({ kind: 'bucket', url: `${url.dialect}://${url.bucket}`, bytes: 0 });
    if (!dryRun) await store.deleteBucket(url.bucket);
    printRemovals(ctx, report(dryRun, removals), values.json === true);
    return 0;
  },
};
