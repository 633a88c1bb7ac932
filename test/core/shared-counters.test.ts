import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBucket } from '../../src/core/buckets/create-bucket.js';
import { abortUpload } from '../../src/core/uploads/abort-upload.js';
import { createUpload } from '../../src/core/uploads/create-upload.js';
import { uploadPart } from '../../src/core/uploads/upload-part.js';
import { bodyOf, coreFixture, rootPrincipal } from '../support/core-fixture.js';

describe('one set of counters for every dialect', () => {
  it('counts an incomplete Glacier upload in the same bucket counters and usage events as an S3 upload', async () => {
    const f = await coreFixture();
    try {
      const s3 = await f.bucket('photos');
      const vault = await createBucket(f.ctx, {
        principal: rootPrincipal,
        namespace: 'glacier',
        name: 'photos',
        region: 'us-east-1',
        storageClass: 'archive',
        skipNameRules: true,
      });
      const s3Upload = await createUpload(f.ctx, { bucket: s3, key: 'k', attributes: { userMetadata: {} }, initiator: rootPrincipal });
      await uploadPart(f.ctx, { bucket: s3, key: 'k', uploadId: s3Upload.id, partNumber: 1, body: bodyOf(Buffer.alloc(3000, 1)) });
      const glacierUpload = await createUpload(f.ctx, {
        bucket: vault,
        key: 'archive-id',
        attributes: { userMetadata: {}, storageClass: 'archive' },
        initiator: rootPrincipal,
        extra: { partSize: 1048576, partDigests: ['sha256-tree'] },
      });
      const part = await uploadPart(f.ctx, {
        bucket: vault,
        key: 'archive-id',
        uploadId: glacierUpload.id,
        partNumber: 1,
        body: bodyOf(Buffer.alloc(5000, 2)),
      });
      assert.match(part.digests['sha256-tree'] ?? '', /^[0-9a-f]{64}$/, 'the part carries its tree hash');

      const counters = async (namespace: 's3' | 'glacier') =>
        (await f.ctx.meta.getBucket(namespace, 'photos', rootPrincipal.accountId))?.counters;
      assert.deepEqual(await counters('s3'), {
        objects: 0,
        objectBytes: 0,
        uploads: 1,
        parts: 1,
        partBytes: 3000,
        versions: 0,
        versionBytes: 0,
      });
      assert.deepEqual(await counters('glacier'), {
        objects: 0,
        objectBytes: 0,
        uploads: 1,
        parts: 1,
        partBytes: 5000,
        versions: 0,
        versionBytes: 0,
      });
      const events = await f.ctx.meta.listUsageEvents({ limit: 100 });
      const byBucket = (id: number) =>
        events.filter((e) => e.bucketId === id).map((e) => [e.kind, e.storageClass, e.bytesDelta, e.countDelta]);
      assert.deepEqual(byBucket(s3.id), [['part', 'standard', 3000, 1]]);
      assert.deepEqual(byBucket(vault.id), [['part', 'archive', 5000, 1]]);

      await abortUpload(f.ctx, vault, undefined, glacierUpload.id);
      assert.deepEqual(await counters('glacier'), {
        objects: 0,
        objectBytes: 0,
        uploads: 0,
        parts: 0,
        partBytes: 0,
        versions: 0,
        versionBytes: 0,
      });
      const after = await f.ctx.meta.listUsageEvents({ limit: 100 });
      assert.deepEqual(after.filter((e) => e.bucketId === vault.id).at(-1), {
        ...after.at(-1)!,
        kind: 'part',
        bytesDelta: -5000,
        countDelta: -1,
      });
    } finally {
      await f.close();
    }
  });
});
