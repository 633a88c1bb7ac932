import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { callAdmin } from '../../src/cli/admin-client.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { runTool } from '../support/run-tool.js';
import { s3Client } from '../support/s3-client.js';

const cairnBin = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'cairn.js');

describe('incomplete uploads through the admin API and the cairn CLI', () => {
  let server: CairnProcess;
  let s3: S3Client;
  const cli = (...args: string[]) =>
    runTool(process.execPath, [cairnBin, ...args], {
      env: {
        AWS_ENDPOINT_URL: server.url,
        AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
      },
    });

  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'admin-uploads' }));
    for (const [Key, sizes] of [
      ['logs/a', [100, 200]],
      ['logs/b', [7]],
      ['data/c', []],
    ] as const) {
      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({ Bucket: 'admin-uploads', Key, StorageClass: Key === 'data/c' ? 'STANDARD_IA' : undefined }),
      );
      let n = 1;
      for (const size of sizes)
        await s3.send(new UploadPartCommand({ Bucket: 'admin-uploads', Key, UploadId, PartNumber: n++, Body: Buffer.alloc(size) }));
    }
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('lists uploads with part counts, bytes and storage class, searchable by prefix and paged on the server', async () => {
    const page1 = JSON.parse((await cli('uploads', 'list', 'admin-uploads', '--json')).stdout) as {
      totals: { uploads: number; parts: number; bytes: number };
      uploads: { key: string; partCount: number; bytes: number; storageClass: string; initiated: string }[];
    };
    assert.deepEqual(page1.totals, { uploads: 3, parts: 3, bytes: 307 });
    assert.deepEqual(
      page1.uploads.map((u) => [u.key, u.partCount, u.bytes, u.storageClass]),
      [
        ['data/c', 0, 0, 'infrequent-access'],
        ['logs/a', 2, 300, 'standard'],
        ['logs/b', 1, 7, 'standard'],
      ],
    );
    const logs = JSON.parse((await cli('uploads', 'list', 'admin-uploads', '--prefix', 'logs/', '--json')).stdout) as {
      uploads: { key: string }[];
    };
    assert.deepEqual(
      logs.uploads.map((u) => u.key),
      ['logs/a', 'logs/b'],
    );
    const human = (await cli('uploads', 'list', 'admin-uploads')).stdout;
    assert.match(human, /logs\/a\s+\S+\s+\S+\s+2\s+300 B\s+standard/);
    assert.match(human, /3 incomplete upload\(s\), 3 part\(s\), 307 B in admin-uploads/);

    const options = { endpoint: server.url, ...testCredentials, region: 'us-east-1', json: true };
    const keys: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = (await callAdmin(options, 'GET', 'buckets/admin-uploads/uploads', { limit: '1', pageToken })) as {
        uploads: { key: string }[];
        nextPageToken?: string;
      };
      assert.equal(page.uploads.length, 1);
      keys.push(...page.uploads.map((u) => u.key));
      pageToken = page.nextPageToken;
    } while (pageToken !== undefined);
    assert.deepEqual(keys, ['data/c', 'logs/a', 'logs/b']);

    const res = await fetch(`${server.url}/_cairn/admin/v1/buckets/admin-uploads/uploads?limit=1`);
    assert.equal(res.status, 403, 'the admin API needs a signed request');
  });

  it('aborts uploads by prefix and frees their parts', async () => {
    const aborted = JSON.parse((await cli('uploads', 'abort', 'admin-uploads', '--all', '--prefix', 'logs/', '--json')).stdout) as {
      aborted: number;
      parts: number;
      bytes: number;
    };
    assert.deepEqual(aborted, { aborted: 2, parts: 3, bytes: 307 });
    const left = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'admin-uploads' }));
    assert.deepEqual(
      left.Uploads?.map((u) => u.Key),
      ['data/c'],
    );
  });
});
