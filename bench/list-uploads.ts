// Figure 4: a ListMultipartUploads page of 1,000 with 100,000 in-progress uploads in the bucket.
// The uploads are created in-process through the core (createUpload, the same code the S3 handler calls,
// minus HTTP and signatures) before the server starts on the same data directory: that takes seconds
// where 100,000 CreateMultipartUpload requests would take minutes on this machine, and this benchmark
// measures listing, not creation. Pages are then timed over HTTP against `cairn serve` in its own process.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createBucket } from '../src/core/buckets/create-bucket.js';
import { silentLogger } from '../src/core/ports/logger.js';
import type { Principal } from '../src/core/types.js';
import { createUpload } from '../src/core/uploads/create-upload.js';
import { startCairn } from '../src/main.js';
import type { BenchOptions, Benchmark } from './support/bench-options.js';
import { cairnCredentials, startServer } from './support/bench-servers.js';
import { figure, median, type Figure } from './support/figure.js';
import { SignedClient } from './support/signed-client.js';

const BUCKET = 'uploads';
const PAGE = 1000;
const keyOf = (i: number) => `data/${String(i).padStart(6, '0')}.bin`;

/** Creates `count` uploads through the core, a thousand at a time (one group commit each). */
async function seed(dataDir: string, count: number): Promise<void> {
  const config = loadConfig(['--port', '0', '--data-dir', dataDir, '--access-log', 'false'], {
    CAIRN_ROOT_ACCESS_KEY: cairnCredentials.accessKeyId,
    CAIRN_ROOT_SECRET_KEY: cairnCredentials.secretAccessKey,
  });
  const cairn = await startCairn(config, { out: () => undefined, log: silentLogger });
  try {
    const ctx = cairn.ctx;
    const key = await ctx.meta.getAccessKey(cairnCredentials.accessKeyId);
    if (key === undefined) throw new Error('the root access key is missing');
    const principal: Principal = { accountId: key.accountId, userName: null, accessKeyId: key.accessKeyId };
    const bucket = await createBucket(ctx, { principal, namespace: 's3', name: BUCKET, region: config.region });
    for (let start = 0; start < count; start += 1000) {
      const batch: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        batch.push(createUpload(ctx, { bucket, key: keyOf(i), attributes: { userMetadata: {} }, initiator: principal }));
      }
      await Promise.all(batch);
    }
  } finally {
    await cairn.stop();
  }
}

async function timedPage(client: SignedClient, markerIndex: number | undefined): Promise<number> {
  const query =
    markerIndex === undefined
      ? `max-uploads=${PAGE}&uploads=`
      : `key-marker=${encodeURIComponent(keyOf(markerIndex))}&max-uploads=${PAGE}&uploads=`;
  const started = performance.now();
  const res = await client.ok('GET', `/${BUCKET}`, query);
  const ms = performance.now() - started;
  const uploads = res.body.split('<Upload>').length - 1;
  const first = /<Upload><Key>([^<]+)<\/Key>/.exec(res.body)?.[1];
  const expectedFirst = keyOf(markerIndex === undefined ? 0 : markerIndex + 1);
  if (uploads !== PAGE || first !== expectedFirst || !res.body.includes('<IsTruncated>true</IsTruncated>')) {
    throw new Error(`unexpected page after ${String(markerIndex)}: ${uploads} uploads, first ${String(first)}`);
  }
  return ms;
}

async function run(o: BenchOptions): Promise<Figure[]> {
  const count = o.quick ? 10_000 : 100_000;
  const dataDir = await mkdtemp(path.join(o.workDir, 'cairn-'));
  try {
    const seeding = performance.now();
    await seed(dataDir, count);
    o.log(`list-uploads: created ${count} uploads in-process in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const server = await startServer('cairn', { dataDir, nodeArgs: o.cairnNodeArgs });
    const client = new SignedClient(server.url, server.credentials, 1);
    try {
      // Warm up: the first pages of a fresh process run before the JIT has compiled the hot paths.
      for (let i = 0; i < 5; i++) await timedPage(client, undefined);
      // The first page, pages a quarter, half and three quarters in, and one just before the end (key-marker).
      const deepIndex = count - PAGE - 2;
      const positions: (number | undefined)[] = [
        undefined,
        Math.floor(count / 4),
        Math.floor(count / 2),
        Math.floor((count * 3) / 4),
        deepIndex,
      ];
      const all: number[] = [];
      const deep: number[] = [];
      for (let r = 0; r < o.runs; r++) {
        for (const position of positions) {
          const ms = await timedPage(client, position);
          all.push(ms);
          if (position === deepIndex) deep.push(ms);
        }
        o.log(
          `list-uploads run ${r + 1}/${o.runs}: pages ${all
            .slice(-positions.length)
            .map((ms) => ms.toFixed(1))
            .join(', ')} ms`,
        );
      }
      const label = count.toLocaleString('en');
      const bench = 'list-uploads';
      return [
        figure({
          bench,
          metric: `ListMultipartUploads page of 1,000 with ${label} uploads (first, 1/4, 1/2, 3/4, near the end)`,
          unit: 'ms',
          samples: all,
          check: { kind: 'value-below', max: 100 },
          note: `median of ${all.length} pages; per-position medians: ${positions.map((_, i) => median(all.filter((__, j) => j % positions.length === i)).toFixed(1)).join(', ')} ms`,
        }),
        figure({
          bench,
          metric: `ListMultipartUploads page of 1,000 deep in the keyspace (key-marker = upload ${deepIndex.toLocaleString('en')})`,
          unit: 'ms',
          samples: deep,
          check: { kind: 'value-below', max: 100 },
        }),
      ];
    } finally {
      client.close();
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const listUploads: Benchmark = {
  name: 'list-uploads',
  description: 'ListMultipartUploads page of 1,000 with 100,000 in-progress uploads',
  run,
};
