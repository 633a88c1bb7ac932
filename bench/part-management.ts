// The Part Management list of a bucket with 100,000 incomplete uploads, through the console's JSON API:
// the first page and a page deep in the list (about 90% in), sorted by age, by size and by cost so far.
// Uploads and one small part each are created in-process through the core (createUpload and uploadPart,
// the code the S3 handlers call) before the server starts on the same data directory; parts are small
// (inline in the database), of varied sizes, uploaded at varied moments, so that all three orders differ.
// Pages are then fetched over HTTP from `cairn serve` in its own process, signed in with a session cookie;
// the figure is the server's own time (Server-Timing), and the round trip is shown beside it.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { createBucket } from '../src/core/buckets/create-bucket.js';
import { silentLogger } from '../src/core/ports/logger.js';
import type { Principal } from '../src/core/types.js';
import { createUpload } from '../src/core/uploads/create-upload.js';
import { uploadPart } from '../src/core/uploads/upload-part.js';
import { startCairn } from '../src/main.js';
import type { BenchOptions, Benchmark } from './support/bench-options.js';
import { cairnCredentials, startServer } from './support/bench-servers.js';
import { figure, median, type Figure } from './support/figure.js';

const BUCKET = 'parts';
const PAGE = 50;

async function seed(dataDir: string, count: number): Promise<void> {
  const config = loadConfig(['--port', '0', '--data-dir', dataDir, '--access-log', 'false', '--lifecycle-interval', '0'], {
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
    let seedState = 12345;
    const random = () => (seedState = (seedState * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let start = 0; start < count; start += 1000) {
      const batch: Promise<unknown>[] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const size = 1 + Math.floor(random() * 2048);
        batch.push(
          (async () => {
            const upload = await createUpload(ctx, {
              bucket,
              key: `logs/${String(Math.floor(random() * 1e9)).padStart(9, '0')}-${i}.gz`,
              attributes: { userMetadata: {} },
              initiator: principal,
            });
            await uploadPart(ctx, {
              bucket,
              key: upload.key,
              uploadId: upload.id,
              partNumber: 1,
              body: { stream: oneChunk(Buffer.alloc(size, i % 251)), length: size },
            });
          })(),
        );
      }
      await Promise.all(batch);
    }
  } finally {
    await cairn.stop();
  }
}

async function* oneChunk(chunk: Buffer): AsyncIterable<Uint8Array> {
  yield chunk;
}

interface Page {
  readonly uploads: readonly unknown[];
  readonly nextPageToken?: string;
}

class ConsoleClient {
  private cookie = '';
  constructor(private readonly url: string) {}

  async signIn(): Promise<void> {
    const res = await fetch(`${this.url}/_cairn/console/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessKeyId: cairnCredentials.accessKeyId, secretAccessKey: cairnCredentials.secretAccessKey }),
    });
    if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async page(query: string): Promise<{ page: Page; serverMs: number; roundTripMs: number }> {
    const started = performance.now();
    const res = await fetch(`${this.url}/_cairn/console/api/v1/buckets/${BUCKET}/uploads?${query}`, { headers: { cookie: this.cookie } });
    const text = await res.text();
    const roundTripMs = performance.now() - started;
    if (res.status !== 200) throw new Error(`uploads page answered ${res.status}: ${text}`);
    const serverMs = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1]);
    return { page: JSON.parse(text) as Page, serverMs, roundTripMs };
  }
}

const sorts = [
  { name: 'age', query: 'sort=initiated&order=asc' },
  { name: 'size', query: 'sort=size&order=desc' },
  { name: 'cost', query: 'sort=cost&order=desc' },
] as const;

async function run(o: BenchOptions): Promise<Figure[]> {
  const count = o.quick ? 10_000 : 100_000;
  const dataDir = await mkdtemp(path.join(o.workDir, 'cairn-'));
  try {
    const seeding = performance.now();
    await seed(dataDir, count);
    o.log(
      `part-management: created ${count} uploads with a part each in-process in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const server = await startServer('cairn', { dataDir, nodeArgs: o.cairnNodeArgs });
    const client = new ConsoleClient(server.url);
    const figures: Figure[] = [];
    try {
      await client.signIn();
      const depth = Math.floor(count * 0.9);
      for (const sort of sorts) {
        // The token of the page ~90% in, reached by paging with the largest page size the API takes.
        let token: string | undefined;
        for (let seen = 0; seen < depth;) {
          const r = await client.page(`${sort.query}&limit=500${token === undefined ? '' : `&pageToken=${token}`}`);
          seen += r.page.uploads.length;
          token = r.page.nextPageToken;
          if (token === undefined) throw new Error(`the ${sort.name} listing ended after ${seen} uploads`);
        }
        const deepQuery = `${sort.query}&limit=${PAGE}&pageToken=${token}`;
        const firstQuery = `${sort.query}&limit=${PAGE}`;
        for (let i = 0; i < 3; i++) await client.page(firstQuery); // warm-up
        const first: number[] = [];
        const deep: number[] = [];
        const trips: number[] = [];
        for (let r = 0; r < Math.max(5, o.runs * 3); r++) {
          const a = await client.page(firstQuery);
          const b = await client.page(deepQuery);
          if (a.page.uploads.length !== PAGE || b.page.uploads.length !== PAGE) throw new Error('a page came back short');
          first.push(a.serverMs);
          deep.push(b.serverMs);
          trips.push(a.roundTripMs, b.roundTripMs);
        }
        o.log(`part-management ${sort.name}: first ${median(first).toFixed(1)} ms, deep ${median(deep).toFixed(1)} ms (server)`);
        const label = count.toLocaleString('en');
        const note = `server time (Server-Timing); median round trip ${median(trips).toFixed(1)} ms`;
        figures.push(
          figure({
            bench: 'part-management',
            metric: `Part Management first page of ${PAGE}, sorted by ${sort.name}, ${label} uploads`,
            unit: 'ms',
            samples: first,
            check: { kind: 'value-below', max: 100 },
            note,
          }),
          figure({
            bench: 'part-management',
            metric: `Part Management page of ${PAGE} at upload ${depth.toLocaleString('en')}, sorted by ${sort.name}, ${label} uploads`,
            unit: 'ms',
            samples: deep,
            check: { kind: 'value-below', max: 100 },
            note,
          }),
        );
      }
      return figures;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const partManagement: Benchmark = {
  name: 'part-management',
  description: 'Part Management pages (first and 90% deep, by age, size and cost) with 100,000 incomplete uploads',
  run,
};
