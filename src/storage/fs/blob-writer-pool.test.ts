import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { BlobWriterPool } from './blob-writer-pool.js';

describe('the blob writer pool', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-writers-'));
  const pool = new BlobWriterPool(1);
  after(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reuses the shared ring of a write aborted with a slot still in hand (a client that hung up mid-body)', async () => {
    const first = pool.open(path.join(dir, 'a.part'), ['md5']);
    const sent = await first.takeSlot();
    sent.bytes.fill(1);
    first.send(sent.slot, 1000);
    const held = await first.takeSlot(); // filled halfway when the client went away: never sent
    await first.abort();
    assert.equal(existsSync(path.join(dir, 'a.part')), false, 'the aborted file is gone');

    const second = pool.open(path.join(dir, 'b.part'), ['md5']);
    const slot = await second.takeSlot();
    assert.equal(slot.bytes.buffer, held.bytes.buffer, 'the same shared memory serves the next write');
    second.send(slot.slot, 10);
    assert.equal((await second.finish()).size, 10);
  });
});
