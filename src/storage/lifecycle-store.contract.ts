// The contract every LifecycleStore adapter meets, with the MetadataStore it shares a database with.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LifecycleActionRecord, LifecycleStore } from '../core/ports/lifecycle-store.js';
import type { MetadataStore } from '../core/ports/metadata-store.js';

export interface LifecycleStoreFixture {
  readonly meta: MetadataStore;
  readonly lifecycle: LifecycleStore;
}

async function storeWithBucket(open: () => Promise<LifecycleStoreFixture>) {
  const { meta, lifecycle } = await open();
  const bucket = await meta.createBucket({
    namespace: 's3',
    name: 'b',
    accountId: '111111111111',
    region: 'us-east-1',
    storageClass: 'standard',
    createdAt: 0,
  });
  let blob = 0;
  const put = (key: string, now: number) => {
    const blobId = (++blob).toString(16).padStart(32, '0');
    return meta.putObject({
      bucketId: bucket.id,
      key,
      size: 1,
      etag: 'e',
      attributes: { userMetadata: {}, storageClass: 'standard' },
      partsCount: null,
      checksum: null,
      digests: {},
      extra: {},
      parts: [{ partNumber: 1, size: 1, etag: 'e', digests: {}, segments: [{ blobId, blobOffset: 0, length: 1 }] }],
      newBlobs: [{ blobId, size: 1 }],
      now,
    });
  };
  return { meta, lifecycle, bucket, put };
}

const action = (target: string, over: Partial<LifecycleActionRecord> = {}): LifecycleActionRecord => ({
  passId: 1,
  kind: 'abort-upload',
  target,
  bucketId: 1,
  bucketName: 'b',
  ruleId: 'r',
  key: `k/${target}`,
  parts: 2,
  bytes: 10,
  fromClass: 'standard',
  toClass: null,
  dueAt: 0,
  state: 'pending',
  settledAt: null,
  ...over,
});

export function lifecycleStoreContract(name: string, open: () => Promise<LifecycleStoreFixture>): void {
  describe(`LifecycleStore contract: ${name}`, () => {
    it("walks a bucket's objects oldest first and resumes exactly after a cursor, ties included", async () => {
      const { meta, lifecycle, bucket, put } = await storeWithBucket(open);
      try {
        for (const [key, t] of [
          ['c', 20],
          ['a', 10],
          ['b', 10],
          ['d', 10],
          ['e', 30],
        ] as const)
          await put(key, t);
        const all = await lifecycle.listObjectsByAge({ bucketId: bucket.id, modifiedBefore: 25, limit: 100 });
        assert.deepEqual(
          all.map((o) => o.key),
          ['a', 'b', 'd', 'c'],
        );
        const first = await lifecycle.listObjectsByAge({ bucketId: bucket.id, modifiedBefore: 25, limit: 2 });
        const last = first.at(-1)!;
        const rest = await lifecycle.listObjectsByAge({
          bucketId: bucket.id,
          modifiedBefore: 25,
          limit: 100,
          after: { lastModified: last.lastModified, objectId: last.id },
        });
        assert.deepEqual(
          [...first, ...rest].map((o) => o.key),
          ['a', 'b', 'd', 'c'],
        );
      } finally {
        await meta.close();
      }
    });

    it('records an action once per pass and target, and settles only what is pending', async () => {
      const { meta, lifecycle: store } = await storeWithBucket(open);
      try {
        const pass = await store.createPass({ reason: 'manual', evaluatedAt: 5, startedAt: 1 });
        await store.recordActions([action('u1', { passId: pass.id }), action('u2', { passId: pass.id })]);
        await store.recordActions([action('u1', { passId: pass.id, bytes: 999 })]);
        assert.deepEqual(
          (await store.pendingActions(pass.id)).map((a) => [a.target, a.bytes]),
          [
            ['u1', 10],
            ['u2', 10],
          ],
        );
        await store.settleAction(pass.id, 'u1', 'done', 7, { parts: 3, bytes: 12 });
        await store.settleAction(pass.id, 'u1', 'skipped', 8);
        await store.settleAction(pass.id, 'u2', 'skipped', 8);
        const actions = await store.listActions(pass.id, 0, 10);
        assert.deepEqual(
          actions.map((a) => [a.target, a.state, a.parts, a.bytes, a.settledAt]),
          [
            ['u1', 'done', 3, 12, 7],
            ['u2', 'skipped', 2, 10, 8],
          ],
        );
        assert.deepEqual(await store.passTotals(pass.id), [
          {
            bucketId: 1,
            bucketName: 'b',
            ruleId: 'r',
            uploadsAborted: 1,
            partsFreed: 3,
            bytesFreed: 12,
            objectsExpired: 0,
            bytesExpired: 0,
            objectsTransitioned: 0,
            bytesTransitioned: 0,
            versionsExpired: 0,
            versionBytesExpired: 0,
            versionsTransitioned: 0,
            versionBytesTransitioned: 0,
            deleteMarkersExpired: 0,
          },
        ]);
        await store.savePassCursor(pass.id, { bucketId: 1, phase: 'objects', after: { time: 3, id: '9' } });
        await store.markPassResumed(pass.id);
        assert.deepEqual(
          (await store.runningPasses()).map((p) => [p.id, p.cursor, p.resumed]),
          [[pass.id, { bucketId: 1, phase: 'objects', after: { time: 3, id: '9' } }, 1]],
        );
        await store.finishPass(pass.id, 'completed', 9);
        assert.deepEqual(await store.runningPasses(), []);
        assert.equal((await store.getPass(pass.id))?.state, 'completed');
      } finally {
        await meta.close();
      }
    });

    it('lists the buckets that carry a lifecycle configuration, in id order, after a given id', async () => {
      const { meta, lifecycle, bucket } = await storeWithBucket(open);
      try {
        const second = await meta.createBucket({
          namespace: 's3',
          name: 'b2',
          accountId: '111111111111',
          region: 'us-east-1',
          storageClass: 'standard',
          createdAt: 0,
        });
        await meta.createBucket({
          namespace: 's3',
          name: 'b3',
          accountId: '111111111111',
          region: 'us-east-1',
          storageClass: 'standard',
          createdAt: 0,
        });
        await meta.putBucketConfig(second.id, 'lifecycle', '{"rules":[]}');
        await meta.putBucketConfig(bucket.id, 'lifecycle', '{"rules":[1]}');
        await meta.putBucketConfig(bucket.id, 'policy', '{}');
        assert.deepEqual(await lifecycle.lifecycleBuckets(0, 10), [
          { bucketId: bucket.id, config: '{"rules":[1]}' },
          { bucketId: second.id, config: '{"rules":[]}' },
        ]);
        assert.deepEqual(await lifecycle.lifecycleBuckets(bucket.id, 10), [{ bucketId: second.id, config: '{"rules":[]}' }]);
      } finally {
        await meta.close();
      }
    });
  });
}
