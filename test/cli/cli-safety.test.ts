import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';
import { cairnCli, cairnEnv, freshHome, snapshot } from './cli-support.js';

const BUCKET = 'safety';
const EMPTYISH = 'safety-two';

describe('cairn CLI safety: dry runs change nothing, a wrong flag does nothing', () => {
  let server: CairnProcess;
  let s3: S3Client;
  let env: Record<string, string>;
  let home: string;
  let localFile: string;
  const uploadIds: Record<string, string> = {};
  const cli = (...args: string[]) => cairnCli(args, env);

  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    home = freshHome();
    env = cairnEnv(server, home);
    localFile = path.join(home, 'local.bin');
    writeFileSync(localFile, Buffer.alloc(4096, 7));
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await s3.send(new CreateBucketCommand({ Bucket: EMPTYISH }));
    for (const [Key, size] of [
      ['logs/a', 1000],
      ['logs/b', 2000],
      ['data/c', 3000],
    ] as const) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: Buffer.alloc(size, 1) }));
    }
    for (const [Key, sizes] of [
      ['logs/u1', [100, 200]],
      ['data/u2', [300]],
    ] as const) {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
      uploadIds[Key] = UploadId!;
      let n = 1;
      for (const size of sizes) {
        await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: n++, Body: Buffer.alloc(size, 2) }));
      }
    }
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: BUCKET,
        LifecycleConfiguration: {
          Rules: [
            { ID: 'keep', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 9 } },
          ],
        },
      }),
    );
  });

  after(async () => {
    await server.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  it('previews every destructive command with --dry-run: exactly what would go and the bytes freed, nothing changed', async () => {
    const before = await snapshot(s3, server.dataDir);
    const cases: { args: string[]; removed: [string, number][] }[] = [
      { args: ['rm', `s3://${BUCKET}/logs/a`], removed: [[`s3://${BUCKET}/logs/a`, 1000]] },
      {
        args: ['rm', '--recursive', `s3://${BUCKET}/logs/`],
        removed: [
          [`s3://${BUCKET}/logs/a`, 1000],
          [`s3://${BUCKET}/logs/b`, 2000],
        ],
      },
      {
        args: ['rm', '--recursive', `s3://${BUCKET}`],
        removed: [
          [`s3://${BUCKET}/data/c`, 3000],
          [`s3://${BUCKET}/logs/a`, 1000],
          [`s3://${BUCKET}/logs/b`, 2000],
        ],
      },
      {
        args: ['rm', '--recursive', `oss://${BUCKET}/logs/`],
        removed: [
          [`oss://${BUCKET}/logs/a`, 1000],
          [`oss://${BUCKET}/logs/b`, 2000],
        ],
      },
      {
        args: ['rb', '--force', `s3://${BUCKET}`],
        removed: [
          [`s3://${BUCKET}/data/c`, 3000],
          [`s3://${BUCKET}/logs/a`, 1000],
          [`s3://${BUCKET}/logs/b`, 2000],
          [`s3://${BUCKET}/data/u2`, 300],
          [`s3://${BUCKET}/logs/u1`, 300],
          [`s3://${BUCKET}`, 0],
        ],
      },
      { args: ['rb', `s3://${EMPTYISH}`], removed: [[`s3://${EMPTYISH}`, 0]] },
      { args: ['parts', 'abort', `s3://${BUCKET}/logs/u1`, '--upload-id', 'UPLOAD:logs/u1'], removed: [[`s3://${BUCKET}/logs/u1`, 300]] },
      {
        args: ['parts', 'abort', `s3://${BUCKET}`, '--all'],
        removed: [
          [`s3://${BUCKET}/data/u2`, 300],
          [`s3://${BUCKET}/logs/u1`, 300],
        ],
      },
      {
        args: ['parts', 'abort', `oss://${BUCKET}/logs/`, '--all'],
        removed: [[`oss://${BUCKET}/logs/u1`, 300]],
      },
      {
        args: ['parts', 'clean', '--older-than', '0s'],
        removed: [
          [`s3://${BUCKET}/data/u2`, 300],
          [`s3://${BUCKET}/logs/u1`, 300],
        ],
      },
      {
        args: ['parts', 'clean', `s3://${BUCKET}`, '--older-than', '0s', '--s3-api'],
        removed: [
          [`s3://${BUCKET}/data/u2`, 300],
          [`s3://${BUCKET}/logs/u1`, 300],
        ],
      },
      {
        args: ['uploads', 'abort', BUCKET, '--all'],
        removed: [
          [`s3://${BUCKET}/data/u2`, 300],
          [`s3://${BUCKET}/logs/u1`, 300],
        ],
      },
    ];
    for (const c of cases) {
      const args = c.args.map((a) => a.replace(/^UPLOAD:(.*)$/, (_, k: string) => uploadIds[k] ?? ''));
      const human = await cli(...args, '--dry-run');
      assert.equal(human.code, 0, `${args.join(' ')}: ${human.stderr}`);
      const total = c.removed.reduce((n, [, b]) => n + b, 0);
      for (const [url] of c.removed)
        assert.ok(human.stdout.includes(`would`) && human.stdout.includes(url), `${args.join(' ')} names ${url}:\n${human.stdout}`);
      assert.match(human.stdout, new RegExp(`Dry run: would remove .*\\(${total} bytes\\)\\. Nothing was changed\\.`), human.stdout);
      const json = await cli(...args, '--dry-run', '--json');
      assert.equal(json.code, 0, json.stderr);
      const r = JSON.parse(json.stdout) as { dryRun: boolean; removed: { url: string; bytes: number }[]; totals: { bytes: number } };
      assert.equal(r.dryRun, true);
      assert.deepEqual(
        r.removed.map((x) => [x.url, x.bytes]),
        c.removed,
        args.join(' '),
      );
      assert.equal(r.totals.bytes, total);
      assert.equal(await snapshot(s3, server.dataDir), before, `${args.join(' ')} --dry-run changed something`);
    }
    const lifecycle = await cli('lifecycle', 'rm', `s3://${BUCKET}`, '--dry-run');
    assert.equal(lifecycle.code, 0, lifecycle.stderr);
    assert.match(lifecycle.stdout, /\(dry run\) would remove 1 lifecycle rule\(s\) of s3:\/\/safety: keep/);
    const set = await cli('lifecycle', 'set', `s3://${BUCKET}`, '--abort-incomplete-after', '7d', '--dry-run', '--json');
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(
      (JSON.parse(set.stdout) as { rules: { id: string }[] }).rules.map((r) => r.id),
      ['keep', 'abort-incomplete-uploads'],
    );
    assert.equal(await snapshot(s3, server.dataDir), before, 'lifecycle rm/set --dry-run changed something');
  });

  it('refuses an unknown flag, a missing value or a stray argument on every command: usage, exit 2, nothing done', async () => {
    const before = await snapshot(s3, server.dataDir);
    const u1 = uploadIds['logs/u1'] ?? '';
    const invocations: string[][] = [
      ['serve', '--port', '0'],
      ['ls', `s3://${BUCKET}`],
      ['cp', localFile, `s3://${BUCKET}/new`],
      ['cp', `s3://${BUCKET}/logs/a`, path.join(home, 'down')],
      ['mv', `s3://${BUCKET}/logs/a`, `s3://${BUCKET}/moved`],
      ['rm', `s3://${BUCKET}/logs/a`],
      ['rm', '--recursive', `s3://${BUCKET}/logs/`],
      ['cat', `s3://${BUCKET}/logs/a`],
      ['stat', `s3://${BUCKET}/logs/a`],
      ['mb', 's3://brand-new-bucket'],
      ['rb', `s3://${EMPTYISH}`],
      ['rb', '--force', `s3://${BUCKET}`],
      ['parts', 'ls', `s3://${BUCKET}`],
      ['parts', 'show', `s3://${BUCKET}/logs/u1`, '--upload-id', u1],
      ['parts', 'abort', `s3://${BUCKET}/logs/u1`, '--upload-id', u1],
      ['parts', 'abort', `s3://${BUCKET}`, '--all', '--yes'],
      ['parts', 'clean', '--older-than', '0s'],
      ['lifecycle', 'get', `s3://${BUCKET}`],
      ['lifecycle', 'set', `s3://${BUCKET}`, '--abort-incomplete-after', '1d'],
      ['lifecycle', 'rm', `s3://${BUCKET}`],
      ['lifecycle', 'run'],
      ['lifecycle', 'passes'],
      ['uploads', 'list', BUCKET],
      ['uploads', 'abort', BUCKET, '--all', '--yes'],
      ['usage'],
      ['admin', 'accounts', 'create', 'newaccount'],
      ['admin', 'accounts', 'list'],
    ];
    for (const args of invocations) {
      const r = await cli(...args, '--bogus');
      assert.equal(r.code, 2, `${args.join(' ')} --bogus exited ${String(r.code)}: ${r.stderr}`);
      assert.match(r.stderr, /Unknown option '--bogus'/, args.join(' '));
      assert.match(r.stderr, /usage: cairn/, `${args.join(' ')} prints its usage`);
      assert.equal(r.stdout, '', `${args.join(' ')} printed nothing on standard output`);
      assert.equal(await snapshot(s3, server.dataDir), before, `${args.join(' ')} --bogus changed something`);
    }
    // The example: a typo in a flag used to abort every upload of the bucket.
    const typo = await cli('uploads', 'abort', BUCKET, '--all', '--dry-run', '--prefx', 'logs/');
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /Unknown option '--prefx'/);
    const missing = await cli('parts', 'clean', '--older-than');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /argument missing/);
    const stray = await cli('rm', `s3://${BUCKET}/logs/a`, `s3://${BUCKET}/logs/b`);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /unexpected argument 's3:\/\/safety\/logs\/b'/);
    const badAge = await cli('parts', 'clean', '--older-than', 'soon');
    assert.equal(badAge.code, 2);
    assert.equal(await snapshot(s3, server.dataDir), before);
  });

  it('asks before --all without a prefix or age: needs --yes when standard input is not a terminal', async () => {
    const before = await snapshot(s3, server.dataDir);
    for (const args of [
      ['parts', 'abort', `s3://${BUCKET}`, '--all'],
      ['uploads', 'abort', BUCKET, '--all'],
      ['rm', '--recursive', `s3://${BUCKET}`],
    ]) {
      const r = await cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /pass --yes to confirm/);
      assert.equal(await snapshot(s3, server.dataDir), before, `${args.join(' ')} without --yes changed something`);
    }
    // What the dry run promised is what the real run does.
    const preview = JSON.parse((await cli('parts', 'abort', `s3://${BUCKET}`, '--all', '--dry-run', '--json')).stdout) as {
      removed: unknown[];
    };
    const done = await cli('parts', 'abort', `s3://${BUCKET}`, '--all', '--yes', '--json');
    assert.equal(done.code, 0, done.stderr);
    const r = JSON.parse(done.stdout) as { dryRun: boolean; removed: unknown[]; totals: { uploads: number; parts: number; bytes: number } };
    assert.equal(r.dryRun, false);
    assert.deepEqual(r.removed, preview.removed);
    assert.deepEqual([r.totals.uploads, r.totals.parts, r.totals.bytes], [2, 3, 600]);
    const left = await s3.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    assert.equal(left.Uploads?.length ?? 0, 0);
  });
});
