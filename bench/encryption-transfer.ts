// Figures for issue 13: the 1 GiB multipart upload and GET of the multipart benchmark against Cairn with
// SSE-S3 versus without, and over HTTPS versus HTTP, in one run; and one core's AES-256-GCM throughput
// in Cairn's package format, for context.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { PackageSealer } from '../src/core/encryption/package-sealer.js';
import { newSeal } from '../src/core/encryption/new-seal.js';
import { MiB, mbPerSecond, rotated, type BenchOptions, type Benchmark } from './support/bench-options.js';
import { startServer } from './support/bench-servers.js';
import { figure, type Figure } from './support/figure.js';
import { runClient } from './support/run-client.js';

interface Transfer {
  readonly bytes: number;
  readonly ms: number;
  readonly etag?: string;
}

type Variant = 'http' | 'http-sse' | 'https';
const variants: readonly Variant[] = ['http', 'http-sse', 'https'];

/** One core sealing 64 KiB packages, as the writer threads do. */
function aesThroughput(bytes: number): number {
  const sealer = new PackageSealer(newSeal({ key: randomBytes(32), context: 'bench' }));
  const chunk = randomBytes(512 * 1024);
  const started = performance.now();
  for (let done = 0; done < bytes; done += chunk.length) sealer.update(chunk);
  sealer.final();
  return mbPerSecond(bytes, performance.now() - started);
}

async function run(o: BenchOptions): Promise<Figure[]> {
  const size = o.quick ? 64 * MiB : 1024 * MiB;
  const label = o.quick ? '64 MiB' : '1 GiB';
  const up = new Map<Variant, number[]>(variants.map((v) => [v, []]));
  const down = new Map<Variant, number[]>(variants.map((v) => [v, []]));
  const aes: number[] = [];
  for (let r = 0; r < o.runs; r++) {
    aes.push(aesThroughput(o.quick ? 256 * MiB : 1024 * MiB));
    for (const variant of rotated(variants, r)) {
      const dataDir = await mkdtemp(path.join(o.workDir, `enc-${variant}-`));
      const server = await startServer('cairn', {
        dataDir,
        nodeArgs: o.cairnNodeArgs,
        cairnArgs: variant === 'https' ? ['--tls-self-signed'] : [],
      });
      try {
        const env = variant === 'https' ? { NODE_EXTRA_CA_CERTS: path.join(dataDir, 'tls', 'localhost.crt') } : {};
        const common = [
          '--endpoint',
          server.url.replace('127.0.0.1', 'localhost'),
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
        const u = await runClient<Transfer>(
          'transfer-client.js',
          [
            '--mode',
            'upload',
            '--part-size',
            String(8 * MiB),
            '--queue-size',
            '4',
            ...(variant === 'http-sse' ? ['--sse'] : []),
            ...common,
          ],
          env,
        );
        const d = await runClient<Transfer>('transfer-client.js', ['--mode', 'download', ...common], env);
        up.get(variant)!.push(mbPerSecond(u.bytes, u.ms));
        down.get(variant)!.push(mbPerSecond(d.bytes, d.ms));
        o.log(
          `encryption run ${r + 1}/${o.runs} ${variant}: upload ${mbPerSecond(u.bytes, u.ms).toFixed(0)} MB/s, download ${mbPerSecond(d.bytes, d.ms).toFixed(0)} MB/s`,
        );
      } finally {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  }
  const bench = 'encryption';
  const ratio = (metric: string, samples: number[], baseline: number[]) =>
    figure({ bench, metric, unit: 'MB/s', samples, baselineSamples: baseline, check: { kind: 'ratio-at-least', min: 0.8 } });
  return [
    ratio(`upload ${label} multipart, SSE-S3 vs unencrypted`, up.get('http-sse')!, up.get('http')!),
    ratio(`download ${label}, SSE-S3 vs unencrypted`, down.get('http-sse')!, down.get('http')!),
    ratio(`upload ${label} multipart, HTTPS vs HTTP`, up.get('https')!, up.get('http')!),
    ratio(`download ${label}, HTTPS vs HTTP`, down.get('https')!, down.get('http')!),
    figure({
      bench,
      metric: 'AES-256-GCM sealing on one core, 64 KiB packages (context)',
      unit: 'MB/s',
      samples: aes,
      check: { kind: 'none' },
    }),
  ];
}

export const encryptionTransfer: Benchmark = {
  name: 'encryption',
  description: 'multipart upload and GET with SSE-S3 vs without, HTTPS vs HTTP; one core AES-GCM throughput',
  run,
};
