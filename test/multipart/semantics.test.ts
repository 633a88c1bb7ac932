import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { signRequest } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { errorCode, rawS3 } from '../support/raw-s3.js';
import { s3Client, sdkError } from '../support/s3-client.js';

const KiB = 1024;
const Bucket = 'multipart';
const md5hex = (b: Buffer) => createHash('md5').update(b).digest('hex');

function diskBytes(server: CairnProcess): number {
  const root = path.join(server.dataDir, 'blobs');
  return readdirSync(root).reduce(
    (n, d) => n + readdirSync(path.join(root, d)).reduce((m, f) => m + statSync(path.join(root, d, f)).size, 0),
    0,
  );
}

describe('S3 multipart semantics over HTTP', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    // Parts of at least 64 KiB keep the test quick while every rule still applies.
    server = await startCairnProcess({ args: ['--min-part-size', String(64 * KiB), '--inline-max-size', '0'] });
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  async function upload(Key: string, sizes: number[], extra: Record<string, unknown> = {}) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...extra }));
    const parts = [];
    for (let i = 0; i < sizes.length; i++) {
      const body = Buffer.alloc(sizes[i]!, i + 1);
      const res = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body: body }));
      parts.push({ PartNumber: i + 1, ETag: res.ETag!, body, checksum: res.ChecksumCRC32 });
    }
    return { UploadId: UploadId!, parts };
  }

  it('refuses bad part lists with InvalidPartOrder, InvalidPart, EntityTooSmall and MalformedXML', async () => {
    const { UploadId, parts } = await upload('rules', [64 * KiB, 10, 64 * KiB]);
    const complete = (Parts: { PartNumber: number; ETag: string }[]) =>
      sdkError(s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'rules', UploadId, MultipartUpload: { Parts } })));
    const [p1, p2, p3] = parts.map((p) => ({ PartNumber: p.PartNumber, ETag: p.ETag }));
    assert.equal((await complete([p2!, p1!])).name, 'InvalidPartOrder');
    assert.equal((await complete([p1!, { PartNumber: 4, ETag: p3!.ETag }])).name, 'InvalidPart');
    assert.equal((await complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }])).name, 'InvalidPart');
    const small = await complete([p1!, p2!, p3!]);
    assert.equal(small.name, 'EntityTooSmall');
    assert.equal(small.status, 400);
    const empty = await rawS3(server, {
      method: 'POST',
      path: `/${Bucket}/rules`,
      query: `uploadId=${UploadId}`,
      body: '<CompleteMultipartUpload></CompleteMultipartUpload>',
    });
    assert.equal(errorCode(empty.body), 'MalformedXML');
    const badNumber = await sdkError(s3.send(new UploadPartCommand({ Bucket, Key: 'rules', UploadId, PartNumber: 10_001, Body: 'x' })));
    assert.equal(badNumber.name, 'InvalidArgument');
    // Nothing changed: the upload is still there with its three parts.
    const listed = await s3.send(new ListPartsCommand({ Bucket, Key: 'rules', UploadId }));
    assert.deepEqual(
      listed.Parts?.map((p) => p.PartNumber),
      [1, 2, 3],
    );
    // Unquoted ETags are accepted, and a subset is allowed.
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'rules',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1!.ETag.replace(/"/g, '') }, p3!] },
      }),
    );
    const expected = createHash('md5')
      .update(Buffer.concat([parts[0]!.body, parts[2]!.body].map((b) => createHash('md5').update(b).digest())))
      .digest('hex');
    assert.equal(done.ETag, `"${expected}-2"`);
  });

  it('answers a retried completion with the same ETag and location, and NoSuchUpload for unknown, aborted and completed uploads', async () => {
    const { UploadId, parts } = await upload('retry', [64 * KiB, 5]);
    const input = {
      Bucket,
      Key: 'retry',
      UploadId,
      MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.PartNumber, ETag: p.ETag })) },
    };
    const first = await s3.send(new CompleteMultipartUploadCommand(input));
    const again = await s3.send(new CompleteMultipartUploadCommand(input));
    assert.equal(again.ETag, first.ETag);
    assert.equal(again.Location, first.Location);
    assert.equal((await sdkError(s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'retry', UploadId })))).name, 'NoSuchUpload');
    assert.equal(
      (
        await sdkError(
          s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'retry', UploadId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })),
        )
      ).status,
      404,
    );
    assert.equal((await sdkError(s3.send(new ListPartsCommand({ Bucket, Key: 'retry', UploadId })))).name, 'NoSuchUpload');
  });

  it('frees every byte of an aborted upload at once, so the disk holds exactly what objects reference', async () => {
    const before = diskBytes(server);
    const { UploadId } = await upload('to-abort', [64 * KiB, 64 * KiB, 300]);
    assert.equal(diskBytes(server), before + 128 * KiB + 300);
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'to-abort', UploadId }));
    assert.equal(diskBytes(server), before);
    const again = await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'to-abort', UploadId }));
    assert.equal(again.$metadata.httpStatusCode, 204);
  });

  it('refuses a part still streaming when its upload is aborted, and keeps none of its bytes', async () => {
    const before = diskBytes(server);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'in-flight' }));
    const url = new URL(server.url);
    const partPath = `/${Bucket}/in-flight`;
    const query = `partNumber=1&uploadId=${UploadId!}`;
    const { headers } = signRequest({ method: 'PUT', path: partPath, query, headers: { host: url.host } }, testCredentials, {
      region: 'us-east-1',
      service: 's3',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    let release!: () => void;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'PUT',
          path: `${partPath}?${query}`,
          headers: { ...headers, 'content-length': String(512 * KiB) },
        },
        (r) => {
          let body = '';
          r.setEncoding('utf8').on('data', (d: string) => (body += d));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(256 * KiB, 1));
      release = () => req.end(Buffer.alloc(256 * KiB, 2));
    });
    await new Promise((r) => setTimeout(r, 100));
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'in-flight', UploadId }));
    release();
    const res = await response;
    assert.equal(res.status, 404);
    assert.equal(errorCode(res.body), 'NoSuchUpload');
    assert.equal(diskBytes(server), before);
  });

  it('lets one of two concurrent completions make the object and the other get the same answer', async () => {
    const { UploadId, parts } = await upload('race', [64 * KiB, 64 * KiB]);
    const input = {
      Bucket,
      Key: 'race',
      UploadId,
      MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.PartNumber, ETag: p.ETag })) },
    };
    const results = await Promise.allSettled([
      s3.send(new CompleteMultipartUploadCommand(input)),
      s3.send(new CompleteMultipartUploadCommand(input)),
    ]);
    const etags = results.map((r) => (r.status === 'fulfilled' ? r.value.ETag : undefined));
    assert.equal(etags[0], etags[1]);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'race' }));
    assert.equal((await got.Body!.transformToByteArray()).length, 128 * KiB);
  });

  it('copies a byte range of an object into a part with UploadPartCopy', async () => {
    const source = Buffer.alloc(200 * KiB);
    for (let i = 0; i < source.length; i++) source[i] = i % 251;
    await s3.send(new PutObjectCommand({ Bucket, Key: 'copy-source', Body: source }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'copied' }));
    const c1 = await s3.send(
      new UploadPartCopyCommand({
        Bucket,
        Key: 'copied',
        UploadId,
        PartNumber: 1,
        CopySource: `${Bucket}/copy-source`,
        CopySourceRange: 'bytes=0-65535',
      }),
    );
    const c2 = await s3.send(
      new UploadPartCopyCommand({
        Bucket,
        Key: 'copied',
        UploadId,
        PartNumber: 2,
        CopySource: `${Bucket}/copy-source`,
        CopySourceRange: `bytes=100000-${200 * KiB - 1}`,
      }),
    );
    assert.equal(c1.CopyPartResult?.ETag, `"${md5hex(source.subarray(0, 65536))}"`);
    const bad = await sdkError(
      s3.send(
        new UploadPartCopyCommand({
          Bucket,
          Key: 'copied',
          UploadId,
          PartNumber: 3,
          CopySource: `${Bucket}/copy-source`,
          CopySourceRange: 'bytes=0-999999999',
        }),
      ),
    );
    assert.deepEqual([bad.status, bad.name], [416, 'InvalidRange']);
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'copied',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: c1.CopyPartResult.ETag },
            { PartNumber: 2, ETag: c2.CopyPartResult!.ETag! },
          ],
        },
      }),
    );
    const got = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket, Key: 'copied' }))).Body!.transformToByteArray());
    assert.ok(got.equals(Buffer.concat([source.subarray(0, 65536), source.subarray(100000)])));
  });

  it('keeps the checksum algorithm of the upload and gives the object a composite checksum', async () => {
    const { UploadId, parts } = await upload('checksummed', [64 * KiB, 100], { ChecksumAlgorithm: 'CRC32' });
    assert.ok(parts.every((p) => typeof p.checksum === 'string'));
    const listed = await s3.send(new ListPartsCommand({ Bucket, Key: 'checksummed', UploadId }));
    assert.equal(listed.ChecksumAlgorithm, 'CRC32');
    assert.equal(listed.Parts?.[0]?.ChecksumCRC32, parts[0]!.checksum);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: 'checksummed',
        UploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.PartNumber, ETag: p.ETag, ChecksumCRC32: p.checksum! })) },
      }),
    );
    assert.match(done.ChecksumCRC32 ?? '', /^[A-Za-z0-9+/]{6}==-2$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'checksummed', ChecksumMode: 'ENABLED' }));
    assert.equal(head.ChecksumCRC32, done.ChecksumCRC32);
    assert.equal(head.ChecksumType, 'COMPOSITE');
  });

  it('pages ListParts with max-parts and part-number-marker', async () => {
    const { UploadId } = await upload('paged-parts', [10, 10, 10, 10, 10]);
    const seen: number[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await s3.send(new ListPartsCommand({ Bucket, Key: 'paged-parts', UploadId, MaxParts: 2, PartNumberMarker: marker }));
      seen.push(...(page.Parts ?? []).map((p) => p.PartNumber!));
      assert.equal(page.MaxParts, 2);
      if (!page.IsTruncated) break;
      marker = page.NextPartNumberMarker;
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'paged-parts', UploadId }));
  });

  it('deletes a bucket whose only contents are incomplete uploads, aborting them and freeing their bytes, as AWS does', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'has-uploads' }));
    const before = diskBytes(server);
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'has-uploads', Key: 'k' }));
    await s3.send(new UploadPartCommand({ Bucket: 'has-uploads', Key: 'k', UploadId, PartNumber: 1, Body: Buffer.alloc(100 * KiB, 7) }));
    assert.equal(diskBytes(server), before + 100 * KiB);
    await s3.send(new DeleteBucketCommand({ Bucket: 'has-uploads' }));
    assert.equal(diskBytes(server), before);
    const gone = await sdkError(s3.send(new ListMultipartUploadsCommand({ Bucket: 'has-uploads' })));
    assert.equal(gone.name, 'NoSuchBucket');
  });

  it('refuses to delete a bucket that still holds objects, and leaves its incomplete uploads alone', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'has-both' }));
    await s3.send(new PutObjectCommand({ Bucket: 'has-both', Key: 'o', Body: 'x' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'has-both', Key: 'k' }));
    const res = await rawS3(server, { method: 'DELETE', path: '/has-both' });
    assert.equal(res.status, 409);
    assert.equal(errorCode(res.body), 'BucketNotEmpty');
    assert.match(res.body, /1 object and 1 incomplete multipart upload/);
    const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'has-both' }));
    assert.deepEqual(
      listed.Uploads?.map((u) => u.UploadId),
      [UploadId],
    );
    await s3.send(new DeleteObjectCommand({ Bucket: 'has-both', Key: 'o' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'has-both' }));
  });

  it('pages ListMultipartUploads across 2,500 uploads with prefix, delimiter and markers like a model', async () => {
    const B = 'many-uploads';
    await s3.send(new CreateBucketCommand({ Bucket: B }));
    const created: { key: string; id: string }[] = [];
    const keys = Array.from(
      { length: 2500 },
      (_, i) => `${['logs', 'data', 'tmp'][i % 3]}/${String(i % 200).padStart(3, '0')}/${i % 5 === 0 ? 'deep/' : ''}f`,
    );
    for (let i = 0; i < keys.length; i += 50) {
      const batch = await Promise.all(
        keys
          .slice(i, i + 50)
          .map(async (Key) => ({ key: Key, id: (await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key }))).UploadId! })),
      );
      created.push(...batch);
    }
    const initiatedOrder = new Map<string, number>();
    for (const [Prefix, Delimiter, MaxUploads] of [
      ['', undefined, 1000],
      ['data/', '/', 37],
      ['logs/01', '/', 7],
      ['tmp/', 'deep/', 100],
    ] as const) {
      const got: string[] = [];
      let KeyMarker: string | undefined;
      let UploadIdMarker: string | undefined;
      for (;;) {
        const page = await s3.send(
          new ListMultipartUploadsCommand({ Bucket: B, Prefix, Delimiter, MaxUploads, KeyMarker, UploadIdMarker }),
        );
        const entries = [
          ...(page.Uploads ?? []).map((u) => ({ k: u.Key!, s: `${u.Key}#${u.UploadId}`, t: u.Initiated!.getTime() })),
          ...(page.CommonPrefixes ?? []).map((p) => ({ k: p.Prefix!, s: `prefix:${p.Prefix}`, t: 0 })),
        ];
        for (const e of page.Uploads ?? []) initiatedOrder.set(e.UploadId!, e.Initiated!.getTime());
        entries.sort((a, b) => Buffer.compare(Buffer.from(a.k), Buffer.from(b.k)) || a.t - b.t);
        got.push(...entries.map((e) => e.s));
        if (!page.IsTruncated) break;
        KeyMarker = page.NextKeyMarker;
        UploadIdMarker = page.NextUploadIdMarker;
      }
      const expected: string[] = [];
      const prefixes = new Set<string>();
      const matching = created.filter((u) => u.key.startsWith(Prefix));
      matching.sort(
        (a, b) =>
          Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) || (initiatedOrder.get(a.id) ?? 0) - (initiatedOrder.get(b.id) ?? 0),
      );
      for (const u of matching) {
        const at = Delimiter === undefined ? -1 : u.key.indexOf(Delimiter, Prefix.length);
        if (at < 0) expected.push(`${u.key}#${u.id}`);
        else {
          const p = u.key.slice(0, at + Delimiter!.length);
          if (!prefixes.has(p)) {
            prefixes.add(p);
            expected.push(`prefix:${p}`);
          }
        }
      }
      // Uploads of one key come in initiation order; compare as multisets per key plus overall key order.
      assert.deepEqual([...got].sort(), [...expected].sort(), `prefix=${Prefix} delimiter=${String(Delimiter)}`);
      assert.equal(got.length, new Set(got).size, 'no upload listed twice across pages');
    }
  });
});
