import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { aws } from '../support/run-tool.js';

const MiB = 1024 * 1024;
const md5 = (b: Buffer) => createHash('md5').update(b).digest();

describe('the aws CLI multipart paths', () => {
  let server: CairnProcess;
  let dir: string;
  let env: Record<string, string>;
  before(async () => {
    server = await startCairnProcess();
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-awscli-mp-'));
    const config = path.join(dir, 'config');
    writeFileSync(config, '[default]\ns3 =\n  multipart_threshold = 5MB\n  multipart_chunksize = 5MB\n');
    env = { AWS_CONFIG_FILE: config };
    await aws(server, ['s3', 'mb', 's3://cli-multipart'], env);
  });
  after(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a file above the multipart threshold up and down unchanged', async () => {
    const data = Buffer.alloc(17 * MiB);
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
    const file = path.join(dir, 'big.bin');
    writeFileSync(file, data);
    await aws(server, ['s3', 'cp', file, 's3://cli-multipart/big.bin', '--only-show-errors'], env);
    const head = JSON.parse(await aws(server, ['s3api', 'head-object', '--bucket', 'cli-multipart', '--key', 'big.bin'], env)) as {
      ETag: string;
      ContentLength: number;
    };
    assert.equal(head.ContentLength, data.length);
    const parts = [0, 1, 2, 3].map((i) => data.subarray(i * 5 * MiB, Math.min(data.length, (i + 1) * 5 * MiB)));
    assert.equal(
      head.ETag,
      `"${createHash('md5')
        .update(Buffer.concat(parts.map(md5)))
        .digest('hex')}-4"`,
    );
    const back = path.join(dir, 'back.bin');
    await aws(server, ['s3', 'cp', 's3://cli-multipart/big.bin', back, '--only-show-errors'], env);
    assert.ok(readFileSync(back).equals(data));
  });

  it('runs create-multipart-upload, upload-part, list-parts, list-multipart-uploads, complete and abort', async () => {
    const p1 = Buffer.alloc(5 * MiB, 'a');
    const p2 = Buffer.from('the last part may be small');
    writeFileSync(path.join(dir, 'p1'), p1);
    writeFileSync(path.join(dir, 'p2'), p2);
    const s3api = async (...args: string[]) => JSON.parse((await aws(server, ['s3api', ...args], env)) || '{}') as Record<string, unknown>;
    const created = (await s3api(
      'create-multipart-upload',
      '--bucket',
      'cli-multipart',
      '--key',
      'manual.bin',
      '--metadata',
      'origin=cli',
    )) as { UploadId: string };
    const u1 = (await s3api(
      'upload-part',
      '--bucket',
      'cli-multipart',
      '--key',
      'manual.bin',
      '--upload-id',
      created.UploadId,
      '--part-number',
      '1',
      '--body',
      path.join(dir, 'p1'),
    )) as { ETag: string };
    const u2 = (await s3api(
      'upload-part',
      '--bucket',
      'cli-multipart',
      '--key',
      'manual.bin',
      '--upload-id',
      created.UploadId,
      '--part-number',
      '2',
      '--body',
      path.join(dir, 'p2'),
    )) as { ETag: string };
    const listed = (await s3api('list-parts', '--bucket', 'cli-multipart', '--key', 'manual.bin', '--upload-id', created.UploadId)) as {
      Parts: { PartNumber: number; ETag: string; Size: number }[];
      StorageClass: string;
    };
    assert.deepEqual(
      listed.Parts.map((p) => [p.PartNumber, p.ETag, p.Size]),
      [
        [1, u1.ETag, p1.length],
        [2, u2.ETag, p2.length],
      ],
    );
    assert.equal(listed.StorageClass, 'STANDARD');
    const other = (await s3api('create-multipart-upload', '--bucket', 'cli-multipart', '--key', 'abandoned.bin')) as { UploadId: string };
    const uploads = (await s3api('list-multipart-uploads', '--bucket', 'cli-multipart')) as {
      Uploads: { Key: string; UploadId: string; Initiated: string }[];
    };
    assert.deepEqual(
      uploads.Uploads.map((u) => [u.Key, u.UploadId]),
      [
        ['abandoned.bin', other.UploadId],
        ['manual.bin', created.UploadId],
      ],
    );
    assert.ok(Math.abs(Date.parse(uploads.Uploads[0]!.Initiated) - Date.now()) < 60_000);
    const partsJson = path.join(dir, 'parts.json');
    writeFileSync(
      partsJson,
      JSON.stringify({
        Parts: [
          { PartNumber: 1, ETag: u1.ETag },
          { PartNumber: 2, ETag: u2.ETag },
        ],
      }),
    );
    const completed = (await s3api(
      'complete-multipart-upload',
      '--bucket',
      'cli-multipart',
      '--key',
      'manual.bin',
      '--upload-id',
      created.UploadId,
      '--multipart-upload',
      `file://${partsJson}`,
    )) as { ETag: string; Key: string; Location: string };
    assert.equal(completed.Key, 'manual.bin');
    assert.match(completed.ETag, /-2"$/);
    assert.match(completed.Location, /\/cli-multipart\/manual\.bin$/);
    await aws(
      server,
      ['s3api', 'abort-multipart-upload', '--bucket', 'cli-multipart', '--key', 'abandoned.bin', '--upload-id', other.UploadId],
      env,
    );
    const after = (await s3api('list-multipart-uploads', '--bucket', 'cli-multipart')) as { Uploads?: unknown[] };
    assert.equal(after.Uploads, undefined);
    const head = (await s3api('head-object', '--bucket', 'cli-multipart', '--key', 'manual.bin')) as {
      ContentLength: number;
      Metadata: Record<string, string>;
    };
    assert.equal(head.ContentLength, p1.length + p2.length);
    assert.deepEqual(head.Metadata, { origin: 'cli' });
  });
});
