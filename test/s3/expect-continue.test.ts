import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { signRequest } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client } from '../support/s3-client.js';

const Bucket = 'expect-continue';

/** Sends a request head with Expect: 100-continue and no body; resolves with the first bytes the server answers. */
function firstAnswer(server: CairnProcess, head: string): Promise<{ text: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(head));
    socket.once('data', (d) => resolve({ text: d.toString('latin1'), socket }));
    socket.once('error', reject);
  });
}

function requestHead(method: string, path: string, headers: Record<string, string>): string {
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

describe('Expect: 100-continue', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('answers a request it refuses with its error instead of 100 Continue, so the body is never sent', async () => {
    const host = new URL(server.url).host;
    const { text, socket } = await firstAnswer(
      server,
      requestHead('PUT', `/${Bucket}/refused`, { host, 'content-length': '123', expect: '100-continue' }),
    );
    socket.destroy();
    assert.match(text, /^HTTP\/1\.1 403 /);
    assert.match(text, /<Code>AccessDenied<\/Code>/);
    assert.match(text, /connection: close/i);
  });

  it('sends 100 Continue when it is ready for the body of a request it accepts, then stores the body', async () => {
    const host = new URL(server.url).host;
    const path = `/${Bucket}/accepted`;
    const { headers } = signRequest(
      { method: 'PUT', path, query: '', headers: { host, 'content-length': '5', expect: '100-continue' } },
      testCredentials,
      { region: 'us-east-1', service: 's3', payloadHash: 'UNSIGNED-PAYLOAD' },
    );
    const { text, socket } = await firstAnswer(server, requestHead('PUT', path, headers));
    assert.match(text, /^HTTP\/1\.1 100 Continue\r\n/);
    const final = await new Promise<string>((resolve) => {
      let all = '';
      socket.on('data', (d) => {
        all += d.toString('latin1');
        if (/\r\n\r\n/.test(all)) resolve(all);
      });
      socket.write('hello');
    });
    socket.destroy();
    assert.match(final, /^HTTP\/1\.1 200 /);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'accepted' }));
    assert.equal((await bodyBytes(got.Body)).toString(), 'hello');
  });

  it('keeps serving an SDK whose 100-continue request was refused (a new connection for the next request)', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    const refused = await s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'k', Body: big })).catch((e: Error) => e);
    assert.equal((refused as Error).name, 'NoSuchBucket');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'after', Body: big }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'after' }));
    assert.equal((await bodyBytes(got.Body)).length, big.length);
  });
});
