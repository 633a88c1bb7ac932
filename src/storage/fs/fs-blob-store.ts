import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createDigester } from '../../core/checksums/digester.js';
import type { BlobStore, BlobWriteOptions, WrittenBlob } from '../../core/ports/blob-store.js';
import type { Digests } from '../../core/types.js';
import { PackageSealer } from '../../core/encryption/package-sealer.js';
import { PLAIN_LENGTH_OFFSET, plainLengthField } from '../../core/encryption/sealed-format.js';
import { BlobWriterPool } from './blob-writer-pool.js';
import { DirectorySyncer } from './directory-syncer.js';

/** Writes go to disk in batches of about this size: fewer, larger writes run much faster with fsync. */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** Bodies declared smaller than this are hashed and written on the event loop (a thread hop costs more). */
const IN_PLACE_BELOW_BYTES = 256 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;
const BLOB_ID = /^[0-9a-f]{32}$/;

/**
 * Blobs as immutable files under `<root>/blobs/<first two hex digits>/<id>`. A write goes to
 * `<root>/tmp/`, hashed in the same pass (on a writer thread for large bodies), is fsynced, renamed into
 * place, and the directory fsynced before it resolves.
 */
export class FsBlobStore implements BlobStore {
  private readonly blobsDir: string;
  private readonly tmpDir: string;
  private readonly syncer = new DirectorySyncer();
  private readonly madeDirs = new Set<string>();
  private readonly writers: BlobWriterPool | undefined;

  /** `writerThreads`: threads that hash and write large blobs; 0 keeps everything on the event loop. */
  constructor(root: string, writerThreads = 0) {
    this.blobsDir = path.join(root, 'blobs');
    this.tmpDir = path.join(root, 'tmp');
    this.writers = writerThreads > 0 ? new BlobWriterPool(writerThreads) : undefined;
  }

  async close(): Promise<void> {
    await this.writers?.close();
  }

  async init(): Promise<void> {
    await mkdir(this.blobsDir, { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  private blobPath(blobId: string): string {
    return path.join(this.blobsDir, blobId.slice(0, 2), blobId);
  }

  async write(source: AsyncIterable<Uint8Array>, options: BlobWriteOptions = {}): Promise<WrittenBlob> {
    const blobId = randomBytes(16).toString('hex');
    const tmpPath = path.join(this.tmpDir, `${blobId}.part`);
    const small = options.sizeHint !== undefined && options.sizeHint < IN_PLACE_BELOW_BYTES;
    const written =
      this.writers !== undefined && this.writers.size > 0 && !small
        ? await this.writeOnThread(this.writers, source, tmpPath, options)
        : await this.writeInPlace(source, tmpPath, options);
    await this.commit(blobId, tmpPath);
    return { blobId, ...written };
  }

  /** Hashing and writing on the event loop: cheapest for small bodies. */
  private async writeInPlace(
    source: AsyncIterable<Uint8Array>,
    tmpPath: string,
    options: BlobWriteOptions,
  ): Promise<{ size: number; digests: Digests }> {
    const digester = createDigester(options.digests ?? []);
    const sealer = options.seal === undefined ? undefined : new PackageSealer(options.seal);
    const handle = await open(tmpPath, 'wx');
    let size = 0;
    let closed = false;
    try {
      let batch: Uint8Array[] = options.seal === undefined ? [] : [options.seal.header];
      let batchBytes = 0;
      let inFlight: Promise<unknown> = Promise.resolve();
      for await (const chunk of source) {
        if (chunk.length === 0) continue;
        digester.update(chunk);
        if (sealer === undefined) batch.push(chunk);
        else batch.push(...sealer.update(chunk));
        batchBytes += chunk.length;
        size += chunk.length;
        if (batchBytes >= WRITE_BATCH_BYTES) {
          // Keep one write in flight while the next batch fills.
          await inFlight;
          inFlight = writeAll(handle, batch);
          batch = [];
          batchBytes = 0;
        }
      }
      await inFlight;
      if (sealer !== undefined) batch.push(...sealer.final());
      if (batch.length > 0) await writeAll(handle, batch);
      if (sealer !== undefined) await handle.write(plainLengthField(size), 0, 8, PLAIN_LENGTH_OFFSET);
      await handle.sync();
      closed = true;
      await handle.close();
      const written = { size, digests: digester.digest() };
      options.beforeCommit?.(written);
      return written;
    } catch (error) {
      if (!closed) await handle.close().catch(() => undefined);
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
  }

  /** Hashing and writing on a writer thread; the event loop only copies bytes into shared slots. */
  private async writeOnThread(
    writers: BlobWriterPool,
    source: AsyncIterable<Uint8Array>,
    tmpPath: string,
    options: BlobWriteOptions,
  ): Promise<{ size: number; digests: Digests }> {
    const session = writers.open(tmpPath, options.digests ?? [], options.seal);
    let finished = false;
    try {
      let current: { slot: number; bytes: Uint8Array } | undefined;
      let fill = 0;
      for await (const chunk of source) {
        let offset = 0;
        while (offset < chunk.length) {
          current ??= await session.takeSlot();
          const n = Math.min(chunk.length - offset, current.bytes.length - fill);
          current.bytes.set(chunk.subarray(offset, offset + n), fill);
          fill += n;
          offset += n;
          if (fill === current.bytes.length) {
            session.send(current.slot, fill);
            current = undefined;
            fill = 0;
          }
        }
      }
      if (current !== undefined && fill > 0) session.send(current.slot, fill);
      const written = await session.finish();
      finished = true;
      options.beforeCommit?.(written);
      return written;
    } catch (error) {
      if (!finished) await session.abort();
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
  }

  /** Renames a finished temp file to its blob name and makes the rename durable. */
  private async commit(blobId: string, tmpPath: string): Promise<void> {
    try {
      const finalPath = this.blobPath(blobId);
      const dir = path.dirname(finalPath);
      if (!this.madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        await this.syncer.sync(this.blobsDir);
        this.madeDirs.add(dir);
      }
      await rename(tmpPath, finalPath);
      await this.syncer.sync(dir);
    } catch (error) {
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
  }

  /** Reads ahead one chunk while the consumer sends the previous one, so disk and socket overlap. */
  async *read(blobId: string, offset: number, length: number): AsyncIterable<Buffer> {
    if (length <= 0) return;
    const handle = await open(this.blobPath(blobId), 'r');
    const end = offset + length;
    const readAt = async (position: number): Promise<Buffer> => {
      const n = Math.min(READ_CHUNK_BYTES, end - position);
      const buffer = Buffer.allocUnsafeSlow(n);
      const { bytesRead } = await handle.read(buffer, 0, n, position);
      if (bytesRead !== n) throw new Error(`blob ${blobId} is shorter than expected (read ${bytesRead} of ${n} bytes at ${position})`);
      return buffer;
    };
    let position = offset;
    let next: Promise<Buffer> | undefined = readAt(position);
    try {
      while (next !== undefined) {
        const chunk: Buffer = await next;
        position += chunk.length;
        next = position < end ? readAt(position) : undefined;
        yield chunk;
      }
    } finally {
      // An abandoned download may leave a read in flight: let it land before closing its file.
      await next?.catch(() => undefined);
      await handle.close();
    }
  }

  async remove(blobIds: readonly string[]): Promise<void> {
    await Promise.all(blobIds.map((id) => unlink(this.blobPath(id)).catch(ignoreMissing)));
  }

  async *list(): AsyncIterable<string[]> {
    for (const dir of await readdirOrEmpty(this.blobsDir)) {
      const ids = (await readdirOrEmpty(path.join(this.blobsDir, dir))).filter((n) => BLOB_ID.test(n));
      if (ids.length > 0) yield ids;
    }
  }

  async removeTemporaryFiles(): Promise<number> {
    const names = await readdirOrEmpty(this.tmpDir);
    await Promise.all(names.map((n) => rm(path.join(this.tmpDir, n), { force: true, recursive: true })));
    return names.length;
  }

  async totalBytes(): Promise<number> {
    let total = 0;
    for await (const ids of this.list()) {
      for (const id of ids) total += (await stat(this.blobPath(id))).size;
    }
    return total;
  }
}

async function writeAll(handle: FileHandle, chunks: Uint8Array[]): Promise<void> {
  let pending = chunks;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending);
    pending = dropWritten(pending, bytesWritten);
  }
}

function dropWritten(chunks: Uint8Array[], written: number): Uint8Array[] {
  let i = 0;
  let left = written;
  while (i < chunks.length && left >= (chunks[i]?.length ?? 0)) {
    left -= chunks[i]?.length ?? 0;
    i++;
  }
  const rest = chunks.slice(i);
  const first = rest[0];
  if (first !== undefined && left > 0) rest[0] = first.subarray(left);
  return rest;
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
