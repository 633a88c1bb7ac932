// Figure 2: 4 KiB PUTs from 32 keep-alive connections for 10 s, Cairn against s3rver in the same run,
// driven by the light signed-request client (bench/clients/put-load-client.ts) in its own process.
// Cairn acknowledges a PUT only once its blob and metadata are fsynced (group commit); s3rver never fsyncs.
// The bare server (one file and one fsync per PUT, no metadata) shows the floor that durability sets.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { rotated, type BenchOptions, type Benchmark } from './support/bench-options.js';
import { startServer, type ServerKind } from './support/bench-servers.js';
import { figure, type Figure } from './support/figure.js';
import { runClient } from './support/run-client.js';

interface LoadResult {
  readonly ops: number;
  readonly opsPerSecond: number;
  readonly errors: number;
  readonly firstError: string;
  readonly p50Ms: number;
  readonly p99Ms: number | null;
}

const kinds: readonly ServerKind[] = ['s3rver', 'cairn', 'bare'];

async function run(o: BenchOptions): Promise<Figure[]> {
  const seconds = o.quick ? 3 : 10;
  const rate = new Map<ServerKind, number[]>(kinds.map((k) => [k, []]));
  const p99 = new Map<ServerKind, number[]>(kinds.map((k) => [k, []]));
  for (let r = 0; r < o.runs; r++) {
    for (const kind of rotated(kinds, r)) {
      const dataDir = await mkdtemp(path.join(o.workDir, `${kind}-`));
      const server = await startServer(kind, { dataDir, ...(kind === 'cairn' ? { nodeArgs: o.cairnNodeArgs } : {}) });
      try {
        const result = await runClient<LoadResult>('put-load-client.js', [
          '--endpoint',
          server.url,
          '--access-key',
          server.credentials.accessKeyId,
          '--secret-key',
          server.credentials.secretAccessKey,
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
        ]);
        if (result.errors > 0) throw new Error(`${kind}: ${result.errors} PUTs failed, first: ${result.firstError}`);
        rate.get(kind)!.push(result.opsPerSecond);
        p99.get(kind)!.push(result.p99Ms ?? Number.NaN);
        o.log(
          `small-puts run ${r + 1}/${o.runs} ${kind}: ${result.opsPerSecond.toFixed(0)} PUT/s, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${(result.p99Ms ?? Number.NaN).toFixed(1)} ms`,
        );
      } finally {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  const bench = 'small-puts';
  return [
    figure({
      bench,
      metric: `4 KiB PUTs, 32 connections, ${seconds} s: Cairn (fsync, group commit) vs s3rver (no fsync)`,
      unit: 'ops/s',
      samples: rate.get('cairn')!,
      baselineSamples: rate.get('s3rver')!,
      check: { kind: 'ratio-at-least', min: 3 },
      note: 'client: bench/clients/put-load-client.ts (node:http keep-alive agent, Cairn SigV4 signer, UNSIGNED-PAYLOAD)',
    }),
    figure({
      bench,
      metric: '4 KiB PUTs: Cairn vs bare node:http (a file and an fsync per PUT, no metadata) (context)',
      unit: 'ops/s',
      samples: rate.get('cairn')!,
      baselineSamples: rate.get('bare')!,
      check: { kind: 'none' },
    }),
    figure({
      bench,
      metric: '4 KiB PUT p99 latency, Cairn vs s3rver',
      unit: 'ms',
      samples: p99.get('cairn')!,
      baselineSamples: p99.get('s3rver')!,
      check: { kind: 'none' },
    }),
  ];
}

export const smallPuts: Benchmark = {
  name: 'small-puts',
  description: '4 KiB PUTs, 32 connections, vs s3rver, with a light signed-request client',
  run,
};
