import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { signRequest } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { errorCode, rawS3 } from '../support/raw-s3.js';
import { s3Client } from '../support/s3-client.js';

describe('the operational contract', () => {
  const dirs: string[] = [];
  const servers: CairnProcess[] = [];
  after(async () => {
    for (const s of servers) await s.dispose();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const freshDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'cairn-contract-'));
    dirs.push(d);
    return d;
  };

  it('prints generated root credentials once, on the first start only, and they keep working', async () => {
    const dataDir = freshDir();
    const first = await startCairnProcess({ dataDir, noCredentials: true });
    servers.push(first);
    const key = /AWS_ACCESS_KEY_ID=(\S+)/.exec(first.stdout())?.[1];
    const secret = /AWS_SECRET_ACCESS_KEY=(\S+)/.exec(first.stdout())?.[1];
    assert.ok(key !== undefined && secret !== undefined, first.stdout());
    assert.match(first.stdout(), new RegExp(`Cairn listening on http://127\\.0\\.0\\.1:${first.port}\\n`));
    assert.equal(await first.stop(), 0);
    const second = await startCairnProcess({ dataDir, noCredentials: true });
    servers.push(second);
    assert.doesNotMatch(second.stdout(), /AWS_SECRET_ACCESS_KEY/);
    const s3 = s3Client(second, { accessKeyId: key, secretAccessKey: secret });
    await s3.send(new CreateBucketCommand({ Bucket: 'still-works' }));
    s3.destroy();
  });

  it('answers the health endpoint, logs each request as one JSON line and exits 0 on SIGTERM', async () => {
    const server = await startCairnProcess({ dataDir: freshDir(), env: { CAIRN_ACCESS_LOG: 'true' } });
    servers.push(server);
    const health = await fetch(`${server.url}/_cairn/health`);
    assert.equal(health.status, 200);
    const s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'logged' }));
    await s3.send(new PutObjectCommand({ Bucket: 'logged', Key: 'k', Body: 'twelve bytes' }));
    s3.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const lines = server
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const put = lines.find((l) => l.operation === 'PutObject');
    assert.ok(put, server.stdout());
    assert.equal(put.dialect, 's3');
    assert.equal(put.status, 200);
    assert.equal(put.bucket, 'logged');
    assert.equal(put.key, 'k');
    assert.equal(typeof put.ms, 'number');
    assert.ok(Number(put.bytesIn) >= 12);
    assert.match(String(put.requestId), /^[0-9A-F]{16}$/);
    assert.ok(lines.some((l) => l.operation === 'Health' && l.status === 200));
    assert.equal(await server.stop(), 0);
  });

  it('answers a body that goes idle with 400 RequestTimeout instead of waiting forever', async () => {
    const server = await startCairnProcess({ dataDir: freshDir(), args: ['--idle-timeout', '1s'] });
    servers.push(server);
    const s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'idle' }));
    s3.destroy();
    const url = new URL(server.url);
    const { headers } = signRequest({ method: 'PUT', path: '/idle/k', headers: { host: url.host } }, testCredentials, {
      region: 'us-east-1',
      service: 's3',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: 'PUT', path: '/idle/k', headers: { ...headers, 'content-length': '1000' } },
        (r) => {
          let body = '';
          r.setEncoding('utf8').on('data', (d: string) => (body += d));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(10));
    });
    assert.equal(res.status, 400);
    assert.equal(errorCode(res.body), 'RequestTimeout');
  });

  it('walls accounts off: another account neither sees nor reaches a bucket, and cannot take its name', async () => {
    const server = await startCairnProcess({ dataDir: freshDir() });
    servers.push(server);
    const created = await new Promise<string>((resolve, reject) => {
      const url = new URL(server.url);
      const body = JSON.stringify({ name: 'team-b' });
      const { headers } = signRequest(
        { method: 'POST', path: '/_cairn/admin/v1/accounts', headers: { host: url.host, 'content-type': 'application/json' } },
        testCredentials,
        { region: 'us-east-1', service: 's3', body },
      );
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/_cairn/admin/v1/accounts', headers }, (r) => {
        let text = '';
        r.setEncoding('utf8').on('data', (d: string) => (text += d));
        r.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end(body);
    });
    const teamB = JSON.parse(created) as { account: { id: string }; accessKeyId: string; secretAccessKey: string };
    assert.match(teamB.account.id, /^\d{12}$/);
    const a = s3Client(server);
    const b = s3Client(server, { accessKeyId: teamB.accessKeyId, secretAccessKey: teamB.secretAccessKey });
    await a.send(new CreateBucketCommand({ Bucket: 'private-a' }));
    await a.send(new PutObjectCommand({ Bucket: 'private-a', Key: 'secret', Body: 'a only' }));
    assert.deepEqual((await b.send(new ListBucketsCommand({}))).Buckets ?? [], []);
    const asB = { accessKeyId: teamB.accessKeyId, secretAccessKey: teamB.secretAccessKey };
    const get = await rawS3(server, { method: 'GET', path: '/private-a/secret', sign: { credentials: asB } });
    assert.equal(get.status, 403);
    assert.equal(errorCode(get.body), 'AccessDenied');
    const put = await rawS3(server, { method: 'PUT', path: '/private-a/other', body: 'b', sign: { credentials: asB } });
    assert.equal(errorCode(put.body), 'AccessDenied');
    const taken = await rawS3(server, { method: 'PUT', path: '/private-a', sign: { credentials: asB } });
    assert.equal(taken.status, 409);
    assert.equal(errorCode(taken.body), 'BucketAlreadyExists');
    a.destroy();
    b.destroy();
  });

  it('serves virtual-hosted-style requests (bucket.localhost:port)', async () => {
    const server = await startCairnProcess({ dataDir: freshDir() });
    servers.push(server);
    const s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: 'vhost' }));
    await s3.send(new PutObjectCommand({ Bucket: 'vhost', Key: 'dir/file.txt', Body: 'virtual' }));
    s3.destroy();
    const host = `vhost.localhost:${server.port}`;
    const { headers } = signRequest({ method: 'GET', path: '/dir/file.txt', headers: { host } }, testCredentials, {
      region: 'us-east-1',
      service: 's3',
    });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'GET', path: '/dir/file.txt', headers }, (r) => {
        let body = '';
        r.setEncoding('utf8').on('data', (d: string) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'virtual');
  });
});
