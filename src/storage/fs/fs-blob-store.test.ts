import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { blobStoreContract } from '../blob-store.contract.js';
import { FsBlobStore } from './fs-blob-store.js';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const stores: FsBlobStore[] = [];
after(() => Promise.all(stores.map((s) => s.close())));

async function open(writerThreads = 0): Promise<FsBlobStore> {
  const root = mkdtempSync(path.join(tmpdir(), 'cairn-blobs-'));
  roots.push(root);
  const store = new FsBlobStore(root, writerThreads);
  stores.push(store);
  await store.init();
  return store;
}

blobStoreContract('filesystem, hashing on the event loop', () => open(0));
blobStoreContract('filesystem, hashing on writer threads', () => open(2));

it('removes leftover temporary files of writes that never finished', async () => {
  const store = await open();
  const root = roots.at(-1)!;
  writeFileSync(path.join(root, 'tmp', 'abc.part'), 'half');
  assert.equal(await store.removeTemporaryFiles(), 1);
  assert.deepEqual(readdirSync(path.join(root, 'tmp')), []);
});

for (const writerThreads of [0, 2]) {
  it(`fails cleanly, leaving nothing, when the temporary directory cannot take files (${writerThreads} writer threads)`, async () => {
    const store = await open(writerThreads);
    const root = roots.at(-1)!;
    rmSync(path.join(root, 'tmp'), { recursive: true });
    writeFileSync(path.join(root, 'tmp'), 'not a directory');
    const body = (async function* () {
      yield Buffer.alloc(512 * 1024, 1);
    })();
    await assert.rejects(store.write(body, { digests: ['md5'], sizeHint: 512 * 1024 }), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR');
    assert.equal(await store.totalBytes(), 0);
  });
}
