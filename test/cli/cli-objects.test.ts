import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client, sdkError } from '../support/s3-client.js';
import { startS3rver } from '../support/s3rver.js';
import { tempFile } from '../support/temp-file.js';
import { cairnBin, cairnCli, cairnEnv, freshHome, sha256 } from './cli-support.js';

const MiB = 1024 * 1024;
const BUCKET = 'objects';

describe('cairn object commands: cp remote<->remote, mv, rm, rb --force, cat, stat, resumable downloads', () => {
  let server: CairnProcess;
  let s3: S3Client;
  let home: string;
  let env: Record<string, string>;
  let big: ReturnType<typeof tempFile>;
  const cli = (...args: string[]) => cairnCli(args, env);

  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    home = freshHome();
    env = cairnEnv(server, home);
    big = tempFile(60 * MiB + 5, 3);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'small.txt', Body: 'hello, cairn\n', ContentType: 'text/plain' }));
  });

  after(async () => {
    await server.dispose();
    big.remove();
    rmSync(home, { recursive: true, force: true });
  });

  it('cat writes the bytes; stat shows size, ETag and type', async () => {
    const cat = await cli('cat', `s3://${BUCKET}/small.txt`);
    assert.equal(cat.code, 0, cat.stderr);
    assert.equal(cat.stdout, 'hello, cairn\n');
    const stat = await cli('stat', `s3://${BUCKET}/small.txt`);
    assert.match(stat.stdout, /Size: +13 B \(13 bytes\)/);
    assert.match(stat.stdout, /Content-Type: +text\/plain/);
    const json = JSON.parse((await cli('stat', `s3://${BUCKET}/small.txt`, '--json')).stdout) as { size: number; etag: string };
    assert.equal(json.size, 13);
    assert.match(json.etag, /^[0-9a-f]{32}$/);
    const missing = await cli('stat', `s3://${BUCKET}/nope`);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cairn: NoSuchKey: s3:\/\/objects\/nope does not exist/);
  });

  it('copies on the server within one endpoint, and streams between two (Cairn to s3rver and back)', async () => {
    const up = await cli('cp', big.path, `s3://${BUCKET}/big.bin`, '--part-size', '8MiB', '--quiet');
    assert.equal(up.code, 0, up.stderr);
    const copy = await cli('cp', `s3://${BUCKET}/big.bin`, `s3://${BUCKET}/copies/`);
    assert.equal(copy.code, 0, copy.stderr);
    assert.match(copy.stdout, /copy: s3:\/\/objects\/big\.bin to s3:\/\/objects\/copies\/big\.bin \(60\.0 MiB, copied by the server\)/);
    const ossCopy = await cli('cp', `oss://${BUCKET}/small.txt`, `oss://${BUCKET}/copies/small.txt`);
    assert.equal(ossCopy.code, 0, ossCopy.stderr);

    const other = await startS3rver();
    try {
      const otherEnv = { ...env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_ENDPOINT_URL: other.url };
      assert.equal((await cairnCli(['mb', 's3://elsewhere'], otherEnv)).code, 0);
      // Two endpoints: Cairn's OSS dialect (OSS_* settings) to s3rver (AWS_* settings), then back over S3.
      const ossEnv = {
        ...otherEnv,
        OSS_ENDPOINT: server.url,
        OSS_ACCESS_KEY_ID: env.AWS_ACCESS_KEY_ID!,
        OSS_ACCESS_KEY_SECRET: env.AWS_SECRET_ACCESS_KEY!,
      };
      const there = await cairnCli(['cp', `oss://${BUCKET}/big.bin`, 's3://elsewhere/big.bin', '--part-size', '8MiB'], ossEnv);
      assert.equal(there.code, 0, there.stderr);
      assert.match(there.stdout, /copy: oss:\/\/objects\/big\.bin to s3:\/\/elsewhere\/big\.bin \(60\.0 MiB, streamed, 8 parts\)/);
      const dest = path.join(home, 'from-s3rver.bin');
      assert.equal((await cairnCli(['cp', 's3://elsewhere/big.bin', dest], otherEnv)).code, 0);
      assert.equal(sha256(readFileSync(dest)), sha256(big.data));
    } finally {
      await other.stop();
    }
  });

  it('mv uploads then deletes the local file; mv between keys deletes the source', async () => {
    const local = path.join(home, 'move-me.txt');
    writeFileSync(local, 'moving');
    const up = await cli('mv', local, `s3://${BUCKET}/moved/`);
    assert.equal(up.code, 0, up.stderr);
    assert.equal(existsSync(local), false);
    const across = await cli('mv', `s3://${BUCKET}/moved/move-me.txt`, `s3://${BUCKET}/moved/again.txt`);
    assert.equal(across.code, 0, across.stderr);
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'moved/move-me.txt' })))).status, 404);
    assert.equal((await cli('cat', `s3://${BUCKET}/moved/again.txt`)).stdout, 'moving');
  });

  it('resumes an interrupted download, fetching only the ranges not yet written, and verifies the ETag', async () => {
    const dest = path.join(home, 'resumed.bin');
    const args = [cairnBin, 'cp', `s3://${BUCKET}/big.bin`, dest, '--part-size', '8MiB', '--concurrency', '1', '--json'];
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('"event":"range"') && child.exitCode === null) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 130, out);
    assert.ok(existsSync(`${dest}.cairn-download.json`), 'a checkpoint is left for the resume');
    assert.equal(existsSync(dest), false, 'nothing half-written under the final name');

    const again = await cli('cp', `s3://${BUCKET}/big.bin`, dest, '--part-size', '8MiB', '--json');
    assert.equal(again.code, 0, again.stderr);
    const events = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; rangesStored?: number; rangesReused?: number; verified?: string; ranges?: number });
    const resume = events.find((e) => e.event === 'resume');
    assert.ok((resume?.rangesStored ?? 0) >= 1, again.stdout);
    const done = events.find((e) => e.event === 'done')!;
    assert.equal(done.rangesReused, resume?.rangesStored);
    assert.equal(done.ranges, 8, 'the object’s own 8 MiB parts');
    assert.equal(done.verified, 'etag');
    assert.equal(sha256(readFileSync(dest)), sha256(big.data));
    assert.equal(existsSync(`${dest}.cairn-download.json`), false);

    const unchecked = await cli('cp', `s3://${BUCKET}/big.bin`, path.join(home, 'unchecked.bin'), '--no-verify', '--json');
    const last = JSON.parse(unchecked.stdout.trim().split('\n').at(-1) ?? '{}') as { verified?: string };
    assert.equal(last.verified, 'size', '--no-verify checks the size only');
    assert.equal(sha256(readFileSync(path.join(home, 'unchecked.bin'))), sha256(big.data));
  });

  it('rm deletes one object or a prefix; rb --force deletes the objects and aborts the uploads first, saying how many', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'doomed' }));
    for (const Key of ['a/1', 'a/2', 'b/3']) await s3.send(new PutObjectCommand({ Bucket: 'doomed', Key, Body: 'x'.repeat(10) }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'doomed', Key: 'a/pending' }));
    await s3.send(new UploadPartCommand({ Bucket: 'doomed', Key: 'a/pending', UploadId, PartNumber: 1, Body: Buffer.alloc(50) }));

    const one = await cli('rm', 's3://doomed/b/3');
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /deleted: s3:\/\/doomed\/b\/3 {2}10 B/);
    const prefix = await cli('rm', '--recursive', 's3://doomed/a/');
    assert.match(prefix.stdout, /Removed 2 object\(s\), freed 20 B \(20 bytes\)/);
    assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: 'doomed' }))).KeyCount, 0);

    await s3.send(new PutObjectCommand({ Bucket: 'doomed', Key: 'c', Body: 'keep' }));
    const notEmpty = await cli('rb', 's3://doomed');
    assert.equal(notEmpty.code, 1);
    assert.match(notEmpty.stderr, /BucketNotEmpty/);
    const forced = await cli('rb', '--force', 's3://doomed');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /Removed 1 object\(s\), 1 upload\(s\) \(1 part\(s\)\), 1 bucket\(s\), freed 54 B \(54 bytes\)/);
    assert.equal((await sdkError(s3.send(new ListMultipartUploadsCommand({ Bucket: 'doomed' })))).name, 'NoSuchBucket');
  });

  it('lifecycle set adds the abort rule beside the others, get shows it, rm removes them (S3 and OSS)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'rules' }));
    const set = await cli('lifecycle', 'set', 's3://rules', '--abort-incomplete-after', '7d', '--prefix', 'tmp/');
    assert.equal(set.code, 0, set.stderr);
    const logs = await cli('lifecycle', 'set', 'oss://rules', '--abort-incomplete-after', '2d', '--prefix', 'logs/', '--id', 'logs');
    assert.equal(logs.code, 0, logs.stderr);
    const rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'rules' }))).Rules ?? [];
    assert.deepEqual(
      rules.map((r) => [r.ID, r.Status, r.Filter?.Prefix ?? r.Prefix ?? '', r.AbortIncompleteMultipartUpload?.DaysAfterInitiation]),
      [
        ['abort-incomplete-uploads', 'Enabled', 'tmp/', 7],
        ['logs', 'Enabled', 'logs/', 2],
      ],
    );
    const replaced = await cli('lifecycle', 'set', 's3://rules', '--abort-incomplete-after', '3d', '--prefix', 'tmp/');
    assert.equal(replaced.code, 0, replaced.stderr);
    const get = await cli('lifecycle', 'get', 's3://rules');
    assert.match(get.stdout, /abort-incomplete-uploads +Enabled +tmp\/ +3d/);
    assert.match(get.stdout, /logs +Enabled +logs\/ +2d/);
    const json = JSON.parse((await cli('lifecycle', 'get', 'oss://rules', '--json')).stdout) as {
      rules: { id: string; abortIncompleteAfterDays: number }[];
    };
    assert.deepEqual(
      json.rules.map((r) => [r.id, r.abortIncompleteAfterDays]),
      [
        ['logs', 2],
        ['abort-incomplete-uploads', 3],
      ],
    );
    const rm = await cli('lifecycle', 'rm', 's3://rules');
    assert.match(rm.stdout, /Removed 2 lifecycle rule\(s\) of s3:\/\/rules/);
    assert.equal(
      (await sdkError(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'rules' })))).name,
      'NoSuchLifecycleConfiguration',
    );
    assert.match((await cli('lifecycle', 'get', 's3://rules')).stdout, /rules has no lifecycle rules/);
    const badDays = await cli('lifecycle', 'set', 's3://rules', '--abort-incomplete-after', '36h');
    assert.equal(badDays.code, 2);
  });
});
