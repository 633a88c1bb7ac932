// The contract every BlobStore adapter must meet.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { BlobStore } from '../core/ports/blob-store.js';

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of source) chunks.push(c);
  return Buffer.concat(chunks);
}

async function* chunked(data: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function ids(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of store.list()) out.push(...batch);
  return out.sort();
}

export function blobStoreContract(name: string, open: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('stores the bytes it was given and reads back any range', async () => {
      const store = await open();
      const data = randomBytes(3 * 1024 * 1024 + 17);
      const blob = await store.write(chunked(data, 65_537));
      assert.equal(blob.size, data.length);
      assert.deepEqual(await collect(store.read(blob.blobId, 0, data.length)), data);
      assert.deepEqual(await collect(store.read(blob.blobId, 1_048_570, 20)), data.subarray(1_048_570, 1_048_590));
      assert.deepEqual(await ids(store), [blob.blobId]);
      assert.equal(await store.totalBytes(), data.length);
    });

    it('leaves nothing behind when the source fails midway', async () => {
      const store = await open();
      async function* failing(): AsyncIterable<Buffer> {
        yield randomBytes(2 * 1024 * 1024);
        throw new Error('client went away');
      }
      await assert.rejects(store.write(failing()), /client went away/);
      assert.deepEqual(await ids(store), []);
      assert.equal(await store.removeTemporaryFiles(), 0);
    });

    it('removes blobs, and removing a missing blob is not an error', async () => {
      const store = await open();
      const blob = await store.write(chunked(Buffer.from('hello'), 2));
      await store.remove([blob.blobId]);
      await store.remove([blob.blobId]);
      assert.deepEqual(await ids(store), []);
    });

    it('computes the requested digests in the same pass as the write', async () => {
      const store = await open();
      const data = randomBytes(5 * 1024 * 1024 + 3);
      const blob = await store.write(chunked(data, 100_003), { digests: ['md5', 'sha256', 'crc32c'] });
      assert.equal(blob.digests.md5, createHash('md5').update(data).digest('hex'));
      assert.equal(blob.digests.sha256, createHash('sha256').update(data).digest('hex'));
      assert.match(blob.digests.crc32c ?? '', /^[0-9a-f]{8}$/);
      const small = await store.write(chunked(Buffer.from('abc'), 1), { digests: ['md5'], sizeHint: 3 });
      assert.equal(small.digests.md5, createHash('md5').update('abc').digest('hex'));
    });

    it('abandons the write, keeping no file, when beforeCommit refuses what it sees', async () => {
      const store = await open();
      for (const sizeHint of [10, 4 * 1024 * 1024]) {
        await assert.rejects(
          store.write(chunked(randomBytes(sizeHint), 65_536), {
            digests: ['md5'],
            sizeHint,
            beforeCommit: ({ size, digests }) => {
              assert.equal(size, sizeHint);
              assert.ok(digests.md5);
              throw new Error('digest mismatch');
            },
          }),
          /digest mismatch/,
        );
      }
      assert.deepEqual(await ids(store), []);
      assert.equal(await store.removeTemporaryFiles(), 0);
    });

    it('keeps many concurrent writes apart', async () => {
      const store = await open();
      const inputs = Array.from({ length: 40 }, (_, i) => randomBytes(i % 4 === 0 ? 2 * 1024 * 1024 + i : 1000 + i));
      const blobs = await Promise.all(inputs.map((d) => store.write(chunked(d, 70_000), { digests: ['md5'] })));
      blobs.forEach((b, i) => assert.equal(b.digests.md5, createHash('md5').update(inputs[i]!).digest('hex')));
      for (let i = 0; i < inputs.length; i++) {
        assert.deepEqual(await collect(store.read(blobs[i]!.blobId, 0, inputs[i]!.length)), inputs[i]);
      }
      assert.equal(new Set(blobs.map((b) => b.blobId)).size, inputs.length);
    });
  });
}
