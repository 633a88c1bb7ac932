// The contract every MetadataStore adapter must meet. Each adapter's test file calls it with a factory.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../core/errors.js';
import type { MetadataStore, NewPart, PutObjectInput } from '../core/ports/metadata-store.js';
import type { Bucket, ObjectAttributes, Principal } from '../core/types.js';
import { metadataStoreVersionsContract } from './metadata-store-versions.contract.js';

const attrs: ObjectAttributes = { userMetadata: {}, storageClass: 'standard' };
const principal: Principal = { accountId: '111111111111', userName: null, accessKeyId: 'AK' };
let blobCounter = 0;
const newBlobId = () => (++blobCounter).toString(16).padStart(32, '0');

function part(partNumber: number, blobId: string, size: number): NewPart {
  return {
    partNumber,
    size,
    etag: `etag${partNumber}`,
    digests: { md5: `etag${partNumber}` },
    segments: [{ blobId, blobOffset: 0, length: size }],
  };
}

function objectInput(bucket: Bucket, key: string, size = 10, blobId = newBlobId()): PutObjectInput {
  return {
    bucketId: bucket.id,
    key,
    size,
    etag: 'e',
    attributes: attrs,
    partsCount: null,
    checksum: null,
    digests: {},
    extra: {},
    parts: [part(1, blobId, size)],
    newBlobs: [{ blobId, size }],
    now: 1000,
  };
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => isStorageError(e) && e.code === code);
}

async function garbageIds(meta: MetadataStore): Promise<string[]> {
  return (await meta.takeGarbage(10_000)).sort();
}

export function metadataStoreContract(name: string, open: () => Promise<MetadataStore>): void {
  describe(`MetadataStore contract: ${name}`, () => {
    async function withBucket(fn: (meta: MetadataStore, bucket: Bucket) => Promise<void>) {
      const meta = await open();
      try {
        const bucket = await meta.createBucket({
          namespace: 's3',
          name: 'bucket',
          accountId: principal.accountId,
          region: 'us-east-1',
          storageClass: 'standard',
          createdAt: 1,
        });
        await fn(meta, bucket);
      } finally {
        await meta.close();
      }
    }

    it('refuses a taken bucket name with BucketAlreadyOwnedByYou or BucketAlreadyExists', async () => {
      await withBucket(async (meta) => {
        const input = { namespace: 's3' as const, name: 'bucket', region: 'r', storageClass: 'standard' as const, createdAt: 2 };
        await rejectsWith(meta.createBucket({ ...input, accountId: principal.accountId }), 'BucketAlreadyOwnedByYou');
        await rejectsWith(meta.createBucket({ ...input, accountId: '222222222222' }), 'BucketAlreadyExists');
      });
    });

    it('keeps glacier vault names per account and apart from S3 buckets', async () => {
      await withBucket(async (meta) => {
        const vault = { namespace: 'glacier' as const, name: 'bucket', region: 'r', storageClass: 'archive' as const, createdAt: 2 };
        await meta.createBucket({ ...vault, accountId: '111111111111' });
        await meta.createBucket({ ...vault, accountId: '222222222222' });
        assert.equal((await meta.getBucket('glacier', 'bucket', '222222222222'))?.accountId, '222222222222');
        assert.equal((await meta.getBucket('s3', 'bucket'))?.namespace, 's3');
        assert.equal((await meta.listBuckets('glacier')).length, 2);
      });
    });

    it('moves the blobs of a replaced object to the garbage list', async () => {
      await withBucket(async (meta) => {
        const first = objectInput(await bucketOf(meta), 'k');
        await meta.putObject(first);
        const second = objectInput(await bucketOf(meta), 'k');
        const { replaced } = await meta.putObject(second);
        assert.equal(replaced?.key, 'k');
        assert.deepEqual(await garbageIds(meta), [first.newBlobs[0]!.blobId]);
        await meta.forgetGarbage([first.newBlobs[0]!.blobId]);
        assert.deepEqual(await garbageIds(meta), []);
        const { removed, deleteMarker } = await meta.deleteObject(second.bucketId, 'k', 2000);
        assert.equal(removed?.size, 10);
        assert.equal(deleteMarker, undefined);
        assert.deepEqual(await garbageIds(meta), [second.newBlobs[0]!.blobId]);
      });
    });

    it('keeps a blob alive while a copy still references it', async () => {
      await withBucket(async (meta, bucket) => {
        const original = objectInput(bucket, 'a');
        await meta.putObject(original);
        const blobId = original.newBlobs[0]!.blobId;
        await meta.putObject({ ...original, key: 'b', newBlobs: [] });
        await meta.deleteObject(bucket.id, 'a', 1);
        assert.deepEqual(await garbageIds(meta), []);
        await meta.deleteObject(bucket.id, 'b', 1);
        assert.deepEqual(await garbageIds(meta), [blobId]);
      });
    });

    it('keeps inline bytes in the transaction that references them and frees them with the last reference', async () => {
      await withBucket(async (meta, bucket) => {
        const blobId = `i${'1'.repeat(30)}`;
        const input = { ...objectInput(bucket, 'small', 5, blobId), newBlobs: [{ blobId, size: 5, data: Buffer.from('hello') }] };
        await meta.putObject(input);
        assert.deepEqual(await meta.readInlineBlob(blobId), Buffer.from('hello'));
        await meta.putObject({ ...input, key: 'copy', newBlobs: [] });
        await meta.deleteObject(bucket.id, 'small', 1);
        assert.deepEqual(await meta.readInlineBlob(blobId), Buffer.from('hello'));
        await meta.deleteObject(bucket.id, 'copy', 1);
        assert.equal(await meta.readInlineBlob(blobId), undefined);
        assert.deepEqual(await garbageIds(meta), [], 'inline bytes never wait for the reaper');
      });
    });

    it('refuses a segment whose blob is no longer live with NoSuchKey', async () => {
      await withBucket(async (meta, bucket) => {
        const original = objectInput(bucket, 'a');
        await meta.putObject(original);
        await meta.deleteObject(bucket.id, 'a', 1);
        await rejectsWith(meta.putObject({ ...original, key: 'b', newBlobs: [] }), 'NoSuchKey');
        assert.equal(await meta.getObject(bucket.id, 'b'), undefined);
      });
    });

    it('evaluates If-None-Match and If-Match inside the write', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.putObject(objectInput(bucket, 'k'));
        await rejectsWith(meta.putObject({ ...objectInput(bucket, 'k'), condition: { ifNoneMatchAny: true } }), 'PreconditionFailed');
        await rejectsWith(meta.putObject({ ...objectInput(bucket, 'k'), condition: { ifMatchEtag: 'other' } }), 'PreconditionFailed');
        await rejectsWith(meta.putObject({ ...objectInput(bucket, 'new'), condition: { ifMatchEtag: 'e' } }), 'NoSuchKey');
        await meta.putObject({ ...objectInput(bucket, 'k'), condition: { ifMatchEtag: 'e' } });
      });
    });

    it('lists keys in UTF-8 byte order with prefix, after and skipPrefix', async () => {
      await withBucket(async (meta, bucket) => {
        const keys = ['a', 'a/b', 'a/c', 'a0', 'b', '\u00e9', '\u{1F600}', '\uFFFD', 'a/\u00e9/x'];
        for (const k of keys) await meta.putObject(objectInput(bucket, k));
        const byteOrder = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
        const all = await meta.listObjects(bucket.id, { prefix: '', limit: 100 });
        assert.deepEqual(
          all.map((o) => o.key),
          byteOrder,
        );
        const underA = await meta.listObjects(bucket.id, { prefix: 'a/', limit: 100 });
        assert.deepEqual(
          underA.map((o) => o.key),
          ['a/b', 'a/c', 'a/\u00e9/x'],
        );
        const after = await meta.listObjects(bucket.id, { prefix: '', after: 'a/c', limit: 2 });
        assert.deepEqual(
          after.map((o) => o.key),
          ['a/\u00e9/x', 'a0'],
        );
        const skipped = await meta.listObjects(bucket.id, { prefix: '', skipPrefix: 'a/', limit: 1 });
        assert.deepEqual(
          skipped.map((o) => o.key),
          ['a0'],
        );
      });
    });

    it('replaces a part uploaded again and releases the earlier bytes', async () => {
      await withBucket(async (meta, bucket) => {
        const upload = await meta.createUpload(newUpload(bucket, 'u1', 'k', 5));
        const b1 = newBlobId();
        const b2 = newBlobId();
        const p1 = await meta.putPart({ ...part(1, b1, 7), uploadId: upload.id, newBlobs: [{ blobId: b1, size: 7 }], now: 10 });
        const p2 = await meta.putPart({ ...part(1, b2, 9), uploadId: upload.id, newBlobs: [{ blobId: b2, size: 9 }], now: 11 });
        assert.notEqual(p1.id, p2.id);
        assert.deepEqual(await garbageIds(meta), [b1]);
        const again = await meta.getUpload(upload.id);
        assert.equal(again?.partCount, 1);
        assert.equal(again?.bytes, 9);
        const b = await meta.getBucketById(bucket.id);
        assert.deepEqual(b?.counters, { objects: 0, objectBytes: 0, uploads: 1, parts: 1, partBytes: 9, versions: 0, versionBytes: 0 });
      });
    });

    it('refuses a part for an upload that is no longer active with NoSuchUpload', async () => {
      await withBucket(async (meta, bucket) => {
        const upload = await meta.createUpload(newUpload(bucket, 'u2', 'k', 5));
        assert.equal(await meta.abortUpload(upload.id, 20), 'active');
        const b = newBlobId();
        await rejectsWith(
          meta.putPart({ ...part(1, b, 3), uploadId: upload.id, newBlobs: [{ blobId: b, size: 3 }], now: 21 }),
          'NoSuchUpload',
        );
        assert.deepEqual(await meta.knownBlobs([b]), new Set());
        assert.equal(await meta.abortUpload(upload.id, 22), 'aborted');
        assert.equal(await meta.abortUpload('unknown', 22), undefined);
      });
    });

    it('completes by moving chosen parts into the object and releasing the others', async () => {
      await withBucket(async (meta, bucket) => {
        const upload = await meta.createUpload(newUpload(bucket, 'u3', 'k', 5));
        const blobs = [newBlobId(), newBlobId(), newBlobId()];
        const parts = [];
        for (let i = 0; i < 3; i++) {
          parts.push(
            await meta.putPart({
              ...part(i + 1, blobs[i]!, 4 + i),
              uploadId: upload.id,
              newBlobs: [{ blobId: blobs[i]!, size: 4 + i }],
              now: 30,
            }),
          );
        }
        const outcome = await meta.completeUpload({
          uploadId: upload.id,
          parts: [
            { partNumber: 1, partId: parts[0]!.id },
            { partNumber: 3, partId: parts[2]!.id },
          ],
          object: { size: 10, etag: 'x-2', attributes: attrs, partsCount: 2, checksum: null, digests: {}, extra: {} },
          partListFingerprint: 'fp',
          now: 40,
        });
        assert.equal(outcome.outcome, 'completed');
        assert.deepEqual(await garbageIds(meta), [blobs[1]]);
        const object = await meta.getObject(bucket.id, 'k');
        const layout = await meta.getObjectLayout(object!.id);
        assert.deepEqual(
          layout.map((p) => [p.partNumber, p.offset, p.size, p.segments[0]?.blobId]),
          [
            [1, 0, 4, blobs[0]],
            [3, 4, 6, blobs[2]],
          ],
        );
        const finished = await meta.getUpload(upload.id);
        assert.equal(finished?.state, 'completed');
        assert.equal(finished?.result?.partListFingerprint, 'fp');
        const again = await meta.completeUpload({
          uploadId: upload.id,
          parts: [],
          object: { size: 0, etag: '', attributes: attrs, partsCount: 0, checksum: null, digests: {}, extra: {} },
          partListFingerprint: 'fp',
          now: 41,
        });
        assert.equal(again.outcome, 'not-active');
        assert.equal(await meta.abortUpload(upload.id, 42), 'completed');
        const b = await meta.getBucketById(bucket.id);
        assert.deepEqual(b?.counters, { objects: 1, objectBytes: 10, uploads: 0, parts: 0, partBytes: 0, versions: 0, versionBytes: 0 });
      });
    });

    it('refuses to complete with a part that changed since it was read', async () => {
      await withBucket(async (meta, bucket) => {
        const upload = await meta.createUpload(newUpload(bucket, 'u4', 'k', 5));
        const b1 = newBlobId();
        const b2 = newBlobId();
        const p1 = await meta.putPart({ ...part(1, b1, 4), uploadId: upload.id, newBlobs: [{ blobId: b1, size: 4 }], now: 30 });
        await meta.putPart({ ...part(1, b2, 4), uploadId: upload.id, newBlobs: [{ blobId: b2, size: 4 }], now: 31 });
        await rejectsWith(
          meta.completeUpload({
            uploadId: upload.id,
            parts: [{ partNumber: 1, partId: p1.id }],
            object: { size: 4, etag: 'x-1', attributes: attrs, partsCount: 1, checksum: null, digests: {}, extra: {} },
            partListFingerprint: 'fp',
            now: 40,
          }),
          'InvalidPart',
        );
        assert.equal((await meta.getUpload(upload.id))?.state, 'active');
        assert.equal(await meta.getObject(bucket.id, 'k'), undefined);
      });
    });

    it('lists active uploads by key then initiation time, resuming after a marker', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.createUpload(newUpload(bucket, 'z1', 'b', 300));
        await meta.createUpload(newUpload(bucket, 'a1', 'b', 100));
        await meta.createUpload(newUpload(bucket, 'm1', 'b', 200));
        await meta.createUpload(newUpload(bucket, 'q1', 'a', 500));
        await meta.createUpload(newUpload(bucket, 'x1', 'c/d', 50));
        const dead = await meta.createUpload(newUpload(bucket, 'd1', 'b', 150));
        await meta.abortUpload(dead.id, 600);
        const all = await meta.listUploads(bucket.id, { prefix: '', limit: 100 });
        assert.deepEqual(
          all.map((u) => u.id),
          ['q1', 'a1', 'm1', 'z1', 'x1'],
        );
        const after = await meta.listUploads(bucket.id, { prefix: '', after: { key: 'b', initiatedAt: 100, uploadId: 'a1' }, limit: 2 });
        assert.deepEqual(
          after.map((u) => u.id),
          ['m1', 'z1'],
        );
        const keysAfter = await meta.listUploads(bucket.id, { prefix: '', after: { key: 'b' }, limit: 10 });
        assert.deepEqual(
          keysAfter.map((u) => u.id),
          ['x1'],
        );
        const byAge = await meta.listUploadsByAge({ initiatedBefore: 200, limit: 10 });
        assert.deepEqual(
          byAge.map((u) => u.id),
          ['x1', 'a1', 'm1'],
        );
        await rejectsWith(meta.deleteBucket(bucket.id), 'BucketNotEmpty');
      });
    });

    it('pages active uploads by initiation, size and cost so far, with a prefix, resuming after the last', async () => {
      await withBucket(async (meta, bucket) => {
        const put = async (id: string, key: string, initiatedAt: number, sizes: [number, number][]) => {
          const u = await meta.createUpload(newUpload(bucket, id, key, initiatedAt));
          for (const [i, [size, at]] of sizes.entries()) {
            const b = newBlobId();
            await meta.putPart({ ...part(i + 1, b, size), uploadId: u.id, newBlobs: [{ blobId: b, size }], now: at });
          }
        };
        await put('u1', 'logs/a', 100, [[10, 200]]); // byte-ms at 1000: 10 x 800
        await put('u2', 'logs/b', 300, [[50, 900]]); // 50 x 100
        await put('u3', 'data/c', 200, [
          [5, 250],
          [4, 300],
        ]); // 5 x 750 + 4 x 700
        await put('u4', 'logs/d', 400, []);
        const gone = await meta.createUpload(newUpload(bucket, 'u5', 'logs/e', 50));
        await meta.abortUpload(gone.id, 60);
        const q = {
          prefix: '',
          asOf: 1000,
          costPerByteMs: { standard: 1, 'infrequent-access': 1, archive: 1, 'cold-archive': 1, 'deep-cold-archive': 1 },
        };
        const ids = async (sort: 'initiated' | 'size' | 'cost', descending: boolean, extra: object = {}) =>
          (await meta.listUploadsSorted(bucket.id, { ...q, sort, descending, limit: 10, ...extra })).map((r) => r.upload.id);
        assert.deepEqual(await ids('initiated', false), ['u1', 'u3', 'u2', 'u4']);
        assert.deepEqual(await ids('initiated', true), ['u4', 'u2', 'u3', 'u1']);
        assert.deepEqual(await ids('size', true), ['u2', 'u1', 'u3', 'u4']);
        assert.deepEqual(await ids('cost', true), ['u1', 'u3', 'u2', 'u4']);
        assert.deepEqual(await ids('size', true, { prefix: 'logs/' }), ['u2', 'u1', 'u4']);
        const first = await meta.listUploadsSorted(bucket.id, { ...q, sort: 'cost', descending: true, limit: 2 });
        assert.deepEqual(
          first.map((r) => [r.upload.id, r.byteMsSoFar]),
          [
            ['u1', 8000],
            ['u3', 6550],
          ],
        );
        const last = first.at(-1)!;
        assert.deepEqual(await ids('cost', true, { after: { value: last.sortValue, uploadId: last.upload.id } }), ['u2', 'u4']);
        const bySize = await meta.listUploadsSorted(bucket.id, { ...q, sort: 'size', descending: true, limit: 1 });
        assert.deepEqual(await ids('size', true, { after: { value: bySize[0]!.sortValue, uploadId: 'u2' }, prefix: 'logs/' }), [
          'u1',
          'u4',
        ]);
        assert.deepEqual(await meta.countUploads(bucket.id, 'logs/'), { uploads: 3, bytes: 60 });
        assert.deepEqual(await meta.countUploads(bucket.id, ''), { uploads: 4, bytes: 69 });
      });
    });

    it('writes usage events that sum to the bucket counters', async () => {
      await withBucket(async (meta, bucket) => {
        await meta.putObject(objectInput(bucket, 'a', 100));
        await meta.putObject(objectInput(bucket, 'a', 40));
        await meta.putObject(objectInput(bucket, 'b', 7));
        const upload = await meta.createUpload(newUpload(bucket, 'u5', 'k', 5));
        const b = newBlobId();
        await meta.putPart({ ...part(1, b, 5), uploadId: upload.id, newBlobs: [{ blobId: b, size: 5 }], now: 50 });
        await meta.deleteObject(bucket.id, 'b', 60);
        const events = await meta.listUsageEvents({ limit: 1000 });
        const sum = (kind: string, f: 'bytesDelta' | 'countDelta') => events.filter((e) => e.kind === kind).reduce((n, e) => n + e[f], 0);
        const counters = (await meta.getBucketById(bucket.id))!.counters;
        assert.equal(sum('object', 'bytesDelta'), counters.objectBytes);
        assert.equal(sum('object', 'countDelta'), counters.objects);
        assert.equal(sum('part', 'bytesDelta'), counters.partBytes);
        assert.equal(sum('part', 'countDelta'), counters.parts);
        assert.equal(counters.objectBytes, 40);
      });
    });

    it('runs concurrent writes independently: one failing write does not undo the others', async () => {
      await withBucket(async (meta, bucket) => {
        const results = await Promise.allSettled([
          meta.putObject(objectInput(bucket, 'ok1')),
          meta.createBucket({
            namespace: 's3',
            name: 'bucket',
            accountId: principal.accountId,
            region: 'r',
            storageClass: 'standard',
            createdAt: 1,
          }),
          meta.putObject(objectInput(bucket, 'ok2')),
        ]);
        assert.deepEqual(
          results.map((r) => r.status),
          ['fulfilled', 'rejected', 'fulfilled'],
        );
        assert.equal((await meta.listObjects(bucket.id, { prefix: 'ok', limit: 10 })).length, 2);
      });
    });

    it('purges only tombstones older than the cutoff', async () => {
      await withBucket(async (meta, bucket) => {
        const old = await meta.createUpload(newUpload(bucket, 'o1', 'k', 1));
        const recent = await meta.createUpload(newUpload(bucket, 'r1', 'k', 2));
        await meta.abortUpload(old.id, 100);
        await meta.abortUpload(recent.id, 300);
        assert.equal(await meta.purgeTombstones(200, 10), 1);
        assert.equal(await meta.getUpload(old.id), undefined);
        assert.equal((await meta.getUpload(recent.id))?.state, 'aborted');
      });
    });
  });
  // Versions, delete markers and object lock: the same adapters, their own suite.
  metadataStoreVersionsContract(name, open);
}

async function bucketOf(meta: MetadataStore): Promise<Bucket> {
  const b = await meta.getBucket('s3', 'bucket');
  assert.ok(b);
  return b;
}

function newUpload(bucket: Bucket, id: string, key: string, initiatedAt: number) {
  return {
    id,
    bucketId: bucket.id,
    key,
    initiatedAt,
    attributes: attrs,
    checksumAlgorithm: null,
    checksumType: null,
    initiator: principal,
    extra: {},
  };
}
