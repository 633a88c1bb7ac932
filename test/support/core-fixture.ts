import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CoreContext } from '../../src/core/context.js';
import { defaultLimits, type Limits } from '../../src/core/limits.js';
import { BlobPins } from '../../src/core/maintenance/blob-pins.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { BodyInput } from '../../src/core/ingest/body-input.js';
import type { Bucket, Principal } from '../../src/core/types.js';
import { FsBlobStore } from '../../src/storage/fs/fs-blob-store.js';
import { SqliteMetadataStore } from '../../src/storage/sqlite/sqlite-metadata-store.js';
import { createBucket } from '../../src/core/buckets/create-bucket.js';

export const rootPrincipal: Principal = { accountId: '123456789012', userName: null, accessKeyId: 'CKROOT' };

export interface CoreFixture {
  readonly ctx: CoreContext;
  readonly dir: string;
  /** Moves the fixture's clock. */
  advance(ms: number): void;
  bucket(name?: string): Promise<Bucket>;
  close(): Promise<void>;
}

/** A core on the real SQLite and filesystem adapters in a temporary directory, with a manual clock. */
export async function coreFixture(limits: Partial<Limits> = {}): Promise<CoreFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-core-'));
  const meta = new SqliteMetadataStore({ path: path.join(dir, 'metadata.db') });
  const blobs = new FsBlobStore(dir);
  await blobs.init();
  let now = Date.UTC(2026, 0, 1);
  const ctx: CoreContext = {
    meta,
    blobs,
    // Files for every body unless a test asks for inline storage: many tests count bytes on disk.
    limits: { ...defaultLimits, inlineMaxBytes: 0, ...limits },
    log: silentLogger,
    clock: () => now,
    pins: new BlobPins(),
  };
  return {
    ctx,
    dir,
    advance: (ms) => {
      now += ms;
    },
    bucket: async (name = 'bucket') =>
      (await meta.getBucket('s3', name)) ?? createBucket(ctx, { principal: rootPrincipal, namespace: 's3', name, region: 'us-east-1' }),
    close: async () => {
      await meta.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function bodyOf(data: Buffer | string, extra: Omit<BodyInput, 'stream'> = {}): BodyInput {
  const buf = typeof data === 'string' ? Buffer.from(data) : data;
  return {
    stream: (async function* () {
      for (let i = 0; i < buf.length; i += 65_536) yield buf.subarray(i, i + 65_536);
    })(),
    length: buf.length,
    ...extra,
  };
}

export async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(c);
  return Buffer.concat(chunks);
}
