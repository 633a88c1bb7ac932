// Figure 3: CompleteMultipartUpload time as the number of parts grows (100, 1,000, 10,000 parts of
// 16 KiB) and as the part size grows at an equal count (1,000 parts of 16 KiB against 1,000 of 1 MiB).
// Parts are uploaded with some concurrency; only the Complete request is timed, from the first byte sent
// to the last byte of the answer (a completion longer than --keep-alive-after answers 200 early and sends
// whitespace until the result: the timer still stops at the result).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { MiB, type BenchOptions, type Benchmark } from './support/bench-options.js';
import { startServer } from './support/bench-servers.js';
import { figure, type Figure } from './support/figure.js';
import { SignedClient, forEachConcurrently } from './support/signed-client.js';

const KiB = 1024;

interface Case {
  readonly parts: number;
  readonly partSize: number;
}

/** Uploads `parts` parts of `partSize` bytes and returns the time of the CompleteMultipartUpload alone, in ms. */
async function timedComplete(client: SignedClient, key: string, c: Case): Promise<{ ms: number; partsPerSecond: number }> {
  const created = await client.ok('POST', `/complete/${key}`, 'uploads=');
  const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(created.body)?.[1];
  if (uploadId === undefined) throw new Error(`no UploadId in ${created.body}`);
  const body = randomBytes(c.partSize);
  const etags: string[] = [];
  const uploading = performance.now();
  await forEachConcurrently(c.parts, c.partSize >= MiB ? 8 : 32, async (i) => {
    const res = await client.ok('PUT', `/complete/${key}`, `partNumber=${i + 1}&uploadId=${encodeURIComponent(uploadId)}`, body);
    etags[i] = String(res.headers.etag);
  });
  const partsPerSecond = c.parts / ((performance.now() - uploading) / 1000);
  const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
  // Let the upload's tail settle (socket buffers, GC of the part bodies) before timing.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = performance.now();
  const res = await client.ok('POST', `/complete/${key}`, `uploadId=${encodeURIComponent(uploadId)}`, xml);
  const ms = performance.now() - started;
  if (
    !res.body.includes('<CompleteMultipartUploadResult') ||
    (!res.body.includes(`-${c.parts}"`) && !res.body.includes(`-${c.parts}&quot;`))
  ) {
    throw new Error(`unexpected completion answer: ${res.body.slice(0, 500)}`);
  }
  return { ms, partsPerSecond };
}

async function run(o: BenchOptions): Promise<Figure[]> {
  const counts = o.quick ? [100, 1_000, 2_000] : [100, 1_000, 10_000];
  const sizeCount = o.quick ? 200 : 1_000;
  const small = 16 * KiB;
  const large = MiB;
  const byCount = new Map<number, number[]>(counts.map((n) => [n, []]));
  const smallAtSizeCount: number[] = [];
  const largeAtSizeCount: number[] = [];

  for (let r = 0; r < o.runs; r++) {
    const dataDir = await mkdtemp(path.join(o.workDir, 'cairn-'));
    const server = await startServer('cairn', { dataDir, cairnArgs: ['--min-part-size', String(small)], nodeArgs: o.cairnNodeArgs });
    const client = new SignedClient(server.url, server.credentials, 32);
    try {
      await client.ok('PUT', '/complete');
      // Warm up: a fresh process runs its first large completion (XML parsing, validation) before the JIT
      // has optimized it, and would charge that to whichever case comes first.
      await timedComplete(client, 'warm-up', { parts: o.quick ? 200 : 1_000, partSize: small });
      for (const n of counts) {
        const { ms, partsPerSecond } = await timedComplete(client, `count-${n}`, { parts: n, partSize: small });
        byCount.get(n)!.push(ms);
        o.log(
          `complete run ${r + 1}/${o.runs}: ${n} parts of 16 KiB (uploaded at ${partsPerSecond.toFixed(0)} parts/s) completed in ${ms.toFixed(1)} ms (${((ms * 1000) / n).toFixed(1)} µs/part)`,
        );
      }
      // Alternate which size goes first, so that neither always meets the larger database.
      const sizes = r % 2 === 0 ? [small, large] : [large, small];
      for (const size of sizes) {
        const { ms } = await timedComplete(client, `size-${size}`, { parts: sizeCount, partSize: size });
        (size === small ? smallAtSizeCount : largeAtSizeCount).push(ms);
        o.log(`complete run ${r + 1}/${o.runs}: ${sizeCount} parts of ${size / KiB} KiB in ${ms.toFixed(1)} ms`);
      }
    } finally {
      client.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }

  const bench = 'complete';
  const largest = counts.at(-1)!;
  const figures: Figure[] = [];
  for (const n of counts) {
    figures.push(
      figure({
        bench,
        metric: `CompleteMultipartUpload of ${n.toLocaleString('en')} parts of 16 KiB`,
        unit: 'ms',
        samples: byCount.get(n)!,
        check: n === largest ? { kind: 'value-below', max: 1000 } : { kind: 'none' },
      }),
    );
  }
  for (const n of counts) {
    figures.push(
      figure({
        bench,
        metric: `complete time per part, ${n.toLocaleString('en')} parts`,
        unit: 'µs/part',
        samples: byCount.get(n)!.map((ms) => (ms * 1000) / n),
        check: { kind: 'none' },
      }),
    );
  }
  figures.push(
    figure({
      bench,
      metric: `complete of ${sizeCount.toLocaleString('en')} parts: 1 MiB parts vs 16 KiB parts (64x the bytes)`,
      unit: 'ms',
      samples: largeAtSizeCount,
      baselineSamples: smallAtSizeCount,
      check: { kind: 'ratio-between', min: 0.67, max: 1.5 },
      note: 'close to 1 means no byte is touched at complete; a byte-proportional complete would give about 64',
    }),
  );
  return figures;
}

export const completeScaling: Benchmark = {
  name: 'complete',
  description: 'CompleteMultipartUpload time vs number of parts and vs part size',
  run,
};
