import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DataDirLock, LOCK_FILE } from './data-dir-lock.js';

describe('the data-directory lock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder, even in the same process, until the first releases', async () => {
    const first = await DataDirLock.acquire(dir);
    await assert.rejects(DataDirLock.acquire(dir), /is in use by another Cairn server/);
    await first.release();
    const second = await DataDirLock.acquire(dir);
    await second.release();
    assert.ok(existsSync(path.join(dir, LOCK_FILE)), 'the lock file stays: deleting it would let two servers lock two files');
  });

  it('ignores and removes the pid file of older servers, whatever pid it names', async () => {
    writeFileSync(path.join(dir, 'cairn.lock'), `${process.pid}\n`);
    const lock = await DataDirLock.acquire(dir);
    assert.equal(existsSync(path.join(dir, 'cairn.lock')), false);
    await lock.release();
  });
});
