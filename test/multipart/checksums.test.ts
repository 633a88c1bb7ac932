import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
// The SDK's own CRC implementations (what ChecksumAlgorithm uses), as the independent oracle.
import { Crc32, Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client, sdkError } from '../support/s3-client.js';

const KiB = 1024;
const Bucket = 'checksums';

type Algorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

/** Raw digest of some bytes, computed without Cairn: node:crypto for SHA, the SDK's classes for CRCs. */
async function digest(algorithm: Algorithm, data: Uint8Array): Promise<Buffer> {
  if (algorithm === 'SHA1' || algorithm === 'SHA256') return createHash(algorithm.toLowerCase()).update(data).digest();
  const h = algorithm === 'CRC32' ? new Crc32() : algorithm === 'CRC32C' ? new Crc32c() : new Crc64Nvme();
  h.update(data);
  return Buffer.from(await h.digest());
}

const b64 = (b: Buffer) => b.toString('base64');

/** What S3 documents as the object's checksum: COMPOSITE is a checksum of the part checksums with -N, FULL_OBJECT the bytes'. */
async function expectedObjectChecksum(algorithm: Algorithm, type: 'COMPOSITE' | 'FULL_OBJECT', parts: readonly Buffer[]): Promise<string> {
  if (type === 'FULL_OBJECT') return b64(await digest(algorithm, Buffer.concat(parts)));
  const partDigests = await Promise.all(parts.map((p) => digest(algorithm, p)));
  return `${b64(await digest(algorithm, Buffer.concat(partDigests)))}-${parts.length}`;
}

describe('multipart checksums with the SDK’s own checksum options, every algorithm and both types', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess({ args: ['--min-part-size', String(64 * KiB)] });
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  const cases: [Algorithm, 'COMPOSITE' | 'FULL_OBJECT'][] = [
    ['CRC32', 'COMPOSITE'],
    ['CRC32C', 'COMPOSITE'],
    ['SHA1', 'COMPOSITE'],
    ['SHA256', 'COMPOSITE'],
    ['CRC32', 'FULL_OBJECT'],
    ['CRC32C', 'FULL_OBJECT'],
    ['CRC64NVME', 'FULL_OBJECT'],
  ];
  for (const [algorithm, type] of cases) {
    it(`completes a ${type} ${algorithm} upload with per-part checksums and serves every part with its checksum`, async () => {
      const Key = `${algorithm}-${type}`;
      const field: `Checksum${Algorithm}` = `Checksum${algorithm}`;
      const bodies = [Buffer.alloc(64 * KiB, 'A'), Buffer.alloc(64 * KiB, 'B'), Buffer.alloc(10 * KiB, 'C')];
      const created = await s3.send(
        new CreateMultipartUploadCommand({
          Bucket,
          Key,
          ChecksumAlgorithm: algorithm,
          ChecksumType: type,
        }),
      );
      assert.equal(created.ChecksumAlgorithm, algorithm);
      assert.equal(created.ChecksumType, type);
      const Parts = [];
      for (const [i, Body] of bodies.entries()) {
        const part = await s3.send(
          new UploadPartCommand({
            Bucket,
            Key,
            UploadId: created.UploadId,
            PartNumber: i + 1,
            Body,
            ChecksumAlgorithm: algorithm,
          }),
        );
        assert.equal(part[field], b64(await digest(algorithm, Body)), `part ${i + 1}`);
        Parts.push({ PartNumber: i + 1, ETag: part.ETag!, [field]: part[field] });
      }
      const expected = await expectedObjectChecksum(algorithm, type, bodies);
      const input = { Bucket, Key, UploadId: created.UploadId, MultipartUpload: { Parts }, [field]: expected };
      const done = await s3.send(new CompleteMultipartUploadCommand(input));
      assert.equal(done[field], expected);
      assert.equal(done.ChecksumType, type);
      const again = await s3.send(new CompleteMultipartUploadCommand(input));
      assert.deepEqual([again.ETag, again[field]], [done.ETag, done[field]]);

      const plain = await s3.send(new HeadObjectCommand({ Bucket, Key }));
      assert.equal(plain[field], undefined);
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
      assert.deepEqual([head[field], head.ChecksumType], [expected, type]);
      for (const [i, body] of bodies.entries()) {
        const got = await s3.send(new GetObjectCommand({ Bucket, Key, PartNumber: i + 1, ChecksumMode: 'ENABLED' }));
        assert.deepEqual([got[field], got.ChecksumType, got.PartsCount], [b64(await digest(algorithm, body)), type, 3]);
        assert.ok((await bodyBytes(got.Body)).equals(body), `part ${i + 1} bytes`);
      }
      // The SDK checks a full-object checksum against the bytes it downloads.
      const whole = await s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
      assert.ok((await bodyBytes(whole.Body)).equals(Buffer.concat(bodies)));
    });
  }

  it('completes without per-part checksums in the part list, using the ones recorded at upload', async () => {
    const Key = 'unlisted';
    const bodies = [Buffer.alloc(64 * KiB, 'x'), Buffer.alloc(100, 'y')];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'SHA256' }));
    const Parts = [];
    for (const [i, Body] of bodies.entries()) {
      const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'SHA256' }));
      Parts.push({ PartNumber: i + 1, ETag: part.ETag! });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    assert.equal(done.ChecksumSHA256, await expectedObjectChecksum('SHA256', 'COMPOSITE', bodies));
  });

  it('refuses a wrong or malformed checksum with BadDigest, on PutObject and on the completion, and keeps nothing', async () => {
    for (const value of ['bad', b64(createHash('sha256').update('other').digest())]) {
      const put = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'bad-put', Body: 'data', ChecksumSHA256: value })));
      assert.deepEqual([put.status, put.name], [400, 'BadDigest'], value);
      const crc = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'bad-put', Body: 'data', ChecksumCRC64NVME: value })));
      assert.deepEqual([crc.status, crc.name], [400, 'BadDigest'], value);
    }
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'bad-put' })))).status, 404);

    const Key = 'bad-complete';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'SHA256' }));
    const part = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'only', ChecksumAlgorithm: 'SHA256' }));
    for (const [ChecksumSHA256, listed] of [
      ['bad', true],
      ['bad', false],
      [`${b64(createHash('sha256').update('other').digest())}-1`, true],
    ] as const) {
      const e = await sdkError(
        s3.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key,
            UploadId,
            ChecksumSHA256,
            MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag!, ...(listed ? { ChecksumSHA256: part.ChecksumSHA256! } : {}) }] },
          }),
        ),
      );
      assert.deepEqual([e.status, e.name], [400, 'BadDigest'], ChecksumSHA256);
    }
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        ChecksumSHA256: await expectedObjectChecksum('SHA256', 'COMPOSITE', [Buffer.from('only')]),
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag!, ChecksumSHA256: part.ChecksumSHA256! }] },
      }),
    );
    assert.equal(done.ChecksumType, 'COMPOSITE');
  });

  it('refuses the combinations S3 does not offer: COMPOSITE CRC64NVME and FULL_OBJECT SHA', async () => {
    for (const [algorithm, type] of [
      ['CRC64NVME', 'COMPOSITE'],
      ['SHA1', 'FULL_OBJECT'],
      ['SHA256', 'FULL_OBJECT'],
    ] as const) {
      const e = await sdkError(
        s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'no', ChecksumAlgorithm: algorithm, ChecksumType: type })),
      );
      assert.deepEqual([e.status, e.name], [400, 'InvalidRequest'], `${type} ${algorithm}`);
    }
  });
});
