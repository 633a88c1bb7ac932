import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { deleteBucket } from '../../src/core/buckets/delete-bucket.js';
import { isStorageError } from '../../src/core/errors.js';
import { copyObject } from '../../src/core/objects/copy-object.js';
import { deleteObject } from '../../src/core/objects/delete-object.js';
import { listObjects } from '../../src/core/objects/list-objects.js';
import { putObject } from '../../src/core/objects/put-object.js';
import { readObject } from '../../src/core/objects/read-object.js';
import { bodyOf, collect, coreFixture } from '../support/core-fixture.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const rejectsWith = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: unknown) => isStorageError(e, code as never));

describe('objects in the core', () => {
  it('stores bytes with their MD5 as entity tag and reads back whole and ranged', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const data = randomBytes(200_000);
      const object = await putObject(f.ctx, {
        bucket,
        key: 'a/b.bin',
        body: bodyOf(data),
        attributes: { userMetadata: { x: '1' }, contentType: 'application/x-test' },
      });
      assert.equal(object.etag, md5(data));
      assert.equal(object.attributes.storageClass, 'standard');
      const whole = await readObject(f.ctx, { bucket, key: 'a/b.bin' });
      assert.deepEqual(await collect(whole.body()), data);
      const ranged = await readObject(f.ctx, {
        bucket,
        key: 'a/b.bin',
        range: { request: { kind: 'from', first: 10, last: 19 }, asked: 'bytes=10-19' },
      });
      assert.deepEqual(ranged.range, { start: 10, end: 19 });
      assert.deepEqual(await collect(ranged.body()), data.subarray(10, 20));
      const suffix = await readObject(f.ctx, {
        bucket,
        key: 'a/b.bin',
        range: { request: { kind: 'suffix', length: 5 }, asked: 'bytes=-5' },
      });
      assert.deepEqual(await collect(suffix.body()), data.subarray(-5));
      await rejectsWith(
        readObject(f.ctx, { bucket, key: 'a/b.bin', range: { request: { kind: 'from', first: 200_000 }, asked: 'bytes=200000-' } }),
        'InvalidRange',
      );
    } finally {
      await f.close();
    }
  });

  it('refuses a body whose Content-MD5 does not match with BadDigest and keeps no bytes', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const body = bodyOf('hello', { expected: () => ({ md5: md5(Buffer.from('other')) }) });
      await rejectsWith(putObject(f.ctx, { bucket, key: 'k', body, attributes: { userMetadata: {} } }), 'BadDigest');
      assert.equal(await f.ctx.blobs.totalBytes(), 0);
      assert.equal(await f.ctx.meta.getObject(bucket.id, 'k'), undefined);
    } finally {
      await f.close();
    }
  });

  it('refuses a body shorter than declared with IncompleteBody', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const body = { ...bodyOf('hello'), length: 6 };
      await rejectsWith(putObject(f.ctx, { bucket, key: 'k', body, attributes: { userMetadata: {} } }), 'IncompleteBody');
      assert.equal(await f.ctx.blobs.totalBytes(), 0);
    } finally {
      await f.close();
    }
  });

  it('answers conditional reads with 412 and 304 as S3 does', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const o = await putObject(f.ctx, { bucket, key: 'k', body: bodyOf('x'), attributes: { userMetadata: {} } });
      await rejectsWith(readObject(f.ctx, { bucket, key: 'k', conditions: { ifMatch: '"nope"' } }), 'PreconditionFailed');
      await rejectsWith(readObject(f.ctx, { bucket, key: 'k', conditions: { ifNoneMatch: `"${o.etag}"` } }), 'NotModified');
      await rejectsWith(readObject(f.ctx, { bucket, key: 'k', conditions: { ifModifiedSince: o.lastModified + 1000 } }), 'NotModified');
      await rejectsWith(
        readObject(f.ctx, { bucket, key: 'k', conditions: { ifUnmodifiedSince: o.lastModified - 1000 } }),
        'PreconditionFailed',
      );
      // If-Match that holds wins over a failing If-Unmodified-Since.
      await readObject(f.ctx, { bucket, key: 'k', conditions: { ifMatch: o.etag, ifUnmodifiedSince: o.lastModified - 5000 } });
    } finally {
      await f.close();
    }
  });

  it('frees the bytes of an overwritten and of a deleted object at once', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      await putObject(f.ctx, { bucket, key: 'k', body: bodyOf(randomBytes(1000)), attributes: { userMetadata: {} } });
      await putObject(f.ctx, { bucket, key: 'k', body: bodyOf(randomBytes(300)), attributes: { userMetadata: {} } });
      assert.equal(await f.ctx.blobs.totalBytes(), 300);
      await deleteObject(f.ctx, bucket, 'k');
      assert.equal(await f.ctx.blobs.totalBytes(), 0);
    } finally {
      await f.close();
    }
  });

  it('copies without copying bytes and keeps them while either object lives', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const data = randomBytes(5000);
      await putObject(f.ctx, { bucket, key: 'src', body: bodyOf(data), attributes: { userMetadata: { a: 'b' } } });
      const { object } = await copyObject(f.ctx, { source: { bucket, key: 'src' }, target: { bucket, key: 'dst' }, attributes: 'copy' });
      assert.equal(object.etag, md5(data));
      assert.deepEqual(object.attributes.userMetadata, { a: 'b' });
      assert.equal(await f.ctx.blobs.totalBytes(), 5000);
      await deleteObject(f.ctx, bucket, 'src');
      assert.deepEqual(await collect((await readObject(f.ctx, { bucket, key: 'dst' })).body()), data);
      await rejectsWith(
        copyObject(f.ctx, { source: { bucket, key: 'dst' }, target: { bucket, key: 'dst' }, attributes: 'copy' }),
        'InvalidRequest',
      );
    } finally {
      await f.close();
    }
  });

  it('finishes a download that started before the object was deleted', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const data = randomBytes(3 * 1024 * 1024);
      await putObject(f.ctx, { bucket, key: 'k', body: bodyOf(data), attributes: { userMetadata: {} } });
      const read = await readObject(f.ctx, { bucket, key: 'k' });
      const iterator = read.body()[Symbol.asyncIterator]();
      const first = await iterator.next();
      await deleteObject(f.ctx, bucket, 'k');
      const chunks = [first.value as Buffer];
      for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) chunks.push(r.value);
      assert.deepEqual(Buffer.concat(chunks), data);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(await f.ctx.blobs.totalBytes(), 0);
    } finally {
      await f.close();
    }
  });

  it('lists with a delimiter and resumes from markers exactly like a model of S3', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const keys: string[] = [];
      for (const a of ['a', 'b', 'c']) for (const b of ['x', 'y']) for (const c of ['1', '2', '3']) keys.push(`${a}/${b}/${c}`);
      keys.push('a', 'b0', 'c/', 'c//d', 'd\u00e9', 'd\u{1F600}');
      for (const k of keys) await putObject(f.ctx, { bucket, key: k, body: bodyOf(k), attributes: { userMetadata: {} } });
      for (const [prefix, delimiter] of [
        ['', '/'],
        ['a/', '/'],
        ['', undefined],
        ['c/', '/'],
        ['', 'x'],
      ] as const) {
        const expected = model(keys, prefix, delimiter);
        for (const pageSize of [1, 2, 3, 7, 1000]) {
          const seen: string[] = [];
          let after: string | undefined;
          for (;;) {
            const page = await listObjects(f.ctx, {
              bucket,
              prefix,
              ...(delimiter ? { delimiter } : {}),
              ...(after ? { after } : {}),
              maxKeys: pageSize,
            });
            const entries = [...page.objects.map((o) => o.key), ...page.commonPrefixes].sort((x, y) =>
              Buffer.compare(Buffer.from(x), Buffer.from(y)),
            );
            seen.push(...entries);
            if (!page.isTruncated) break;
            after = page.last;
          }
          assert.deepEqual(seen, expected, `prefix=${prefix} delimiter=${String(delimiter)} page=${pageSize}`);
        }
      }
    } finally {
      await f.close();
    }
  });

  it('refuses to delete a bucket that holds objects, saying how many', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      await putObject(f.ctx, { bucket, key: 'k', body: bodyOf('x'), attributes: { userMetadata: {} } });
      await assert.rejects(
        deleteBucket(f.ctx, await f.bucket()),
        (e: unknown) => isStorageError(e, 'BucketNotEmpty') && /1 object/.test(e.message),
      );
      await deleteObject(f.ctx, bucket, 'k');
      await deleteBucket(f.ctx, await f.bucket());
    } finally {
      await f.close();
    }
  });
});

function model(keys: string[], prefix: string, delimiter: string | undefined): string[] {
  const out = new Set<string>();
  for (const k of keys) {
    if (!k.startsWith(prefix)) continue;
    const at = delimiter === undefined ? -1 : k.indexOf(delimiter, prefix.length);
    out.add(at < 0 ? k : k.slice(0, at + delimiter!.length));
  }
  return [...out].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
}

describe('small bodies stored inline', () => {
  it('keeps a body within the inline limit in the metadata store, reads it back and frees it, with no file', async () => {
    const f = await coreFixture({ inlineMaxBytes: 1024 });
    try {
      const bucket = await f.bucket();
      const small = Buffer.from('a small body that fits inline');
      const object = await putObject(f.ctx, { bucket, key: 'small', body: bodyOf(small), attributes: { userMetadata: {} } });
      assert.equal(object.etag, md5(small));
      assert.equal(await f.ctx.blobs.totalBytes(), 0, 'no file was written');
      assert.equal(await f.ctx.meta.referencedBlobBytes(), small.length);
      const ranged = await readObject(f.ctx, {
        bucket,
        key: 'small',
        range: { request: { kind: 'from', first: 2, last: 6 }, asked: 'bytes=2-6' },
      });
      assert.deepEqual(await collect(ranged.body()), small.subarray(2, 7));
      const big = randomBytes(5000);
      await putObject(f.ctx, { bucket, key: 'big', body: bodyOf(big), attributes: { userMetadata: {} } });
      assert.equal(await f.ctx.blobs.totalBytes(), 5000, 'a body above the limit has its file');
      await deleteObject(f.ctx, bucket, 'small');
      assert.equal(await f.ctx.meta.referencedBlobBytes(), 5000);
      await rejectsWith(
        putObject(f.ctx, {
          bucket,
          key: 'bad',
          body: bodyOf('x', { expected: () => ({ md5: md5(Buffer.from('y')) }) }),
          attributes: { userMetadata: {} },
        }),
        'BadDigest',
      );
      assert.equal(await f.ctx.meta.getObject(bucket.id, 'bad'), undefined);
    } finally {
      await f.close();
    }
  });
});
