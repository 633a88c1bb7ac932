import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { signRequest } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { s3Client, sdkError } from '../support/s3-client.js';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Starts a signed PUT of `size` bytes that sends `sendFirst` bytes and then stalls, never finishing. */
function stalledPut(server: CairnProcess, key: string, size: number, sendFirst: number): void {
  const url = new URL(server.url);
  const path = `/crash/${key}`;
  const { headers } = signRequest({ method: 'PUT', path, headers: { host: url.host } }, testCredentials, {
    region: 'us-east-1',
    service: 's3',
    payloadHash: 'UNSIGNED-PAYLOAD',
  });
  const req = request({ host: url.hostname, port: url.port, method: 'PUT', path, headers: { ...headers, 'content-length': String(size) } });
  req.on('error', () => undefined);
  req.write(Buffer.alloc(sendFirst, 7));
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('crash safety of a PUT', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-crash-'));
  let server: CairnProcess | undefined;
  after(async () => {
    await server?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the old version (or no key) after SIGKILL mid-PUT, and recovery leaves no temp files or orphan blobs', async () => {
    server = await startCairnProcess({ dataDir, args: ['--inline-max-size', '0'] });
    let s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'crash' }));
    await s3.send(new PutObjectCommand({ Bucket: 'crash', Key: 'existing', Body: 'version one' }));
    const tmp = path.join(dataDir, 'tmp');
    stalledPut(server, 'existing', 300 * 1024 * 1024, 24 * 1024 * 1024);
    stalledPut(server, 'brand-new', 300 * 1024 * 1024, 24 * 1024 * 1024);
    await waitFor(() => files(tmp).filter((f) => statSync(f).size >= 16 * 1024 * 1024).length === 2, 'both uploads to be half written');
    await server.kill();
    s3.destroy();

    // A blob that reached its final name but whose metadata commit never happened.
    const orphanDir = path.join(dataDir, 'blobs', 'ff');
    mkdirSync(orphanDir, { recursive: true });
    writeFileSync(path.join(orphanDir, `ff${'0'.repeat(30)}`), 'orphan bytes');
    const blobsBefore = files(path.join(dataDir, 'blobs')).length;
    assert.equal(blobsBefore, 2);

    server = await startCairnProcess({ dataDir, args: ['--inline-max-size', '0'] });
    s3 = s3Client(server);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'crash', Key: 'existing' }));
    assert.equal(await got.Body?.transformToString(), 'version one');
    assert.equal((await sdkError(s3.send(new GetObjectCommand({ Bucket: 'crash', Key: 'brand-new' })))).name, 'NoSuchKey');
    assert.deepEqual(files(tmp), [], 'no temp files remain');
    assert.equal(files(path.join(dataDir, 'blobs')).length, 1, 'only the referenced blob remains');
    s3.destroy();
  });
});
