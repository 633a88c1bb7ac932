// Figures 1 and 5: a multipart upload through @aws-sdk/lib-storage (8 MiB parts, 4 in parallel) and a GET
// of the object streamed to a sink, against (a) the bare node:http server and (b) s3rver, all driven by
// the same client in its own process; and Cairn's peak RSS during the upload.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { MiB, mbPerSecond, rotated, type BenchOptions, type Benchmark } from './support/bench-options.js';
import { startServer, type ServerKind } from './support/bench-servers.js';
import { figure, type Figure } from './support/figure.js';
import { runClient } from './support/run-client.js';

interface Transfer {
  readonly bytes: number;
  readonly ms: number;
  readonly etag?: string;
}

const kinds: readonly ServerKind[] = ['bare', 's3rver', 'cairn', 'discard'];

async function run(o: BenchOptions): Promise<Figure[]> {
  const size = o.quick ? 64 * MiB : 1024 * MiB;
  const partSize = 8 * MiB;
  const label = o.quick ? '64 MiB' : '1 GiB';
  const up = new Map<ServerKind, number[]>(kinds.map((k) => [k, []]));
  const down = new Map<ServerKind, number[]>(kinds.map((k) => [k, []]));
  const peak = new Map<ServerKind, number[]>(kinds.map((k) => [k, []]));

  for (let r = 0; r < o.runs; r++) {
    for (const kind of rotated(kinds, r)) {
      const dataDir = await mkdtemp(path.join(o.workDir, `${kind}-`));
      const server = await startServer(kind, { dataDir, ...(kind === 'cairn' ? { nodeArgs: o.cairnNodeArgs } : {}) });
      try {
        const common = [
          '--endpoint',
          server.url,
          '--access-key',
          server.credentials.accessKeyId,
          '--secret-key',
          server.credentials.secretAccessKey,
          '--bucket',
          'bench',
          '--key',
          'big/object.bin',
          '--size',
          String(size),
        ];
        const u = await runClient<Transfer>('transfer-client.js', [
          '--mode',
          'upload',
          '--part-size',
          String(partSize),
          '--queue-size',
          '4',
          ...common,
        ]);
        // s3rver answers with the MD5 of the concatenated object: it re-reads and rewrites every byte at complete.
        if (kind !== 's3rver' && kind !== 'discard' && !/-\d+"?$/.test(u.etag ?? ''))
          throw new Error(`${kind}: the upload's ETag ${String(u.etag)} is not a multipart ETag`);
        const peakBytes = server.peakRss();
        const d = await runClient<Transfer>('transfer-client.js', ['--mode', 'download', ...common]);
        up.get(kind)!.push(mbPerSecond(u.bytes, u.ms));
        down.get(kind)!.push(mbPerSecond(d.bytes, d.ms));
        peak.get(kind)!.push(peakBytes / MiB);
        o.log(
          `multipart run ${r + 1}/${o.runs} ${kind}: upload ${mbPerSecond(u.bytes, u.ms).toFixed(0)} MB/s, download ${mbPerSecond(d.bytes, d.ms).toFixed(0)} MB/s, peak RSS ${(peakBytes / MiB).toFixed(0)} MiB`,
        );
      } finally {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }

  const bench = 'multipart';
  return [
    figure({
      bench,
      metric: `upload ${label} (8 MiB parts x4), Cairn vs bare node:http`,
      unit: 'MB/s',
      samples: up.get('cairn')!,
      baselineSamples: up.get('bare')!,
      check: { kind: 'ratio-at-least', min: 0.9 },
    }),
    figure({
      bench,
      metric: `upload ${label} (8 MiB parts x4), Cairn vs s3rver`,
      unit: 'MB/s',
      samples: up.get('cairn')!,
      baselineSamples: up.get('s3rver')!,
      check: { kind: 'ratio-at-least', min: 3 },
    }),
    figure({
      bench,
      metric: `download ${label}, Cairn vs bare node:http`,
      unit: 'MB/s',
      samples: down.get('cairn')!,
      baselineSamples: down.get('bare')!,
      check: { kind: 'ratio-at-least', min: 0.8 },
    }),
    figure({
      bench,
      metric: `download ${label}, Cairn vs s3rver`,
      unit: 'MB/s',
      samples: down.get('cairn')!,
      baselineSamples: down.get('s3rver')!,
      check: { kind: 'none' },
    }),
    figure({
      bench,
      metric: `headroom: upload ${label}, bare node:http vs s3rver (context)`,
      unit: 'MB/s',
      samples: up.get('bare')!,
      baselineSamples: up.get('s3rver')!,
      check: { kind: 'none' },
      note: 'what the least possible server achieves over s3rver on this machine with this client',
    }),
    figure({
      bench,
      metric: `client ceiling: upload ${label} to a server that discards the bytes (context)`,
      unit: 'MB/s',
      samples: up.get('discard')!,
      check: { kind: 'none' },
      note: 'the same lib-storage client against the bare server with --discard; a server cannot be measured faster than this',
    }),
    figure({
      bench,
      metric: `client ceiling: download ${label} from memory (context)`,
      unit: 'MB/s',
      samples: down.get('discard')!,
      check: { kind: 'none' },
    }),
    figure({
      bench,
      metric: `server peak RSS during the ${label} upload (baseline: bare server)`,
      unit: 'MiB',
      samples: peak.get('cairn')!,
      baselineSamples: peak.get('bare')!,
      check: { kind: 'value-below', max: 150 },
      note: `s3rver peak: ${peak
        .get('s3rver')!
        .map((v) => v.toFixed(0))
        .join(', ')} MiB`,
    }),
  ];
}

export const multipartTransfer: Benchmark = {
  name: 'multipart',
  description: 'lib-storage multipart upload and GET vs a bare node:http server and s3rver; peak RSS',
  run,
};
