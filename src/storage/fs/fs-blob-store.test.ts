import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { blobStoreContract } from '../blob-store.contract.js';
import { FsBlobStore } from './fs-blob-store.js';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

async function open(): Promise<FsBlobStore> {
  const root = mkdtempSync(path.join(tmpdir(), 'cairn-blobs-'));
  roots.push(root);
  const store = new FsBlobStore(root);
  await store.init();
  return store;
}

blobStoreContract('filesystem', open);

it('removes leftover temporary files of writes that never finished', async () => {
  const store = await open();
  const root = roots.at(-1)!;
  writeFileSync(path.join(root, 'tmp', 'abc.part'), 'half');
  assert.equal(await store.removeTemporaryFiles(), 1);
  assert.deepEqual(readdirSync(path.join(root, 'tmp')), []);
});
