import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectAttributesCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';

describe('GetObjectAttributes over an object of 10,000 parts', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess({ args: ['--min-part-size', '1'] });
    s3 = s3Client(server);
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('pages every part with PartNumberMarker and MaxParts, each with its size and checksum', async () => {
    const Bucket = 'ten-thousand';
    const Key = 'parts';
    await s3.send(new CreateBucketCommand({ Bucket }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'CRC32C' }));
    const total = 10_000;
    const parts: { PartNumber: number; ETag: string | undefined; ChecksumCRC32C: string | undefined }[] = [];
    let next = 1;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next <= total) {
          const PartNumber = next++;
          const Body = Buffer.alloc(1 + (PartNumber % 7), PartNumber % 251);
          const p = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body, ChecksumAlgorithm: 'CRC32C' }));
          parts[PartNumber - 1] = { PartNumber, ETag: p.ETag, ChecksumCRC32C: p.ChecksumCRC32C };
        }
      }),
    );
    await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    const seen: [number, number, string | undefined][] = [];
    let marker: string | undefined;
    let pages = 0;
    for (;;) {
      const r = await s3.send(
        new GetObjectAttributesCommand({
          Bucket,
          Key,
          ObjectAttributes: ['ObjectParts', 'ObjectSize'],
          MaxParts: 1000,
          PartNumberMarker: marker,
        }),
      );
      pages++;
      assert.equal(r.ObjectParts?.TotalPartsCount, total);
      for (const p of r.ObjectParts?.Parts ?? []) seen.push([p.PartNumber!, p.Size!, p.ChecksumCRC32C]);
      if (r.ObjectParts?.IsTruncated !== true) break;
      marker = r.ObjectParts.NextPartNumberMarker;
    }
    assert.equal(pages, 10);
    assert.equal(seen.length, total);
    seen.forEach(([n, size, crc], i) => {
      assert.equal(n, i + 1);
      assert.equal(size, 1 + (n % 7));
      assert.equal(crc, parts[i]!.ChecksumCRC32C);
    });
  });
});
