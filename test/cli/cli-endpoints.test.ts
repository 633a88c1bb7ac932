import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';
import { startS3rver } from '../support/s3rver.js';
import { tempFile } from '../support/temp-file.js';
import { cairnCli, cairnEnv, freshHome, sha256 } from './cli-support.js';

const MiB = 1024 * 1024;

interface Target {
  readonly name: string;
  readonly scheme: 's3' | 'oss';
  readonly flags: readonly string[];
  /** Cairn's admin API answers (costs in parts ls). */
  readonly admin: boolean;
  /** The endpoint has ListMultipartUploads, ListParts and AbortMultipartUpload. */
  readonly listsUploads: boolean;
  env(): Record<string, string>;
  sdk(): S3Client;
}

describe('cairn cp, ls, parts ls and parts abort against Cairn S3, Cairn OSS (V4 and V1) and s3rver', () => {
  let cairn: CairnProcess;
  let s3rver: Awaited<ReturnType<typeof startS3rver>>;
  let home: string;
  let file: ReturnType<typeof tempFile>;
  const targets: Target[] = [];

  before(async () => {
    cairn = await startCairnProcess();
    s3rver = await startS3rver();
    home = freshHome();
    file = tempFile(12 * MiB + 17, 5);
    const ossEnv = () => ({
      ...cairnEnv(cairn, home),
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_ENDPOINT_URL: '',
      OSS_ENDPOINT: cairn.url,
      OSS_ACCESS_KEY_ID: testCredentials.accessKeyId,
      OSS_ACCESS_KEY_SECRET: testCredentials.secretAccessKey,
    });
    targets.push(
      {
        name: 'Cairn S3',
        scheme: 's3',
        flags: [],
        admin: true,
        listsUploads: true,
        env: () => cairnEnv(cairn, home),
        sdk: () => s3Client(cairn),
      },
      { name: 'Cairn OSS V4', scheme: 'oss', flags: [], admin: false, listsUploads: true, env: ossEnv, sdk: () => s3Client(cairn) },
      {
        name: 'Cairn OSS V1',
        scheme: 'oss',
        flags: ['--oss-v1'],
        admin: false,
        listsUploads: true,
        env: ossEnv,
        sdk: () => s3Client(cairn),
      },
      {
        name: 's3rver',
        scheme: 's3',
        flags: [],
        admin: false,
        listsUploads: false,
        env: () => ({
          ...cairnEnv(s3rver, home),
          AWS_ACCESS_KEY_ID: s3rver.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: s3rver.credentials.secretAccessKey,
        }),
        sdk: () => s3Client(s3rver, s3rver.credentials),
      },
    );
  });

  after(async () => {
    await cairn.dispose();
    await s3rver.stop();
    file.remove();
    rmSync(home, { recursive: true, force: true });
  });

  for (const [i, name] of ['Cairn S3', 'Cairn OSS V4', 'Cairn OSS V1', 's3rver'].entries()) {
    it(`works against ${name}`, async () => {
      const t = targets.find((x) => x.name === name)!;
      const bucket = `cli-target-${i}`;
      const cli = (...args: string[]) => cairnCli([...args, ...t.flags], t.env());
      const url = (key = '') => `${t.scheme}://${bucket}/${key}`;

      const mb = await cli('mb', url());
      assert.equal(mb.code, 0, mb.stderr);

      const up = await cli('cp', file.path, url('dir/data.bin'), '--part-size', '5MiB', '--concurrency', '2');
      assert.equal(up.code, 0, up.stderr);
      assert.match(
        up.stdout,
        new RegExp(`upload: .* to ${t.scheme}://${bucket}/dir/data\\.bin \\(12\\.0 MiB, 3 parts; (ETag|size) verified\\)`),
      );

      const ls = await cli('ls', url('dir/'));
      assert.equal(ls.code, 0, ls.stderr);
      assert.match(ls.stdout, /12\.0 MiB {2}dir\/data\.bin/);
      const top = await cli('ls', url());
      assert.match(top.stdout, /PRE {2}dir\//);
      const listed = JSON.parse((await cli('ls', '--recursive', '--json', url())).stdout) as { objects: { key: string; size: number }[] };
      assert.deepEqual(
        listed.objects.map((o) => [o.key, o.size]),
        [['dir/data.bin', 12 * MiB + 17]],
      );

      const dest = path.join(home, `down-${i}.bin`);
      const down = await cli('cp', url('dir/data.bin'), dest, '--part-size', '5MiB');
      assert.equal(down.code, 0, down.stderr);
      assert.equal(sha256(readFileSync(dest)), sha256(file.data));

      const sdk = t.sdk();
      const { UploadId } = await sdk.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'pending/object' }));
      await sdk.send(
        new UploadPartCommand({ Bucket: bucket, Key: 'pending/object', UploadId, PartNumber: 1, Body: Buffer.alloc(1234, 3) }),
      );

      const parts = await cli('parts', 'ls', url(), '--json');
      const human = await cli('parts', 'ls', url());
      const abort = await cli('parts', 'abort', url('pending/object'), '--upload-id', UploadId!);
      if (!t.listsUploads) {
        // s3rver implements neither ListMultipartUploads nor AbortMultipartUpload: the CLI says so, exit 1.
        assert.equal(parts.code, 1);
        assert.match(parts.stderr, /cairn: NotImplemented: /);
        assert.equal(abort.code, 1);
        assert.match(abort.stderr, /cairn: MethodNotAllowed: /);
        return;
      }
      assert.equal(parts.code, 0, parts.stderr);
      const listing = JSON.parse(parts.stdout) as {
        source: string;
        uploads: { bucket: string; key: string; uploadId: string; parts: number; bytes: number; costSoFar: number | null }[];
      };
      assert.equal(listing.source, t.admin ? 'admin' : 's3');
      assert.deepEqual(
        listing.uploads.map((u) => [u.bucket, u.key, u.uploadId, u.parts, u.bytes]),
        [[bucket, 'pending/object', UploadId, 1, 1234]],
      );
      if (t.admin) assert.ok((listing.uploads[0]?.costSoFar ?? 0) > 0, 'Cairn tells what the parts have cost so far');
      assert.match(human.stdout, /1 incomplete upload\(s\), 1 part\(s\), 1\.2 KiB/);

      assert.equal(abort.code, 0, abort.stderr);
      assert.match(abort.stdout, new RegExp(`aborted: ${t.scheme}://${bucket}/pending/object {2}upload ${UploadId} {2}1 part\\(s\\)`));
      assert.match(abort.stdout, /freed 1\.2 KiB \(1234 bytes\)/);
      const left = await sdk.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
      assert.equal(left.Uploads?.length ?? 0, 0);
    });
  }

  it("does the seed's ossutil task: cairn parts abort oss://bucket/object --upload-id ID", async () => {
    const t = targets.find((x) => x.name === 'Cairn OSS V4')!;
    const sdk = t.sdk();
    await cairnCli(['mb', 'oss://seed-task'], t.env());
    const { UploadId } = await sdk.send(new CreateMultipartUploadCommand({ Bucket: 'seed-task', Key: 'object' }));
    await sdk.send(new UploadPartCommand({ Bucket: 'seed-task', Key: 'object', UploadId, PartNumber: 1, Body: Buffer.alloc(10) }));
    const r = await cairnCli(['parts', 'abort', 'oss://seed-task/object', '--upload-id', UploadId!], t.env());
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await sdk.send(new ListMultipartUploadsCommand({ Bucket: 'seed-task' }))).Uploads?.length ?? 0, 0);
  });
});
