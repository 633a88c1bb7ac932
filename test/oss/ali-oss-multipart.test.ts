import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { crc64ecma } from '../../src/core/checksums/index.js';
import { aliOss, ossRejects, type AliOssCheckpoint, type SignatureVersion } from '../support/ali-oss.js';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { tempFile } from '../support/temp-file.js';

const MiB = 1024 * 1024;

function crcDecimal(data: Buffer): string {
  return crc64ecma(data, 0n).toString(10);
}

function asArray<T>(value: T | T[] | undefined | ''): T[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

describe('ali-oss multipart uploads', () => {
  let proc: CairnProcess;
  const file = tempFile(20 * MiB, 7);
  before(async () => {
    proc = await startCairnProcess();
  });
  after(async () => {
    file.remove();
    await proc.dispose();
  });

  for (const version of ['V4', 'V1'] as const satisfies readonly SignatureVersion[]) {
    describe(`with ${version} signatures`, () => {
      const bucket = `multipart-${version.toLowerCase()}`;
      before(async () => {
        await aliOss(proc, version).putBucket(bucket);
      });

      it('uploads a 20 MiB file with multipartUpload, reporting progress, and reads back the same bytes and CRC-64', async () => {
        const client = aliOss(proc, version, { bucket });
        const progress: number[] = [];
        const result = await client.multipartUpload('big/20MiB.bin', file.path, {
          progress: (p) => {
            progress.push(p);
          },
        });
        assert.equal(result.res.status, 200);
        assert.match(result.etag, /^"[0-9A-F]{32}-20"$/);
        assert.equal(result.res.headers['x-oss-hash-crc64ecma'], crcDecimal(file.data));
        assert.equal(progress[0], 0);
        assert.equal(progress.at(-1), 1);
        assert.ok(progress.length >= 20, `progress was reported ${progress.length} times`);
        assert.ok(progress.every((p, i) => i === 0 || p >= progress[i - 1]!));

        const got = await client.get('big/20MiB.bin');
        assert.ok(got.content.equals(file.data));
        assert.equal(got.res.headers['x-oss-hash-crc64ecma'], crcDecimal(file.data));
        assert.equal(got.res.headers['x-oss-object-type'], 'Multipart');
        const head = await client.head('big/20MiB.bin');
        assert.equal(head.res.headers['content-length'], String(20 * MiB));
        const { uploads } = await client.listUploads({});
        assert.deepEqual(uploads, []);
      });

      it('resumes an interrupted multipartUpload from its checkpoint, uploading only the missing parts', async () => {
        const client = aliOss(proc, version, { bucket });
        const name = 'big/resumed.bin';
        let checkpoint: AliOssCheckpoint | undefined;
        const interrupted = client.multipartUpload(name, file.path, {
          parallel: 2,
          progress: (_p, cp) => {
            if (cp === undefined || checkpoint !== undefined || cp.doneParts.length < 4) return;
            // What an application saves at the interruption: parts still in flight keep reporting to this
            // callback afterwards, so the saved copy must not move with them.
            checkpoint = { ...cp, doneParts: [...cp.doneParts] };
            client.cancel();
          },
        });
        await assert.rejects(interrupted, (e: { name?: string }) => e.name === 'cancel');
        assert.ok(checkpoint !== undefined);
        const done = checkpoint.doneParts.length;
        assert.ok(done >= 4 && done < 20, `${done} parts done before the interruption`);

        // The interrupted upload is there, with (at least) the parts the checkpoint recorded.
        const { uploads } = await client.listUploads({ prefix: name });
        assert.deepEqual(
          uploads.map((u) => u.uploadId),
          [checkpoint.uploadId],
        );
        const listed = asArray(
          (await client.listParts(name, checkpoint.uploadId)).parts as
            { PartNumber: string; Size: string } | { PartNumber: string; Size: string }[],
        );
        for (const p of checkpoint.doneParts) {
          assert.ok(listed.some((l) => Number(l.PartNumber) === p.number && Number(l.Size) === MiB));
        }

        const progress: number[] = [];
        const result = await client.multipartUpload(name, file.path, { checkpoint, progress: (p) => void progress.push(p) });
        assert.equal(result.res.status, 200);
        assert.equal(progress.length, 20 - done + 1, 'only the missing parts were uploaded');
        const got = await client.get(name);
        assert.ok(got.content.equals(file.data));
        assert.equal(got.res.headers['x-oss-hash-crc64ecma'], crcDecimal(file.data));
      });

      it('lists uploads with their markers and parts with sizes, ETags and CRC-64s', async () => {
        const client = aliOss(proc, version, { bucket });
        const a = await client.initMultipartUpload('list/a.bin');
        const b1 = await client.initMultipartUpload('list/b.bin');
        const b2 = await client.initMultipartUpload('list/b.bin');
        const page = await client.listUploads({ prefix: 'list/', 'max-uploads': 2 });
        assert.deepEqual(
          page.uploads.map((u) => u.name),
          ['list/a.bin', 'list/b.bin'],
        );
        assert.equal(page.isTruncated, true);
        assert.equal(page.nextKeyMarker, 'list/b.bin');
        const rest = await client.listUploads({
          prefix: 'list/',
          'key-marker': page.nextKeyMarker,
          'upload-id-marker': page.nextUploadIdMarker,
        });
        assert.equal(rest.uploads.length, 1);
        assert.equal(rest.isTruncated, false);
        assert.deepEqual(new Set([page.uploads[1]!.uploadId, rest.uploads[0]!.uploadId]), new Set([b1.uploadId, b2.uploadId]));
        assert.match(page.uploads[0]!.initiated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);

        const part1 = await client.uploadPart('list/a.bin', a.uploadId, 1, file.path, 0, 200 * 1024);
        await client.uploadPart('list/a.bin', a.uploadId, 3, file.path, 200 * 1024, 250 * 1024);
        assert.match(part1.etag, /^"[0-9A-F]{32}"$/);
        assert.equal(part1.res.headers['x-oss-hash-crc64ecma'], crcDecimal(file.data.subarray(0, 200 * 1024)));
        const parts = asArray(
          (await client.listParts('list/a.bin', a.uploadId)).parts as Record<string, string> | Record<string, string>[],
        );
        assert.deepEqual(
          parts.map((p) => [p.PartNumber, p.Size, p.ETag, p.HashCrc64ecma]),
          [
            ['1', String(200 * 1024), part1.etag, crcDecimal(file.data.subarray(0, 200 * 1024))],
            ['3', String(50 * 1024), parts[1]!.ETag, crcDecimal(file.data.subarray(200 * 1024, 250 * 1024))],
          ],
        );
        for (const u of [a, b1, b2]) await client.abortMultipartUpload(u.name, u.uploadId);
      });

      it('completes with part-number gaps and refuses a part under 100 KB that is not the last', async () => {
        const client = aliOss(proc, version, { bucket });
        const name = 'gaps.bin';
        const { uploadId } = await client.initMultipartUpload(name);
        const p1 = await client.uploadPart(name, uploadId, 1, file.path, 0, 100 * 1024 - 1);
        const p5 = await client.uploadPart(name, uploadId, 5, file.path, 100 * 1024, 300 * 1024);
        const small = await ossRejects(
          client.completeMultipartUpload(name, uploadId, [
            { number: 1, etag: p1.etag },
            { number: 5, etag: p5.etag },
          ]),
          400,
          'EntityTooSmall',
        );
        assert.equal(small.ecCode, '0042-00000213');
        const p2 = await client.uploadPart(name, uploadId, 2, file.path, 0, 100 * 1024);
        const done = await client.completeMultipartUpload(name, uploadId, [
          { number: 2, etag: p2.etag },
          { number: 5, etag: p5.etag },
        ]);
        const expected = Buffer.concat([file.data.subarray(0, 100 * 1024), file.data.subarray(100 * 1024, 300 * 1024)]);
        assert.equal(done.res.headers['x-oss-hash-crc64ecma'], crcDecimal(expected));
        assert.ok((await client.get(name)).content.equals(expected));
        // Completing invalidated the upload id; the part not listed is gone with it.
        await ossRejects(client.abortMultipartUpload(name, uploadId), 404, 'NoSuchUpload');
        await ossRejects(client.listParts(name, uploadId), 404, 'NoSuchUpload');
      });

      it('completes with x-oss-complete-all: yes using every uploaded part in order', async () => {
        const client = aliOss(proc, version, { bucket });
        const name = 'all.bin';
        const { uploadId } = await client.initMultipartUpload(name);
        await client.uploadPart(name, uploadId, 2, file.path, 200 * 1024, 300 * 1024);
        await client.uploadPart(name, uploadId, 1, file.path, 0, 200 * 1024);
        await client.completeMultipartUpload(name, uploadId, [], { headers: { 'x-oss-complete-all': 'yes' } });
        assert.ok((await client.get(name)).content.equals(file.data.subarray(0, 300 * 1024)));
      });

      it('copies ranges of an object into parts with UploadPartCopy', async () => {
        const client = aliOss(proc, version, { bucket });
        await client.put('copy-source.bin', file.data.subarray(0, 400 * 1024));
        const { uploadId } = await client.initMultipartUpload('copied.bin');
        const copyPart = async (n: number, start: number, end: number) =>
          client.request({
            ...client._objectRequestParams('PUT', 'copied.bin', {
              subres: { partNumber: n, uploadId },
              headers: { 'x-oss-copy-source': `/${bucket}/copy-source.bin`, 'x-oss-copy-source-range': `bytes=${start}-${end - 1}` },
            }),
            successStatuses: [200],
          });
        const c1 = await copyPart(1, 200 * 1024, 400 * 1024);
        const c2 = await copyPart(2, 0, 200 * 1024);
        assert.equal(c1.res.headers['content-range'], `bytes ${200 * 1024}-${400 * 1024 - 1}/${400 * 1024}`);
        await client.completeMultipartUpload('copied.bin', uploadId, [
          { number: 1, etag: c1.res.headers.etag ?? '' },
          { number: 2, etag: c2.res.headers.etag ?? '' },
        ]);
        const expected = Buffer.concat([file.data.subarray(200 * 1024, 400 * 1024), file.data.subarray(0, 200 * 1024)]);
        const got = await client.get('copied.bin');
        assert.ok(got.content.equals(expected));
        assert.equal(got.res.headers['x-oss-hash-crc64ecma'], crcDecimal(expected));
      });
    });
  }
});
