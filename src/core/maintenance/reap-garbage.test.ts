import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CoreContext } from '../context.js';
import { silentLogger } from '../ports/logger.js';
import { BlobPins } from './blob-pins.js';
import { reapGarbage } from './reap-garbage.js';

/** A core context whose store lists `garbage` and counts the reaper's passes. */
function countingContext(garbage: string[]) {
  const calls = { takeGarbage: 0, removed: [] as string[] };
  const pins = new BlobPins();
  const meta = {
    takeGarbage: async (limit: number) => {
      calls.takeGarbage++;
      await new Promise((resolve) => setImmediate(resolve));
      return garbage.slice(0, limit);
    },
    forgetGarbage: async (ids: readonly string[]) => {
      for (const id of ids) garbage.splice(garbage.indexOf(id), 1);
    },
  };
  const blobs = {
    remove: async (ids: readonly string[]) => {
      calls.removed.push(...ids);
    },
  };
  const ctx = { meta, blobs, pins, log: silentLogger, clock: Date.now } as unknown as CoreContext;
  return { ctx, calls, pins };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('reapGarbage', () => {
  it('serves a burst of overlapping calls with at most one follow-up pass, then stops', async () => {
    const { ctx, calls } = countingContext(['a', 'b']);
    await Promise.all([reapGarbage(ctx), reapGarbage(ctx), reapGarbage(ctx), reapGarbage(ctx)]);
    await settle();
    const passes = calls.takeGarbage;
    await settle();
    assert.equal(calls.takeGarbage, passes, 'the reaper kept running after every caller was answered');
    assert.ok(passes <= 4, `${passes} store reads for two passes`);
    assert.deepEqual(calls.removed.sort(), ['a', 'b']);
  });

  it('leaves a pinned blob listed and stays idle until a read ends, then reaps it', async () => {
    const { ctx, calls, pins } = countingContext(['pinned']);
    const release = pins.pin(['pinned']);
    await Promise.all([reapGarbage(ctx), reapGarbage(ctx)]);
    await settle();
    const idle = calls.takeGarbage;
    await settle();
    assert.equal(calls.takeGarbage, idle, 'a pinned blob made the reaper spin');
    assert.deepEqual(calls.removed, []);
    release();
    await settle();
    assert.deepEqual(calls.removed, ['pinned']);
  });
});
