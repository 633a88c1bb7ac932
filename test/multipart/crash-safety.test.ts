import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { signRequest } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { s3Client, sdkError } from '../support/s3-client.js';

const KiB = 1024;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? files(path.join(dir, n)) : [path.join(dir, n)]));
}

function blobBytes(dataDir: string): number {
  return files(path.join(dataDir, 'blobs')).reduce((n, f) => n + statSync(f).size, 0);
}

describe('crash safety of multipart uploads', () => {
  const dirs: string[] = [];
  let server: CairnProcess | undefined;
  after(async () => {
    await server?.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps an upload active with its committed parts after SIGKILL during UploadPart, and no orphan bytes', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-mp-crash-'));
    dirs.push(dataDir);
    server = await startCairnProcess({ dataDir, args: ['--min-part-size', String(64 * KiB), '--inline-max-size', '0'] });
    let s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'crash', Key: 'k' }));
    const p1 = await s3.send(
      new UploadPartCommand({ Bucket: 'crash', Key: 'k', UploadId, PartNumber: 1, Body: Buffer.alloc(64 * KiB, 1) }),
    );
    const url = new URL(server.url);
    const query = `partNumber=2&uploadId=${UploadId!}`;
    const { headers } = signRequest({ method: 'PUT', path: '/crash/k', query, headers: { host: url.host } }, testCredentials, {
      region: 'us-east-1',
      service: 's3',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    const req = request({
      host: url.hostname,
      port: url.port,
      method: 'PUT',
      path: `/crash/k?${query}`,
      headers: { ...headers, 'content-length': String(64 * 1024 * 1024) },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(8 * 1024 * 1024, 2));
    const tmp = path.join(dataDir, 'tmp');
    for (let i = 0; i < 500 && !files(tmp).some((f) => statSync(f).size > 1024 * 1024); i++) await new Promise((r) => setTimeout(r, 20));
    await server.kill();
    s3.destroy();

    server = await startCairnProcess({ dataDir, args: ['--min-part-size', String(64 * KiB), '--inline-max-size', '0'] });
    s3 = s3Client(server);
    const parts = await s3.send(new ListPartsCommand({ Bucket: 'crash', Key: 'k', UploadId }));
    assert.deepEqual(
      parts.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size]),
      [[1, p1.ETag, 64 * KiB]],
    );
    assert.deepEqual(files(tmp), []);
    assert.equal(blobBytes(dataDir), 64 * KiB);
    const p2 = await s3.send(new UploadPartCommand({ Bucket: 'crash', Key: 'k', UploadId, PartNumber: 2, Body: 'end' }));
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'crash',
        Key: 'k',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'crash', Key: 'k' }));
    assert.equal((await got.Body!.transformToByteArray()).length, 64 * KiB + 3);
    s3.destroy();
    await server.stop();
  });

  it('leaves the upload either active or completed, never half, after SIGKILL during CompleteMultipartUpload', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-mp-crash-'));
      dirs.push(dataDir);
      server = await startCairnProcess({ dataDir, args: ['--min-part-size', '1', '--inline-max-size', '0'] });
      let s3 = s3Client(server);
      await s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'crash', Key: 'k' }));
      const parts = [];
      for (let i = 1; i <= 300; i++) {
        const r = await s3.send(new UploadPartCommand({ Bucket: 'crash', Key: 'k', UploadId, PartNumber: i, Body: `part-${i};` }));
        parts.push({ PartNumber: i, ETag: r.ETag });
      }
      const expected = parts.map((p) => `part-${p.PartNumber};`).join('');
      const completing = s3
        .send(new CompleteMultipartUploadCommand({ Bucket: 'crash', Key: 'k', UploadId, MultipartUpload: { Parts: parts } }))
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, round * 15));
      await server.kill();
      await completing;
      s3.destroy();

      server = await startCairnProcess({ dataDir, args: ['--min-part-size', '1', '--inline-max-size', '0'] });
      s3 = s3Client(server);
      const listed = await s3.send(new ListPartsCommand({ Bucket: 'crash', Key: 'k', UploadId })).catch(() => undefined);
      if (listed !== undefined) {
        // Still active: every part is there and no object exists.
        assert.equal(listed.Parts?.length, 300);
        assert.equal((await sdkError(s3.send(new GetObjectCommand({ Bucket: 'crash', Key: 'k' })))).name, 'NoSuchKey');
      } else {
        const got = await s3.send(new GetObjectCommand({ Bucket: 'crash', Key: 'k' }));
        assert.equal(await got.Body!.transformToString(), expected);
      }
      assert.equal(blobBytes(dataDir), Buffer.byteLength(expected), 'the disk holds exactly the parts, once');
      assert.deepEqual(files(path.join(dataDir, 'tmp')), []);
      s3.destroy();
      await server.stop();
    }
  });
});
