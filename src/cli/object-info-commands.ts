import { pipeline } from 'node:stream/promises';
import { endpointOptions, jsonOption, storeFor } from './client-flags.js';
import { describeOptions, parseCommandArgs } from './command-args.js';
import type { Command } from './command-context.js';
import { formatBytes } from './print-table.js';
import { objectUrl } from './remote/remote-url.js';

const catOptions = { ...endpointOptions } as const;
const catUsage = `usage: cairn cat s3://BUCKET/KEY

Writes the object's bytes to standard output.

${describeOptions(catOptions)}`;

export const catCommand: Command = {
  name: 'cat',
  summary: "write an object's bytes to standard output",
  usage: catUsage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, catOptions, { min: 1, max: 1 }, catUsage);
    const url = objectUrl(positionals[0] ?? '', catUsage);
    const res = await storeFor(url.dialect, values, ctx.env).getObject(url.bucket, url.key, { signal: ctx.signal });
    try {
      await pipeline(res.body, ctx.stdout, { end: false, signal: ctx.signal });
    } catch (e) {
      if (!ctx.signal.aborted) throw e;
    }
    return 0;
  },
};

const statOptions = { ...jsonOption, ...endpointOptions } as const;
const statUsage = `usage: cairn stat s3://BUCKET/KEY [--json]

Shows an object's size, ETag, type, storage class, metadata and checksums (HeadObject).

${describeOptions(statOptions)}`;

export const statCommand: Command = {
  name: 'stat',
  summary: "show an object's size, ETag, class, metadata and checksums",
  usage: statUsage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, statOptions, { min: 1, max: 1 }, statUsage);
    const url = objectUrl(positionals[0] ?? '', statUsage);
    const head = await storeFor(url.dialect, values, ctx.env).headObject(url.bucket, url.key);
    if (values.json === true) {
      ctx.out(JSON.stringify({ bucket: url.bucket, key: url.key, ...head }));
      return 0;
    }
    const rows: [string, string][] = [
      ['Object', `${url.dialect}://${url.bucket}/${url.key}`],
      ['Size', `${formatBytes(head.size)} (${head.size} bytes)`],
      ['ETag', head.etag + (/-\d+$/.test(head.etag) ? ` (multipart, ${head.etag.split('-')[1] ?? ''} parts)` : '')],
      ['Last modified', head.lastModified],
      ['Content-Type', head.contentType ?? '-'],
      ['Storage class', head.storageClass],
      ...Object.entries(head.checksums).map(([k, v]): [string, string] => [k.replace(/^x-(amz|oss)-/, ''), v]),
      ...Object.entries(head.metadata).map(([k, v]): [string, string] => [`meta ${k}`, v]),
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) ctx.out(`${`${k}:`.padEnd(w + 1)} ${v}`);
    return 0;
  },
};
