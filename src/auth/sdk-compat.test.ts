import assert from 'node:assert/strict';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { CreateVaultCommand, GlacierClient, ListVaultsCommand, UploadArchiveCommand } from '@aws-sdk/client-glacier';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { isStorageError } from '../core/errors.js';
import type { AuthRequest } from './auth-request.js';
import { authenticate } from './authenticate.js';
import { requestBody } from './request-body.js';
import { EXAMPLE_AKID, EXAMPLE_SECRET, collect, exampleKey, lookupOf } from './test-fixtures.js';

/** What the loopback server saw of one request. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly kind?: string;
  readonly payload?: string;
  readonly body?: Buffer;
  readonly trailers?: Readonly<Record<string, string>>;
  readonly error?: string;
}

function wireRequest(req: IncomingMessage): AuthRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return {
    method: req.method ?? 'GET',
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers,
    body: req,
  };
}

const s3Reply = (req: IncomingMessage, res: ServerResponse): void => {
  const url = req.url ?? '';
  const xml = (body: string) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
  };
  if (req.method === 'POST' && /[?&]uploads(=|&|$)/.test(url))
    return xml('<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>');
  if (req.method === 'POST' && url.includes('uploadId='))
    return xml('<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><ETag>"e-2"</ETag></CompleteMultipartUploadResult>');
  if (req.method === 'POST' && url.includes('delete')) return xml('<DeleteResult></DeleteResult>');
  if (req.method === 'GET' && url.includes('list-type=2'))
    return xml('<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>');
  res.writeHead(200, { etag: '"0123456789abcdef0123456789abcdef"', 'content-length': '2' });
  res.end('ok');
};

const glacierReply = (_req: IncomingMessage, res: ServerResponse): void => {
  res.writeHead(201, {
    'content-type': 'application/json',
    location: '/123456789012/vaults/v',
    'x-amz-archive-id': 'a1',
    'x-amz-sha256-tree-hash': 'x',
  });
  res.end('{"VaultList":[]}');
};

async function startServer(services: string[], reply: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const record = async () => {
      const base = { method: req.method ?? '', url: req.url ?? '' };
      try {
        const auth = await authenticate(wireRequest(req), {
          region: 'us-east-1',
          services,
          lookupKey: lookupOf(exampleKey),
          now: Date.now(),
        });
        const body = requestBody(wireRequest(req), auth);
        const bytes = await collect(body);
        seen.push({ ...base, kind: auth.kind, payload: auth.payload.mode, body: bytes, trailers: body.trailers() });
        reply(req, res);
      } catch (e) {
        const code = isStorageError(e) ? e.code : 'InternalError';
        seen.push({ ...base, error: code });
        req.resume();
        res.writeHead(403, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>refused</Message></Error>`);
      }
    };
    void record();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, endpoint, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const credentials = { accessKeyId: EXAMPLE_AKID, secretAccessKey: EXAMPLE_SECRET };
const oddKey = 'dir one/é+%..//x~(1).txt';

describe('authenticate with the real @aws-sdk/client-s3 over HTTP', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: S3Client;
  before(async () => {
    server = await startServer(['s3'], s3Reply);
    client = new S3Client({ region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, credentials });
  });
  after(async () => {
    client.destroy();
    await server.close();
  });
  const last = () => server.seen.at(-1)!;

  it('verifies PutObject with a string body (hex x-amz-content-sha256) for an odd key', async () => {
    await client.send(new PutObjectCommand({ Bucket: 'b', Key: oddKey, Body: 'hello world' }));
    assert.equal(last().error, undefined);
    assert.equal(last().payload, 'sha256');
    assert.equal(last().body?.toString(), 'hello world');
  });

  it('verifies PutObject with a stream body (STREAMING-UNSIGNED-PAYLOAD-TRAILER) and delivers the CRC32 trailer', async () => {
    const data = Buffer.alloc(200_000, 'z');
    await client.send(
      new PutObjectCommand({
        Bucket: 'b',
        Key: 'stream',
        Body: Readable.from([data.subarray(0, 70_000), data.subarray(70_000)]),
        ContentLength: data.length,
      }),
    );
    assert.equal(last().error, undefined);
    assert.equal(last().payload, 'aws-chunked');
    assert.ok(last().body?.equals(data));
    assert.match(last().trailers?.['x-amz-checksum-crc32'] ?? '', /^[A-Za-z0-9+/]{6}==$/);
  });

  it('verifies UploadPart, GetObject with a Range, ListObjectsV2 with an odd prefix and DeleteObjects', async () => {
    await client.send(new UploadPartCommand({ Bucket: 'b', Key: oddKey, UploadId: 'u/1+2', PartNumber: 3, Body: Buffer.alloc(1000, 1) }));
    assert.equal(last().error, undefined);
    const got = await client.send(new GetObjectCommand({ Bucket: 'b', Key: oddKey, Range: 'bytes=0-1' }));
    assert.equal(await got.Body?.transformToString(), 'ok');
    assert.equal(last().error, undefined);
    await client.send(new ListObjectsV2Command({ Bucket: 'b', Prefix: 'a b+c/ü', Delimiter: '/', StartAfter: '%' }));
    assert.equal(last().error, undefined);
    await client.send(new DeleteObjectsCommand({ Bucket: 'b', Delete: { Objects: [{ Key: 'a' }, { Key: oddKey }] } }));
    assert.equal(last().error, undefined);
  });

  it('verifies every request of a lib-storage multipart Upload of 11 MiB', async () => {
    const before = server.seen.length;
    const data = Buffer.alloc(11 * 1024 * 1024, 'q');
    await new Upload({
      client,
      params: { Bucket: 'b', Key: 'big', Body: Readable.from([data]) },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    }).done();
    const requests = server.seen.slice(before);
    assert.equal(requests.length, 5, requests.map((r) => `${r.method} ${r.url}`).join('\n'));
    assert.deepEqual(
      requests.filter((r) => r.error !== undefined),
      [],
    );
    const parts = requests.filter((r) => r.url.includes('partNumber='));
    assert.equal(
      parts.reduce((n, r) => n + (r.body?.length ?? 0), 0),
      data.length,
    );
  });

  it('verifies a presigned GET fetched as is', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'b', Key: oddKey }), { expiresIn: 60 });
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(last().kind, 'sigv4');
  });

  it('refuses a client with the wrong secret with SignatureDoesNotMatch', async () => {
    const wrong = new S3Client({
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: { ...credentials, secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    await assert.rejects(wrong.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })), { name: 'SignatureDoesNotMatch' });
    assert.equal(last().error, 'SignatureDoesNotMatch');
    wrong.destroy();
  });
});

describe('authenticate with the real @aws-sdk/client-glacier over HTTP', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: GlacierClient;
  before(async () => {
    server = await startServer(['glacier'], glacierReply);
    client = new GlacierClient({ region: 'us-east-1', endpoint: server.endpoint, credentials });
  });
  after(async () => {
    client.destroy();
    await server.close();
  });

  it('verifies CreateVault, UploadArchive and ListVaults with a marker', async () => {
    await client.send(new CreateVaultCommand({ accountId: '-', vaultName: 'my-vault' }));
    await client.send(
      new UploadArchiveCommand({ accountId: '-', vaultName: 'my-vault', archiveDescription: 'a b', body: Buffer.from('archive bytes') }),
    );
    await client.send(new ListVaultsCommand({ accountId: '-', marker: 'arn:aws:glacier:us-east-1:123456789012:vaults/x y', limit: 5 }));
    assert.deepEqual(
      server.seen.map((s) => s.error),
      [undefined, undefined, undefined],
    );
    assert.equal(server.seen[1]?.body?.toString(), 'archive bytes');
    assert.equal(server.seen[1]?.payload, 'sha256');
  });
});
