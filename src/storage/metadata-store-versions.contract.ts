// The versioning part of the MetadataStore contract: every adapter runs it (see metadataStoreContract).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../core/errors.js';
import type { MetadataStore, PutObjectInput } from '../core/ports/metadata-store.js';
import type { Bucket, ObjectVersionRecord } from '../core/types.js';

let blobCounter = 0;
const newBlobId = () => (0x7000_0000 + ++blobCounter).toString(16).padStart(32, '0');

function write(bucket: Bucket, key: string, now: number, size = 10, blobId = newBlobId()): PutObjectInput {
  return {
    bucketId: bucket.id,
    key,
    size,
    etag: `e${now}`,
    attributes: { userMetadata: {}, storageClass: 'standard' },
    partsCount: null,
    checksum: null,
    digests: {},
    extra: {},
    parts: [{ partNumber: 1, size, etag: `e${now}`, digests: {}, segments: [{ blobId, blobOffset: 0, length: size }] }],
    newBlobs: [{ blobId, size }],
    now,
  };
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => isStorageError(e) && e.code === code);
}

const summary = (vs: readonly ObjectVersionRecord[]) => vs.map((v) => `${v.key}:${v.deleteMarker ? 'M' : v.etag}${v.isLatest ? '*' : ''}`);

export function metadataStoreVersionsContract(name: string, open: () => Promise<MetadataStore>): void {
  describe(`MetadataStore contract, versions: ${name}`, () => {
    async function withBucket(fn: (meta: MetadataStore, bucket: Bucket) => Promise<void>, objectLockEnabled = false) {
      const meta = await open();
      try {
        const bucket = await meta.createBucket({
          namespace: 's3',
          name: 'versioned',
          accountId: '111111111111',
          region: 'us-east-1',
          storageClass: 'standard',
          createdAt: 1,
          ...(objectLockEnabled ? { objectLockEnabled: true } : {}),
        });
        await fn(meta, bucket);
      } finally {
        await meta.close();
      }
    }

    it('keeps every version of a versioned bucket, newest first, and a delete marker hides the key', async () => {
      await withBucket(async (meta, bucket) => {
        const old = write(bucket, 'k', 10);
        await meta.putObject(old);
        const enabled = await meta.setBucketVersioning(bucket.id, 'enabled');
        assert.equal(enabled.versioning, 'enabled');
        const { object: v2, replaced } = await meta.putObject(write(bucket, 'k', 20));
        assert.equal(replaced, undefined);
        assert.ok(v2.versionId !== null);
        const { deleteMarker, removed } = await meta.deleteObject(bucket.id, 'k', 30);
        assert.equal(removed, undefined);
        assert.ok(deleteMarker?.deleteMarker === true && deleteMarker.isLatest);
        assert.equal(await meta.getObject(bucket.id, 'k'), undefined);
        assert.equal((await meta.getLatestVersion(bucket.id, 'k'))?.versionId, deleteMarker.versionId);
        assert.deepEqual(summary(await meta.listObjectVersions(bucket.id, { prefix: '', limit: 10 })), ['k:M*', 'k:e20', 'k:e10']);
        assert.equal((await meta.getObjectVersion(bucket.id, 'k', null))?.etag, 'e10');
        assert.deepEqual(await meta.takeGarbage(10), []);
        const counters = (await meta.getBucketById(bucket.id))?.counters;
        assert.deepEqual([counters?.objects, counters?.versions, counters?.versionBytes], [0, 3, 20]);
        await rejectsWith(meta.deleteBucket(bucket.id), 'BucketNotEmpty');
      });
    });

    it('promotes the newest remaining version when the latest is deleted by version id', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.setBucketVersioning(bucket.id, 'enabled');
        const a = await meta.putObject(write(bucket, 'k', 10));
        const b = await meta.putObject(write(bucket, 'k', 20));
        const marker = (await meta.deleteObject(bucket.id, 'k', 30)).deleteMarker!;
        await meta.deleteObjectVersion({ bucketId: bucket.id, key: 'k', versionId: marker.versionId, now: 40 });
        assert.equal((await meta.getObject(bucket.id, 'k'))?.versionId, b.object.versionId);
        await meta.deleteObjectVersion({ bucketId: bucket.id, key: 'k', versionId: b.object.versionId, now: 50 });
        const current = await meta.getObject(bucket.id, 'k');
        assert.equal(current?.versionId, a.object.versionId);
        assert.equal(current?.id, a.object.id);
        assert.deepEqual(summary(await meta.listObjectVersions(bucket.id, { prefix: '', limit: 10 })), ['k:e10*']);
        assert.equal((await meta.takeGarbage(10)).length, 1);
        const counters = (await meta.getBucketById(bucket.id))?.counters;
        assert.deepEqual([counters?.objects, counters?.objectBytes, counters?.versions], [1, 10, 0]);
      });
    });

    it('frees a blob only when the last version that references it goes', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.setBucketVersioning(bucket.id, 'enabled');
        const blobId = newBlobId();
        const first = await meta.putObject(write(bucket, 'k', 10, 10, blobId));
        const copy = write(bucket, 'k', 20, 10, blobId);
        const second = await meta.putObject({ ...copy, newBlobs: [] });
        await meta.deleteObjectVersion({ bucketId: bucket.id, key: 'k', versionId: first.object.versionId, now: 30 });
        assert.deepEqual(await meta.takeGarbage(10), []);
        await meta.deleteObjectVersion({ bucketId: bucket.id, key: 'k', versionId: second.object.versionId, now: 40 });
        assert.deepEqual(await meta.takeGarbage(10), [blobId]);
        assert.equal(await meta.referencedBlobBytes(), 0);
      });
    });

    it('replaces only the null version in a suspended bucket', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.setBucketVersioning(bucket.id, 'enabled');
        await meta.putObject(write(bucket, 'k', 10));
        await meta.setBucketVersioning(bucket.id, 'suspended');
        const n1 = await meta.putObject(write(bucket, 'k', 20));
        assert.equal(n1.object.versionId, null);
        const n2 = await meta.putObject(write(bucket, 'k', 30));
        assert.equal(n2.replaced?.id, n1.object.id);
        assert.deepEqual(summary(await meta.listObjectVersions(bucket.id, { prefix: '', limit: 10 })), ['k:e30*', 'k:e10']);
        const { deleteMarker, removed } = await meta.deleteObject(bucket.id, 'k', 40);
        assert.equal(removed?.id, n2.object.id);
        assert.equal(deleteMarker?.versionId, null);
        assert.deepEqual(summary(await meta.listObjectVersions(bucket.id, { prefix: '', limit: 10 })), ['k:M*', 'k:e10']);
      });
    });

    it('pages versions by key then id, across current and noncurrent rows', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.setBucketVersioning(bucket.id, 'enabled');
        for (const [key, t] of [
          ['a', 1],
          ['b', 2],
          ['a', 3],
          ['c', 4],
          ['b', 5],
          ['a', 6],
        ] as const)
          await meta.putObject(write(bucket, key, t));
        const all = await meta.listObjectVersions(bucket.id, { prefix: '', limit: 100 });
        assert.deepEqual(summary(all), ['a:e6*', 'a:e3', 'a:e1', 'b:e5*', 'b:e2', 'c:e4*']);
        const page = await meta.listObjectVersions(bucket.id, { prefix: '', after: { key: 'a', id: all[1]!.id }, limit: 3 });
        assert.deepEqual(summary(page), ['a:e1', 'b:e5*', 'b:e2']);
        assert.deepEqual(summary(await meta.listObjectVersions(bucket.id, { prefix: 'b', limit: 10 })), ['b:e5*', 'b:e2']);
        assert.deepEqual(summary(await meta.listObjectVersions(bucket.id, { prefix: '', after: { key: 'b' }, limit: 10 })), ['c:e4*']);
      });
    });

    it('refuses to remove a locked version, and lets governance yield to a bypass', async () => {
      await withBucket(async (meta, bucket) => {
        assert.equal(bucket.versioning, 'enabled');
        assert.equal(bucket.objectLockEnabled, true);
        await rejectsWith(meta.setBucketVersioning(bucket.id, 'suspended'), 'InvalidBucketState');
        const gov = await meta.putObject({ ...write(bucket, 'g', 10), lock: { retention: { mode: 'governance', retainUntil: 1000 } } });
        const comp = await meta.putObject({ ...write(bucket, 'c', 10), lock: { retention: { mode: 'compliance', retainUntil: 1000 } } });
        const held = await meta.putObject({ ...write(bucket, 'h', 10), lock: { legalHold: true } });
        const del = (key: string, versionId: string | null, bypassGovernance = false) =>
          meta.deleteObjectVersion({ bucketId: bucket.id, key, versionId, now: 500, bypassGovernance });
        await rejectsWith(del('g', gov.object.versionId), 'AccessDenied');
        await rejectsWith(del('c', comp.object.versionId, true), 'AccessDenied');
        await rejectsWith(del('h', held.object.versionId, true), 'AccessDenied');
        assert.equal((await del('g', gov.object.versionId, true))?.id, gov.object.id);
        await meta.updateObjectVersion(held.object.id, { lock: { legalHold: false }, tags: [{ key: 't', value: 'v' }] });
        const updated = await meta.getObjectVersion(bucket.id, 'h', held.object.versionId);
        assert.deepEqual([updated?.lock, updated?.tags], [{ legalHold: false }, [{ key: 't', value: 'v' }]]);
        assert.ok((await del('h', held.object.versionId)) !== undefined);
        // A plain delete only adds a marker: the locked version stays.
        await meta.deleteObject(bucket.id, 'c', 600);
        assert.equal((await meta.getObjectVersion(bucket.id, 'c', comp.object.versionId))?.id, comp.object.id);
      }, true);
    });

    it('makes a new version on completing an upload and records it in the result', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.setBucketVersioning(bucket.id, 'enabled');
        const before = await meta.putObject(write(bucket, 'k', 5));
        await meta.createUpload({
          id: 'u1',
          bucketId: bucket.id,
          key: 'k',
          initiatedAt: 6,
          attributes: { userMetadata: {}, storageClass: 'standard' },
          checksumAlgorithm: null,
          checksumType: null,
          initiator: { accountId: '111111111111', userName: null, accessKeyId: 'AK' },
          extra: {},
        });
        const blobId = newBlobId();
        const part = await meta.putPart({
          uploadId: 'u1',
          partNumber: 1,
          size: 4,
          etag: 'p1',
          digests: {},
          segments: [{ blobId, blobOffset: 0, length: 4 }],
          newBlobs: [{ blobId, size: 4 }],
          now: 7,
        });
        const outcome = await meta.completeUpload({
          uploadId: 'u1',
          parts: [{ partNumber: 1, partId: part.id }],
          object: {
            size: 4,
            etag: 'm-1',
            attributes: { userMetadata: {}, storageClass: 'standard' },
            partsCount: 1,
            checksum: null,
            digests: {},
            extra: {},
          },
          partListFingerprint: 'f',
          now: 8,
        });
        assert.equal(outcome.outcome, 'completed');
        if (outcome.outcome !== 'completed') return;
        assert.ok(outcome.object.versionId !== null && outcome.object.versionId !== before.object.versionId);
        assert.equal(outcome.upload.result?.versionId, outcome.object.versionId);
        assert.equal((await meta.getObjectVersion(bucket.id, 'k', before.object.versionId))?.isLatest, false);
      });
    });
  });
}
