// Versioning must not slow the common path: small PUTs and the 1 GiB multipart upload into a
// versioning-enabled bucket beside the same into an unversioned one, in one run and on the same build;
// and a ListObjectVersions page of 1,000 among 100,000 versions. The versions are written in-process
// through the metadata store before the server starts on the same data directory (100,000 PUT requests
// would take minutes here, and this figure measures listing, not writing).
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createBucket } from '../src/core/buckets/create-bucket.js';
import { silentLogger } from '../src/core/ports/logger.js';
import { startCairn } from '../src/main.js';
import { rotated, type BenchOptions, type Benchmark } from './support/bench-options.js';
import { cairnCredentials, startServer } from './support/bench-servers.js';
import { figure, median, type Figure } from './support/figure.js';
import { runClient } from './support/run-client.js';
import { SignedClient } from './support/signed-client.js';

const MiB = 1024 * 1024;
const ENABLE = '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>';
type Mode = 'unversioned' | 'versioned';
const modes: readonly Mode[] = ['unversioned', 'versioned'];

async function prepareBucket(url: string, bucket: string, mode: Mode): Promise<void> {
  const client = new SignedClient(url, cairnCredentials, 1);
  try {
    await client.ok('PUT', `/${bucket}`);
    if (mode === 'versioned') await client.ok('PUT', `/${bucket}`, 'versioning=', ENABLE);
  } finally {
    client.close();
  }
}

async function writePaths(o: BenchOptions): Promise<Figure[]> {
  const seconds = o.quick ? 3 : 10;
  const size = o.quick ? 64 * MiB : 1024 * MiB;
  const puts = new Map<Mode, number[]>(modes.map((m) => [m, []]));
  const uploads = new Map<Mode, number[]>(modes.map((m) => [m, []]));
  for (let r = 0; r < o.runs; r++) {
    for (const mode of rotated(modes, r)) {
      const dataDir = await mkdtemp(path.join(o.workDir, `versioning-${mode}-`));
      const server = await startServer('cairn', { dataDir, nodeArgs: o.cairnNodeArgs });
      try {
        const auth = [
          '--endpoint',
          server.url,
          '--access-key',
          server.credentials.accessKeyId,
          '--secret-key',
          server.credentials.secretAccessKey,
        ];
        await prepareBucket(server.url, 'small', mode);
        // Each connection cycles through 100 keys: most PUTs overwrite, which a versioned bucket keeps as a new version.
        const load = await runClient<{ opsPerSecond: number; errors: number; firstError: string }>('put-load-client.js', [
          ...auth,
          '--bucket',
          'small',
          '--connections',
          '32',
          '--seconds',
          String(seconds),
          '--warmup',
          '1',
          '--size',
          '4096',
          '--keys',
          '100',
        ]);
        if (load.errors > 0) throw new Error(`${mode}: ${load.errors} PUTs failed, first: ${load.firstError}`);
        puts.get(mode)!.push(load.opsPerSecond);
        await prepareBucket(server.url, 'bench', mode);
        const up = await runClient<{ bytes: number; ms: number; etag?: string }>('transfer-client.js', [
          '--mode',
          'upload',
          '--part-size',
          String(8 * MiB),
          '--queue-size',
          '4',
          ...auth,
          '--bucket',
          'bench',
          '--key',
          'big/object.bin',
          '--size',
          String(size),
        ]);
        const mbps = up.bytes / 1e6 / (up.ms / 1000);
        uploads.get(mode)!.push(mbps);
        o.log(`versioning run ${r + 1}/${o.runs} ${mode}: ${load.opsPerSecond.toFixed(0)} PUT/s, upload ${mbps.toFixed(0)} MB/s`);
      } finally {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  const bench = 'versioning';
  return [
    figure({
      bench,
      metric: `4 KiB PUTs overwriting 100 keys per connection, 32 connections, ${seconds} s: versioning-enabled bucket vs unversioned`,
      unit: 'ops/s',
      samples: puts.get('versioned')!,
      baselineSamples: puts.get('unversioned')!,
      check: { kind: 'ratio-at-least', min: 0.95 },
    }),
    figure({
      bench,
      metric: `upload ${o.quick ? '64 MiB' : '1 GiB'} (8 MiB parts x4): versioning-enabled bucket vs unversioned`,
      unit: 'MB/s',
      samples: uploads.get('versioned')!,
      baselineSamples: uploads.get('unversioned')!,
      check: { kind: 'ratio-at-least', min: 0.95 },
    }),
  ];
}

const LIST_BUCKET = 'versions';
const VERSIONS_PER_KEY = 10;
const keyOf = (i: number) => `data/${String(i).padStart(6, '0')}.bin`;

/** `count` versions, VERSIONS_PER_KEY per key, written through the metadata store in batches of 1,000. */
async function seedVersions(dataDir: string, count: number): Promise<void> {
  const config = loadConfig(['--port', '0', '--data-dir', dataDir, '--access-log', 'false'], {
    CAIRN_ROOT_ACCESS_KEY: cairnCredentials.accessKeyId,
    CAIRN_ROOT_SECRET_KEY: cairnCredentials.secretAccessKey,
  });
  const cairn = await startCairn(config, { out: () => undefined, log: silentLogger });
  try {
    const ctx = cairn.ctx;
    const key = await ctx.meta.getAccessKey(cairnCredentials.accessKeyId);
    if (key === undefined) throw new Error('the root access key is missing');
    const principal = { accountId: key.accountId, userName: null, accessKeyId: key.accessKeyId };
    const bucket = await createBucket(ctx, { principal, namespace: 's3', name: LIST_BUCKET, region: config.region });
    await ctx.meta.setBucketVersioning(bucket.id, 'enabled');
    const keys = count / VERSIONS_PER_KEY;
    for (let round = 0; round < VERSIONS_PER_KEY; round++) {
      for (let start = 0; start < keys; start += 1000) {
        const batch: Promise<unknown>[] = [];
        for (let i = start; i < Math.min(keys, start + 1000); i++) {
          batch.push(
            ctx.meta.putObject({
              bucketId: bucket.id,
              key: keyOf(i),
              size: 0,
              etag: 'd41d8cd98f00b204e9800998ecf8427e',
              attributes: { userMetadata: {}, storageClass: 'standard' },
              partsCount: null,
              checksum: null,
              digests: {},
              extra: {},
              parts: [{ partNumber: 1, size: 0, etag: 'd41d8cd98f00b204e9800998ecf8427e', digests: {}, segments: [] }],
              newBlobs: [],
              now: Date.now(),
            }),
          );
        }
        await Promise.all(batch);
      }
    }
  } finally {
    await cairn.stop();
  }
}

async function listVersions(o: BenchOptions): Promise<Figure[]> {
  const count = o.quick ? 10_000 : 100_000;
  const dataDir = await mkdtemp(path.join(o.workDir, 'versions-'));
  try {
    const seeding = performance.now();
    await seedVersions(dataDir, count);
    o.log(`list-versions: wrote ${count} versions in-process in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const server = await startServer('cairn', { dataDir, nodeArgs: o.cairnNodeArgs });
    const client = new SignedClient(server.url, server.credentials, 1);
    try {
      const page = async (markerKey: number | undefined): Promise<number> => {
        const query =
          markerKey === undefined
            ? 'max-keys=1000&versions='
            : `key-marker=${encodeURIComponent(keyOf(markerKey))}&max-keys=1000&versions=`;
        const started = performance.now();
        const res = await client.ok('GET', `/${LIST_BUCKET}`, query);
        const ms = performance.now() - started;
        const versions = res.body.split('<Version>').length - 1;
        if (versions !== 1000 || !res.body.includes('<IsTruncated>true</IsTruncated>')) {
          throw new Error(`unexpected ListObjectVersions page after ${String(markerKey)}: ${versions} versions`);
        }
        return ms;
      };
      for (let i = 0; i < 5; i++) await page(undefined);
      const keys = count / VERSIONS_PER_KEY;
      const positions = [undefined, Math.floor(keys / 4), Math.floor(keys / 2), Math.floor((keys * 3) / 4), keys - 200];
      const all: number[] = [];
      for (let r = 0; r < o.runs; r++) for (const p of positions) all.push(await page(p));
      return [
        figure({
          bench: 'versioning',
          metric: `ListObjectVersions page of 1,000 among ${count.toLocaleString('en')} versions (first, 1/4, 1/2, 3/4, near the end)`,
          unit: 'ms',
          samples: all,
          check: { kind: 'value-below', max: 100 },
          note: `median of ${all.length} pages; slowest ${Math.max(...all).toFixed(1)} ms; median ${median(all).toFixed(1)} ms`,
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

export const versioning: Benchmark = {
  name: 'versioning',
  description: 'small PUTs and 1 GiB multipart on a versioned vs an unversioned bucket; ListObjectVersions among 100,000 versions',
  run: async (o) => [...(await writePaths(o)), ...(await listVersions(o))],
};
