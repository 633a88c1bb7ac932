import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError, StorageError } from '../errors.js';
import { BufferBudget, readBounded } from './buffer-budget.js';

async function* chunks(...sizes: number[]): AsyncIterable<Uint8Array> {
  for (const n of sizes) yield Buffer.alloc(n, 0x61);
}

const tooLarge = () => new StorageError('RequestBodyTooLarge', 'too large');

describe('the request buffer budget', () => {
  it('grants reservations in order of arrival once enough is given back', async () => {
    const budget = new BufferBudget(100, 10_000);
    const first = await budget.reserve(60);
    const order: string[] = [];
    const second = budget.reserve(60).then((release) => (order.push('second'), release));
    const third = budget.reserve(10).then((release) => (order.push('third'), release));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, [], 'the small third waits behind the second: no request overtakes and starves a large one');
    assert.equal(budget.inUse, 60);
    first();
    first();
    const releases = await Promise.all([second, third]);
    assert.deepEqual(order, ['second', 'third']);
    assert.equal(budget.inUse, 70, 'releasing twice gave back once');
    for (const r of releases) r();
    assert.equal(budget.inUse, 0);
  });

  it('gives up with ServiceUnavailable when no room frees up in time, and lets the next in line through', async () => {
    const budget = new BufferBudget(10, 20);
    const held = await budget.reserve(8);
    await assert.rejects(budget.reserve(5), (e: unknown) => isStorageError(e, 'ServiceUnavailable'));
    const small = await budget.reserve(2);
    small();
    held();
    assert.equal(budget.inUse, 0);
  });

  it('refuses a declared length over the limit before reading, and stops reading past the limit', async () => {
    const budget = new BufferBudget(1000, 1000);
    let read = false;
    async function* watched(): AsyncIterable<Uint8Array> {
      read = true;
      yield Buffer.alloc(1);
    }
    await assert.rejects(readBounded(watched(), { limit: 10, declared: 11, tooLarge, budget }), (e: unknown) =>
      isStorageError(e, 'RequestBodyTooLarge'),
    );
    assert.equal(read, false);
    await assert.rejects(readBounded(chunks(6, 6), { limit: 10, declared: undefined, tooLarge, budget }), (e: unknown) =>
      isStorageError(e, 'RequestBodyTooLarge'),
    );
    await assert.rejects(readBounded(chunks(6, 6), { limit: 100, declared: 8, tooLarge, budget }), (e: unknown) =>
      isStorageError(e, 'IncompleteBody'),
    );
    assert.equal(budget.inUse, 0, 'failed reads give their reservation back');
    const seen: number[] = [];
    const bytes = await readBounded(chunks(3, 4), { limit: 10, declared: 7, tooLarge, budget, onChunk: (c) => seen.push(c.length) });
    assert.equal(bytes.toString(), 'aaaaaaa');
    assert.deepEqual(seen, [3, 4]);
    assert.equal(budget.inUse, 0);
  });
});
