import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { endpointOptions, intOption, sizeOption, storeFor } from './client-flags.js';
import { describeOptions, parseCommandArgs, type ParsedValues } from './command-args.js';
import { type Command, type CommandContext, progressMode, progressSink } from './command-context.js';
import { formatBytes } from './print-table.js';
import type { RemoteStore } from './remote/remote-store.js';
import { formatRemoteUrl, isRemote, objectUrl, parseRemoteUrl, type RemoteUrl } from './remote/remote-url.js';
import { stateDir } from './transfer/checkpoint-file.js';
import { type CopyResult, copyRemote } from './transfer/copy-remote.js';
import { type DownloadResult, downloadFile } from './transfer/download-file.js';
import { TransferWorkers } from './transfer/transfer-workers.js';
import { MiB } from './transfer/part-plan.js';
import { createProgress } from './transfer/progress.js';
import { type TransferOptions, type UploadResult, uploadFile } from './transfer/upload-file.js';
import { UsageError } from './usage-error.js';

const options = {
  'part-size': { type: 'string', value: 'SIZE', help: 'multipart part size (default 8MiB; raised to keep within 10,000 parts)' },
  concurrency: { type: 'string', value: 'N', help: 'parts or ranges in flight at once (default 8)' },
  'content-type': { type: 'string', value: 'TYPE', help: 'Content-Type of the uploaded object' },
  'no-verify': { type: 'boolean', help: "downloads: check only the size, not the bytes' MD5 against the ETag (faster on a busy CPU)" },
  quiet: { type: 'boolean', short: 'q', help: 'no progress, no summary' },
  json: { type: 'boolean', help: 'JSON events on standard output (start, resume, part, progress, done)' },
  progress: { type: 'string', value: 'tty|plain', help: 'force the redrawn bar or plain lines (default: by terminal)' },
  ...endpointOptions,
} as const;

type Values = ParsedValues<typeof options>;

const DEFAULT_PART_SIZE = 8 * MiB;
const DEFAULT_CONCURRENCY = 8;

function usageFor(name: 'cp' | 'mv'): string {
  const what = name === 'cp' ? 'Copies' : 'Moves';
  return `usage: cairn ${name} SOURCE DESTINATION [options]

${what} a file or object: local to s3:// or oss://, back, or between two URLs (the server copies on one
endpoint, the bytes stream through between two). Large files go up as a parallel multipart upload that
resumes after Ctrl-C or a failure: run the same command again and only the missing parts are sent.
Downloads go in parallel ranges and resume the same way. DESTINATION '-' writes to standard output.

${describeOptions(options)}`;
}

type TransferResult =
  | ({ readonly kind: 'upload' } & UploadResult)
  | ({ readonly kind: 'download' } & DownloadResult)
  | ({ readonly kind: 'copy' } & CopyResult)
  | { readonly kind: 'stdout'; readonly source: string; readonly size: number };

/** Runs one transfer between a local path and a URL, or two URLs, and returns what it did. */
export async function transfer(src: string, dst: string, values: Values, ctx: CommandContext, usage: string): Promise<TransferResult> {
  const workers = new TransferWorkers(ctx.signal);
  try {
    return await transferWith(workers, src, dst, values, ctx, usage);
  } finally {
    await workers.close();
  }
}

async function transferWith(
  workers: TransferWorkers,
  src: string,
  dst: string,
  values: Values,
  ctx: CommandContext,
  usage: string,
): Promise<TransferResult> {
  const o: TransferOptions = {
    partSize: sizeOption(values['part-size'], 'part-size', usage, DEFAULT_PART_SIZE),
    concurrency: intOption(values.concurrency, 'concurrency', usage, DEFAULT_CONCURRENCY, 1, 64),
    signal: ctx.signal,
    stateDir: stateDir(ctx.env),
    contentType: values['content-type'],
    progress: createProgress(progressMode(values, ctx), '', progressSink(ctx)),
    workers,
    verify: values['no-verify'] !== true,
  };
  if (o.partSize < 1) throw new UsageError('--part-size must be at least 1 byte', usage);
  if (values.progress !== undefined && values.progress !== 'tty' && values.progress !== 'plain')
    throw new UsageError("--progress takes 'tty' or 'plain'", usage);
  const stores = new Map<string, RemoteStore>();
  const store = (u: RemoteUrl) => {
    let s = stores.get(u.dialect);
    if (s === undefined) stores.set(u.dialect, (s = storeFor(u.dialect, values, ctx.env)));
    return s;
  };
  if (isRemote(src) && isRemote(dst)) {
    const from = objectUrl(src, usage);
    const to = withName(parseRemoteUrl(dst, usage), path.posix.basename(from.key), usage);
    return { kind: 'copy', ...(await copyRemote(store(from), from, store(to), to, labelled(o, 'copy'))) };
  }
  if (isRemote(src)) {
    const from = objectUrl(src, usage);
    if (dst === '-') {
      const res = await store(from).getObject(from.bucket, from.key, { signal: ctx.signal });
      await pipeline(res.body, ctx.stdout, { end: false });
      return { kind: 'stdout', source: src, size: Number(res.headers['content-length'] ?? 0) };
    }
    const dest = await localDestination(dst, path.posix.basename(from.key));
    return { kind: 'download', ...(await downloadFile(store(from), from.bucket, from.key, dest, labelled(o, 'download'))) };
  }
  if (isRemote(dst)) {
    if (src === '-') throw new UsageError('uploading from standard input is not supported; write it to a file first', usage);
    const info = await stat(src).catch(() => undefined);
    if (info === undefined || !info.isFile()) throw new UsageError(`'${src}' is not a file`, usage);
    const to = withName(parseRemoteUrl(dst, usage), path.basename(src), usage);
    return { kind: 'upload', ...(await uploadFile(store(to), src, to.bucket, to.key, labelled(o, 'upload'))) };
  }
  throw new UsageError('one of SOURCE and DESTINATION must be an s3:// or oss:// URL', usage);
}

function labelled(o: TransferOptions, label: string): TransferOptions {
  return { ...o, progress: o.progress.withLabel(label) };
}

/** A destination ending in '/' (or naming only a bucket) takes the source's name. */
function withName(u: RemoteUrl, name: string, usage: string): RemoteUrl {
  if (u.bucket === '') throw new UsageError(`'${formatRemoteUrl(u)}' names no bucket`, usage);
  return u.key === '' || u.key.endsWith('/') ? { ...u, key: `${u.key}${name}` } : u;
}

async function localDestination(dst: string, name: string): Promise<string> {
  const info = await stat(dst).catch(() => undefined);
  if (dst.endsWith('/') || dst.endsWith(path.sep) || info?.isDirectory() === true) return path.join(dst, name);
  return dst;
}

export function describeTransfer(r: TransferResult, verb: string): string {
  switch (r.kind) {
    case 'upload': {
      const resumed = r.partsReused > 0 ? `, ${r.partsSent} sent, ${r.partsReused} already stored` : '';
      const parts = r.multipart ? `, ${r.parts} parts${resumed}` : '';
      return `${verb}: ${r.source} to ${r.destination} (${formatBytes(r.size)}${parts}; ${r.verified === 'etag' ? 'ETag verified' : 'size verified'})`;
    }
    case 'download': {
      const resumed = r.rangesReused > 0 ? `, ${r.rangesFetched} fetched, ${r.rangesReused} already written` : '';
      const how = { md5: 'MD5 verified', etag: 'ETag verified', size: 'size verified' }[r.verified];
      return `${verb}: ${r.source} to ${r.destination} (${formatBytes(r.size)}, ${r.ranges} range(s)${resumed}; ${how})`;
    }
    case 'copy':
      return `${verb}: ${r.source} to ${r.destination} (${formatBytes(r.size)}, ${r.method === 'server' ? 'copied by the server' : 'streamed'}${r.parts > 1 ? `, ${r.parts} parts` : ''})`;
    case 'stdout':
      return '';
  }
}

function makeCommand(name: 'cp' | 'mv'): Command {
  const usage = usageFor(name);
  return {
    name,
    summary:
      name === 'cp'
        ? 'copy local<->remote or remote<->remote; parallel, resumable multipart; verified'
        : 'move a file or object (copy, verify, then delete the source)',
    usage,
    async run(args, ctx) {
      const { values, positionals } = parseCommandArgs(args, options, { min: 2, max: 2 }, usage);
      const [src = '', dst = ''] = positionals;
      const result = await transfer(src, dst, values, ctx, usage);
      if (name === 'mv') {
        if (result.kind === 'stdout') throw new UsageError("mv cannot write to '-'", usage);
        if (isRemote(src)) {
          const from = objectUrl(src, usage);
          await storeFor(from.dialect, values, ctx.env).deleteObject(from.bucket, from.key);
        } else await rm(src);
      }
      if (result.kind === 'stdout') return 0;
      if (values.json === true) ctx.out(JSON.stringify({ event: 'done', command: name, ...result }));
      else if (values.quiet !== true) ctx.out(describeTransfer(result, name === 'cp' ? result.kind : 'move'));
      return 0;
    },
  };
}

export const cpCommand = makeCommand('cp');
export const mvCommand = makeCommand('mv');
