import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { deleteBucket } from '../../src/core/buckets/delete-bucket.js';
import { isStorageError } from '../../src/core/errors.js';
import { readObject } from '../../src/core/objects/read-object.js';
import { abortUpload } from '../../src/core/uploads/abort-upload.js';
import { completeUpload } from '../../src/core/uploads/complete-upload.js';
import { createUpload } from '../../src/core/uploads/create-upload.js';
import { listParts } from '../../src/core/uploads/list-parts.js';
import { listUploads } from '../../src/core/uploads/list-uploads.js';
import { uploadPart } from '../../src/core/uploads/upload-part.js';
import type { BodyInput } from '../../src/core/ingest/body-input.js';
import { bodyOf, collect, coreFixture, rootPrincipal, type CoreFixture } from '../support/core-fixture.js';

const md5 = (b: Buffer) => createHash('md5').update(b).digest();
const rejectsWith = (p: Promise<unknown>, code: string) => assert.rejects(p, (e: unknown) => isStorageError(e) && e.code === code);

async function startUpload(f: CoreFixture, key = 'big') {
  const bucket = await f.bucket();
  const upload = await createUpload(f.ctx, {
    bucket,
    key,
    attributes: { userMetadata: { m: 'v' }, contentType: 'text/x' },
    initiator: rootPrincipal,
  });
  return { bucket, upload };
}

describe('multipart uploads in the core', () => {
  it('completes into one object with the md5-of-md5s entity tag and the bytes in order', async () => {
    const f = await coreFixture({ minPartSize: 1000 });
    try {
      const { bucket, upload } = await startUpload(f);
      const parts = [randomBytes(1500), randomBytes(1200), randomBytes(10)];
      const stored = [];
      for (let i = 0; i < parts.length; i++) {
        stored.push(await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: i + 1, body: bodyOf(parts[i]!) }));
      }
      const result = await completeUpload(f.ctx, {
        bucket,
        key: 'big',
        uploadId: upload.id,
        parts: stored.map((p) => ({ partNumber: p.partNumber, etag: `"${p.etag}"` })),
      });
      const expectedEtag =
        createHash('md5')
          .update(Buffer.concat(parts.map(md5)))
          .digest('hex') + '-3';
      assert.equal(result.etag, expectedEtag);
      const read = await readObject(f.ctx, { bucket, key: 'big' });
      assert.equal(read.object.partsCount, 3);
      assert.equal(read.object.attributes.contentType, 'text/x');
      assert.deepEqual(read.object.attributes.userMetadata, { m: 'v' });
      assert.deepEqual(await collect(read.body()), Buffer.concat(parts));
      const second = await readObject(f.ctx, { bucket, key: 'big', partNumber: 2 });
      assert.deepEqual(second.range, { start: 1500, end: 2699 });
      assert.deepEqual(await collect(second.body()), parts[1]);
      await rejectsWith(readObject(f.ctx, { bucket, key: 'big', partNumber: 4 }), 'InvalidPartNumber');
    } finally {
      await f.close();
    }
  });

  it('checks part order, existence, entity tags and sizes in S3 order, changing nothing on failure', async () => {
    const f = await coreFixture({ minPartSize: 1000 });
    try {
      const { bucket, upload } = await startUpload(f);
      const p1 = await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 1, body: bodyOf(randomBytes(500)) });
      const p2 = await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 2, body: bodyOf(randomBytes(500)) });
      const base = { bucket, key: 'big', uploadId: upload.id };
      await rejectsWith(completeUpload(f.ctx, { ...base, parts: [] }), 'MalformedXML');
      await rejectsWith(
        completeUpload(f.ctx, {
          ...base,
          parts: [
            { partNumber: 2, etag: p2.etag },
            { partNumber: 1, etag: p1.etag },
          ],
        }),
        'InvalidPartOrder',
      );
      await rejectsWith(
        completeUpload(f.ctx, {
          ...base,
          parts: [
            { partNumber: 1, etag: p1.etag },
            { partNumber: 1, etag: p2.etag },
          ],
        }),
        'InvalidPart', // listed twice, the last entry counts
      );
      await rejectsWith(
        completeUpload(f.ctx, {
          ...base,
          parts: [
            { partNumber: 1, etag: p1.etag },
            { partNumber: 3, etag: p2.etag },
          ],
        }),
        'InvalidPart',
      );
      await rejectsWith(completeUpload(f.ctx, { ...base, parts: [{ partNumber: 1, etag: '"0123"' }] }), 'InvalidPart');
      await rejectsWith(
        completeUpload(f.ctx, {
          ...base,
          parts: [
            { partNumber: 1, etag: p1.etag },
            { partNumber: 2, etag: p2.etag },
          ],
        }),
        'EntityTooSmall',
      );
      assert.equal((await f.ctx.meta.getUpload(upload.id))?.state, 'active');
      assert.equal(await f.ctx.meta.getObject(bucket.id, 'big'), undefined);
      // A single small part is fine: only parts before the last have a minimum.
      await completeUpload(f.ctx, { ...base, parts: [{ partNumber: 2, etag: p2.etag }] });
    } finally {
      await f.close();
    }
  });

  it('frees the parts a completion leaves out, so the disk holds exactly what the object references', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const { bucket, upload } = await startUpload(f);
      const sizes = [3000, 4000, 5000, 6000];
      const parts = [];
      for (let i = 0; i < sizes.length; i++) {
        parts.push(
          await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: i + 1, body: bodyOf(randomBytes(sizes[i]!)) }),
        );
      }
      assert.equal(await f.ctx.blobs.totalBytes(), 18000);
      await completeUpload(f.ctx, {
        bucket,
        key: 'big',
        uploadId: upload.id,
        parts: [parts[0]!, parts[2]!].map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
      });
      assert.equal(await f.ctx.blobs.totalBytes(), 8000);
      assert.equal(await f.ctx.meta.referencedBlobBytes(), 8000);
    } finally {
      await f.close();
    }
  });

  it('answers a retried completion with the same result and refuses a different part list', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const { bucket, upload } = await startUpload(f);
      const p1 = await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 1, body: bodyOf('one') });
      const p2 = await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 2, body: bodyOf('two') });
      const list = [
        { partNumber: 1, etag: p1.etag },
        { partNumber: 2, etag: p2.etag },
      ];
      const first = await completeUpload(f.ctx, { bucket, key: 'big', uploadId: upload.id, parts: list });
      const again = await completeUpload(f.ctx, {
        bucket,
        key: 'big',
        uploadId: upload.id,
        parts: list.map((p) => ({ ...p, etag: `"${p.etag}"` })),
      });
      assert.equal(again.etag, first.etag);
      assert.equal(again.repeated, true);
      await rejectsWith(completeUpload(f.ctx, { bucket, key: 'big', uploadId: upload.id, parts: [list[0]!] }), 'NoSuchUpload');
      f.advance(f.ctx.limits.tombstoneWindowMs + 1);
      await rejectsWith(completeUpload(f.ctx, { bucket, key: 'big', uploadId: upload.id, parts: list }), 'NoSuchUpload');
    } finally {
      await f.close();
    }
  });

  it('aborts once, succeeds again within the tombstone window, and refuses completed and unknown uploads', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const { bucket, upload } = await startUpload(f);
      await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 1, body: bodyOf(randomBytes(7000)) });
      await abortUpload(f.ctx, bucket, 'big', upload.id);
      assert.equal(await f.ctx.blobs.totalBytes(), 0);
      await abortUpload(f.ctx, bucket, 'big', upload.id);
      await rejectsWith(uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 2, body: bodyOf('x') }), 'NoSuchUpload');
      await rejectsWith(
        completeUpload(f.ctx, { bucket, key: 'big', uploadId: upload.id, parts: [{ partNumber: 1, etag: 'x' }] }),
        'NoSuchUpload',
      );
      await rejectsWith(listParts(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumberMarker: 0, maxParts: 10 }), 'NoSuchUpload');
      f.advance(f.ctx.limits.tombstoneWindowMs + 1);
      await rejectsWith(abortUpload(f.ctx, bucket, 'big', upload.id), 'NoSuchUpload');
      await rejectsWith(abortUpload(f.ctx, bucket, 'big', 'not-an-upload-id'), 'NoSuchUpload');

      const other = await startUpload(f, 'done');
      const p = await uploadPart(f.ctx, { bucket, key: 'done', uploadId: other.upload.id, partNumber: 1, body: bodyOf('x') });
      await completeUpload(f.ctx, { bucket, key: 'done', uploadId: other.upload.id, parts: [{ partNumber: 1, etag: p.etag }] });
      await rejectsWith(abortUpload(f.ctx, bucket, 'done', other.upload.id), 'NoSuchUpload');
      await rejectsWith(abortUpload(f.ctx, bucket, 'other-key', other.upload.id), 'NoSuchUpload');
    } finally {
      await f.close();
    }
  });

  it('refuses a part still streaming in when its upload is aborted, and frees its bytes', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const { bucket, upload } = await startUpload(f);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const body: BodyInput = {
        stream: (async function* () {
          yield randomBytes(100_000);
          await gate;
          yield randomBytes(100_000);
        })(),
      };
      const inFlight = uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 1, body });
      await new Promise((r) => setTimeout(r, 20));
      await abortUpload(f.ctx, bucket, 'big', upload.id);
      release();
      await rejectsWith(inFlight, 'NoSuchUpload');
      assert.equal(await f.ctx.blobs.totalBytes(), 0);
    } finally {
      await f.close();
    }
  });

  it('lets exactly one of two concurrent completions win, and the other see the same result', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const { bucket, upload } = await startUpload(f);
      const p = await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 1, body: bodyOf('abc') });
      const input = { bucket, key: 'big', uploadId: upload.id, parts: [{ partNumber: 1, etag: p.etag }] };
      const [a, b] = await Promise.all([completeUpload(f.ctx, input), completeUpload(f.ctx, input)]);
      assert.equal(a.etag, b.etag);
      assert.equal([a.repeated, b.repeated].filter((r) => !r).length, 1);
      assert.equal((await f.ctx.meta.getBucketById(bucket.id))?.counters.objects, 1);
    } finally {
      await f.close();
    }
  });

  it('completes with the part as it stands when a part is uploaded again meanwhile', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const { bucket, upload } = await startUpload(f);
      const p = await uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 1, body: bodyOf('same') });
      const [done] = await Promise.allSettled([
        completeUpload(f.ctx, { bucket, key: 'big', uploadId: upload.id, parts: [{ partNumber: 1, etag: p.etag }] }),
        uploadPart(f.ctx, { bucket, key: 'big', uploadId: upload.id, partNumber: 1, body: bodyOf('same') }),
      ]);
      assert.equal(done.status, 'fulfilled');
      const read = await readObject(f.ctx, { bucket, key: 'big' });
      assert.equal((await collect(read.body())).toString(), 'same');
      assert.equal(await f.ctx.blobs.totalBytes(), 4);
    } finally {
      await f.close();
    }
  });

  it('pages through 2,500 uploads with prefix, delimiter and markers exactly like a model', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const all: { key: string; id: string }[] = [];
      for (let i = 0; i < 2500; i++) {
        const key = `${['logs', 'data', 'tmp'][i % 3]}/${String(i % 250).padStart(3, '0')}/${i % 7 === 0 ? 'x/' : ''}f`;
        f.advance(1);
        const u = await createUpload(f.ctx, { bucket, key, attributes: { userMetadata: {} }, initiator: rootPrincipal });
        all.push({ key, id: u.id });
      }
      const ordered = [...all]; // created in initiation order, so a stable sort by key keeps it within a key
      ordered.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
      for (const [prefix, delimiter, pageSize] of [
        ['', undefined, 1000],
        ['data/', '/', 37],
        ['logs/01', '/', 5],
        ['', '/', 1],
        ['tmp/', 'x/', 100],
      ] as const) {
        const expected: string[] = [];
        const seenPrefixes = new Set<string>();
        for (const u of ordered) {
          if (!u.key.startsWith(prefix)) continue;
          const at = delimiter === undefined ? -1 : u.key.indexOf(delimiter, prefix.length);
          if (at < 0) expected.push(`${u.key}#${u.id}`);
          else {
            const p = u.key.slice(0, at + delimiter!.length);
            if (!seenPrefixes.has(p)) {
              expected.push(`${p}/`);
              seenPrefixes.add(p);
            }
          }
        }
        const got: string[] = [];
        let keyMarker: string | undefined;
        let uploadIdMarker: string | undefined;
        for (;;) {
          const page = await listUploads(f.ctx, {
            bucket,
            prefix,
            ...(delimiter ? { delimiter } : {}),
            ...(keyMarker !== undefined ? { keyMarker } : {}),
            ...(uploadIdMarker !== undefined ? { uploadIdMarker } : {}),
            maxUploads: pageSize,
          });
          // Entries of one key keep the initiation order the server gave them.
          got.push(
            ...mergeKeepingUploadOrder(
              page.uploads.map((u) => `${u.key}#${u.id}`),
              page.commonPrefixes.map((p) => `${p}/`),
            ),
          );
          assert.ok(page.uploads.length + page.commonPrefixes.length <= pageSize);
          if (!page.isTruncated) break;
          keyMarker = page.nextKeyMarker;
          uploadIdMarker = page.nextUploadIdMarker;
        }
        assert.deepEqual(got, expected, `prefix=${prefix} delimiter=${String(delimiter)}`);
      }
    } finally {
      await f.close();
    }
  });

  it('refuses to delete a bucket with incomplete uploads and says how to remove them', async () => {
    const f = await coreFixture();
    try {
      const { bucket, upload } = await startUpload(f);
      await assert.rejects(
        deleteBucket(f.ctx, await f.bucket()),
        (e: unknown) =>
          isStorageError(e, 'BucketNotEmpty') && /1 incomplete multipart upload/.test(e.message) && /AbortMultipartUpload/.test(e.message),
      );
      await abortUpload(f.ctx, bucket, 'big', upload.id);
      await deleteBucket(f.ctx, await f.bucket());
    } finally {
      await f.close();
    }
  });
});

/** Uploads come sorted by (key, initiation); common prefixes slot in by key. */
function mergeKeepingUploadOrder(uploads: string[], prefixes: string[]): string[] {
  const keyOf = (s: string) => Buffer.from(s.endsWith('/') && !s.includes('#') ? s.slice(0, -1) : s.slice(0, s.indexOf('#')));
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < uploads.length || j < prefixes.length) {
    if (j >= prefixes.length || (i < uploads.length && Buffer.compare(keyOf(uploads[i]!), keyOf(prefixes[j]!)) <= 0))
      out.push(uploads[i++]!);
    else out.push(prefixes[j++]!);
  }
  return out;
}
