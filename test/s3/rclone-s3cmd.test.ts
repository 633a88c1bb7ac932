import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { runTool } from '../support/run-tool.js';

const MiB = 1024 * 1024;

function pattern(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) b.writeUInt32LE((i * 2246822519) >>> 0, i);
  return b;
}

describe('rclone and s3cmd (Debian packages) against Cairn', () => {
  let server: CairnProcess;
  let dir: string;
  before(async () => {
    server = await startCairnProcess();
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-tools-'));
  });
  after(async () => {
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rclone makes a bucket, uploads small and multipart files, checks, reads and removes them', async () => {
    const env = {
      RCLONE_CONFIG_CAIRN_TYPE: 's3',
      RCLONE_CONFIG_CAIRN_PROVIDER: 'Other',
      RCLONE_CONFIG_CAIRN_ACCESS_KEY_ID: testCredentials.accessKeyId,
      RCLONE_CONFIG_CAIRN_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
      RCLONE_CONFIG_CAIRN_ENDPOINT: server.url,
      RCLONE_CONFIG_CAIRN_REGION: 'us-east-1',
      RCLONE_CONFIG: path.join(dir, 'rclone.conf'),
      // rclone's AWS SDK refuses a custom CA bundle on its transport; plain http needs none.
      AWS_CA_BUNDLE: '',
    };
    const rclone = async (...args: string[]) => {
      const r = await runTool(
        'rclone',
        [...args, '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M', '--retries', '1', '--low-level-retries', '1'],
        { env },
      );
      assert.equal(r.code, 0, `rclone ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
      return r.stdout;
    };
    const src = path.join(dir, 'rclone-src');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(src);
    writeFileSync(path.join(src, 'small.txt'), 'small file\n');
    writeFileSync(path.join(src, 'big.bin'), pattern(12 * MiB));
    await rclone('mkdir', 'cairn:rclone-bucket');
    await rclone('copy', src, 'cairn:rclone-bucket/dir');
    const listing = await rclone('ls', 'cairn:rclone-bucket');
    assert.match(listing, /12582912 dir\/big\.bin/);
    assert.match(listing, /11 dir\/small\.txt/);
    await rclone('check', src, 'cairn:rclone-bucket/dir');
    assert.equal(await rclone('cat', 'cairn:rclone-bucket/dir/small.txt'), 'small file\n');
    await rclone('purge', 'cairn:rclone-bucket');
    const gone = await runTool('rclone', ['lsd', 'cairn:'], { env });
    assert.doesNotMatch(gone.stdout, /rclone-bucket/);
  });

  for (const signature of ['v4', 'v2'] as const) {
    it(`s3cmd (signature ${signature}) makes a bucket, puts a multipart file, lists, gets and removes it`, async () => {
      const host = new URL(server.url).host;
      const s3cmd = async (...args: string[]) => {
        const r = await runTool('s3cmd', [
          '--config',
          '/dev/null',
          `--access_key=${testCredentials.accessKeyId}`,
          `--secret_key=${testCredentials.secretAccessKey}`,
          `--host=${host}`,
          `--host-bucket=${host}`,
          '--no-ssl',
          '--region=us-east-1',
          ...(signature === 'v2' ? ['--signature-v2'] : []),
          ...args,
        ]);
        assert.equal(r.code, 0, `s3cmd ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
        return r.stdout;
      };
      const bucket = `s3cmd-${signature}`;
      const file = path.join(dir, `s3cmd-${signature}.bin`);
      const data = pattern(11 * MiB);
      writeFileSync(file, data);
      await s3cmd('mb', `s3://${bucket}`);
      await s3cmd('put', '--multipart-chunk-size-mb=5', file, `s3://${bucket}/file.bin`);
      assert.match(await s3cmd('ls', `s3://${bucket}`), /file\.bin/);
      const back = `${file}.back`;
      await s3cmd('get', `s3://${bucket}/file.bin`, back);
      assert.equal(createHash('sha256').update(readFileSync(back)).digest('hex'), createHash('sha256').update(data).digest('hex'));
      await s3cmd('del', `s3://${bucket}/file.bin`);
      await s3cmd('rb', `s3://${bucket}`);
    });
  }
});
