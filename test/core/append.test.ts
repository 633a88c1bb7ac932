import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc64ToHex, crc64ecma } from '../../src/core/checksums/index.js';
import { isStorageError } from '../../src/core/errors.js';
import { appendObject, type AppendObjectInput } from '../../src/core/objects/append-object.js';
import { copyObject } from '../../src/core/objects/copy-object.js';
import { putObject } from '../../src/core/objects/put-object.js';
import { readObject } from '../../src/core/objects/read-object.js';
import type { Bucket } from '../../src/core/types.js';
import { bodyOf, collect, coreFixture, type CoreFixture } from '../support/core-fixture.js';

const appendable = (o: { extra: Readonly<Record<string, unknown>> }) => o.extra.appendable === true;

function append(
  f: CoreFixture,
  bucket: Bucket,
  position: number,
  data: string,
): Promise<ReturnType<typeof appendObject> extends Promise<infer R> ? R : never> {
  const input: AppendObjectInput = {
    bucket,
    key: 'log',
    position,
    body: bodyOf(data),
    attributes: { userMetadata: {}, contentType: 'text/plain' },
    extraDigests: ['crc64ecma'],
    extra: { appendable: true },
    appendable,
  };
  return appendObject(f.ctx, input);
}

describe('appending to objects in the core', () => {
  it('grows an object without rewriting its bytes, and combines its CRC-64', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const first = await append(f, bucket, 0, 'line 1\n');
      const blobsAfterFirst = await f.ctx.meta.referencedBlobBytes();
      const second = await append(f, bucket, 7, 'line 2\n');
      assert.equal(second.size, 14);
      assert.equal(second.attributes.contentType, 'text/plain');
      // Only the new bytes were written: the first append's blob is shared, not copied.
      assert.equal(await f.ctx.meta.referencedBlobBytes(), blobsAfterFirst + 7);
      assert.equal(await f.ctx.blobs.totalBytes(), 14);
      const whole = Buffer.from('line 1\nline 2\n');
      assert.equal(second.digests.crc64ecma, crc64ToHex(crc64ecma(whole, 0n)));
      assert.notEqual(second.etag, first.etag);
      const read = await readObject(f.ctx, { bucket, key: 'log' });
      assert.deepEqual(await collect(read.body()), whole);
    } finally {
      await f.close();
    }
  });

  it('refuses a position other than the length, and an object that does not take appends, writing nothing', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      await append(f, bucket, 0, 'abc');
      await assert.rejects(
        append(f, bucket, 1, 'x'),
        (e: unknown) => isStorageError(e, 'PreconditionFailed') && e.details.NextAppendPosition === 3,
      );
      await assert.rejects(append(f, bucket, 4, 'x'), (e: unknown) => isStorageError(e, 'PreconditionFailed'));
      await putObject(f.ctx, { bucket, key: 'log', body: bodyOf('plain'), attributes: { userMetadata: {} } });
      await assert.rejects(
        append(f, bucket, 5, 'x'),
        (e: unknown) => isStorageError(e, 'InvalidRequest') && e.details.Condition === 'appendable',
      );
      assert.equal(await f.ctx.blobs.totalBytes(), 5);
    } finally {
      await f.close();
    }
  });

  it('lets only one of two appends at the same position win', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      await append(f, bucket, 0, 'base');
      const results = await Promise.allSettled([append(f, bucket, 4, '-one'), append(f, bucket, 4, '-two')]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const read = await readObject(f.ctx, { bucket, key: 'log' });
      assert.match((await collect(read.body())).toString(), /^base-(one|two)$/);
      assert.equal(await f.ctx.blobs.totalBytes(), 8);
    } finally {
      await f.close();
    }
  });
});

describe('replacing an object by one made of its own blobs', () => {
  it('copies an object onto itself with new metadata and keeps its bytes', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      await putObject(f.ctx, { bucket, key: 'k', body: bodyOf('same bytes'), attributes: { userMetadata: { v: '1' } } });
      const { object } = await copyObject(f.ctx, {
        source: { bucket, key: 'k' },
        target: { bucket, key: 'k' },
        attributes: { userMetadata: { v: '2' } },
      });
      assert.deepEqual(object.attributes.userMetadata, { v: '2' });
      const read = await readObject(f.ctx, { bucket, key: 'k' });
      assert.equal((await collect(read.body())).toString(), 'same bytes');
      assert.equal(await f.ctx.blobs.totalBytes(), 10);
    } finally {
      await f.close();
    }
  });
});
