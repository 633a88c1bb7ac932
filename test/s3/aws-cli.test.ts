import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { aws, awsEnv, runTool } from '../support/run-tool.js';

describe('the aws CLI (Debian awscli) against Cairn', () => {
  let server: CairnProcess;
  let dir: string;
  before(async () => {
    server = await startCairnProcess();
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-awscli-'));
  });
  after(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a bucket, copies a file up and down, lists, removes and removes the bucket', async () => {
    const file = path.join(dir, 'hello.txt');
    writeFileSync(file, 'hello from the aws cli\n');
    assert.match(await aws(server, ['s3', 'mb', 's3://cli-bucket']), /make_bucket: cli-bucket/);
    assert.match(
      await aws(server, ['s3', 'cp', file, 's3://cli-bucket/dir/hello.txt']),
      /upload: .*hello.txt to s3:\/\/cli-bucket\/dir\/hello.txt/,
    );
    const listing = await aws(server, ['s3', 'ls', 's3://cli-bucket/dir/']);
    assert.match(listing, /\s23 hello\.txt/);
    const back = path.join(dir, 'back.txt');
    await aws(server, ['s3', 'cp', 's3://cli-bucket/dir/hello.txt', back]);
    assert.equal(readFileSync(back, 'utf8'), 'hello from the aws cli\n');
    assert.match(await aws(server, ['s3', 'ls']), /cli-bucket/);
    assert.match(await aws(server, ['s3', 'rm', 's3://cli-bucket/dir/hello.txt']), /delete: s3:\/\/cli-bucket\/dir\/hello.txt/);
    assert.match(await aws(server, ['s3', 'rb', 's3://cli-bucket']), /remove_bucket: cli-bucket/);
    const gone = await runTool('aws', ['s3', 'ls', 's3://cli-bucket', '--endpoint-url', server.url], { env: awsEnv(server) });
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /NoSuchBucket/);
  });
});
