import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, CreateMultipartUploadCommand, UploadPartCommand, type S3Client } from '@aws-sdk/client-s3';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';

interface Signed {
  readonly cookie: string;
  readonly csrf: string;
}

async function signIn(cairn: CairnProcess): Promise<Signed> {
  const res = await fetch(`${cairn.url}/_cairn/console/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessKeyId: testCredentials.accessKeyId, secretAccessKey: testCredentials.secretAccessKey }),
  });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  const body = JSON.parse(text) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

async function call(cairn: CairnProcess, s: Signed, method: string, p: string, body?: unknown) {
  const res = await fetch(`${cairn.url}/_cairn/console/api/v1/${p}`, {
    method,
    headers: { cookie: s.cookie, 'x-cairn-csrf': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answers are checked field by field below
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

describe('Console JSON API: input checks, cost so far from the ledger, TLS cookies', () => {
  let cairn: CairnProcess;
  let s3: S3Client;
  let s: Signed;

  before(async () => {
    cairn = await startCairnProcess();
    s3 = s3Client(cairn);
    await s3.send(new CreateBucketCommand({ Bucket: 'api-bucket' }));
    for (const [key, size] of [
      ['x/one', 40_000],
      ['x/two', 90_000],
      ['y/three', 20_000],
    ] as const) {
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'api-bucket', Key: key }));
      await s3.send(new UploadPartCommand({ Bucket: 'api-bucket', Key: key, UploadId, PartNumber: 1, Body: Buffer.alloc(size) }));
    }
    s = await signIn(cairn);
  });
  after(async () => {
    await cairn?.dispose();
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', 'buckets', { name: 'ok-name', extra: 1 }, 'extra'],
      ['POST', 'buckets', { name: 7 }, 'name'],
      ['POST', 'buckets/api-bucket/uploads/delete', { uploadIds: [] }, 'uploadIds'],
      ['POST', 'buckets/api-bucket/uploads/delete', { uploadIds: [1] }, 'uploadIds'],
      ['PUT', 'buckets/api-bucket/lifecycle/abort-rules', { rules: [{ id: 'r', days: 0 }] }, 'days'],
      [
        'PUT',
        'buckets/api-bucket/lifecycle/abort-rules',
        {
          rules: [
            { id: 'r', days: 1 },
            { id: 'r', days: 2 },
          ],
        },
        'rules',
      ],
      ['GET', 'buckets/api-bucket/uploads?sort=weight', undefined, 'sort'],
      ['GET', 'buckets/api-bucket/uploads?limit=0', undefined, 'limit'],
      ['GET', 'buckets/api-bucket/uploads?pageToken=not-a-token', undefined, 'pageToken'],
    ];
    for (const [method, p, body, field] of cases) {
      const r = await call(cairn, s, method, p, body);
      assert.equal(r.status, 400, `${method} ${p}: ${JSON.stringify(r.json)}`);
      assert.equal(r.json.error.field, field, `${method} ${p}`);
    }
    const malformed = await call(cairn, s, 'POST', 'buckets', '{"name": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'MalformedJSON');
    const badEscape = await call(cairn, s, 'DELETE', 'buckets/%E0%A4%A/uploads/x');
    assert.equal(badEscape.status, 400);
    assert.equal(badEscape.json.error.code, 'InvalidURI');
    const unknown = await call(cairn, s, 'GET', 'nothing-here');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'NotFound');
    const list = await call(cairn, s, 'GET', 'buckets/api-bucket/uploads');
    assert.equal(list.json.total.uploads, 3);
    assert.equal((await call(cairn, s, 'GET', 'buckets')).json.buckets.length, 1);
  });

  it('pages with a token that belongs to its own sort and prefix', async () => {
    const first = await call(cairn, s, 'GET', 'buckets/api-bucket/uploads?sort=size&order=desc&limit=2');
    assert.deepEqual(
      first.json.uploads.map((u: { key: string }) => u.key),
      ['x/two', 'x/one'],
    );
    const token = first.json.nextPageToken as string;
    const second = await call(cairn, s, 'GET', `buckets/api-bucket/uploads?sort=size&order=desc&limit=2&pageToken=${token}`);
    assert.deepEqual(
      second.json.uploads.map((u: { key: string }) => u.key),
      ['y/three'],
    );
    assert.equal(second.json.nextPageToken, undefined);
    const mixed = await call(cairn, s, 'GET', `buckets/api-bucket/uploads?sort=cost&limit=2&pageToken=${token}`);
    assert.equal(mixed.status, 400);
    const prefixed = await call(cairn, s, 'GET', 'buckets/api-bucket/uploads?prefix=x/');
    assert.deepEqual(prefixed.json.total, { uploads: 2, bytes: 130_000 });
  });

  it('shows what each upload has cost so far, adding up to the usage ledger’s figure for the bucket', async () => {
    await new Promise((r) => setTimeout(r, 300));
    const list = await call(cairn, s, 'GET', 'buckets/api-bucket/uploads?sort=cost');
    const costs = list.json.uploads.map((u: { costSoFar: number }) => u.costSoFar) as number[];
    assert.deepEqual(
      list.json.uploads.map((u: { key: string }) => u.key),
      ['x/two', 'x/one', 'y/three'],
    );
    assert.ok(costs.every((c) => c > 0));
    const usage = await call(cairn, s, 'GET', 'usage?days=1&bucket=api-bucket');
    const ledger = usage.json.incompleteUploads[0].costSoFar as number;
    const sum = costs.reduce((a, b) => a + b, 0);
    // The two are taken a few milliseconds apart; parts keep accruing in between.
    assert.ok(ledger >= sum && ledger < sum * 1.5, `ledger ${ledger}, uploads ${sum}`);
  });

  it('says what became of each selected upload', async () => {
    const list = await call(cairn, s, 'GET', 'buckets/api-bucket/uploads?prefix=y/');
    const id = list.json.uploads[0].uploadId as string;
    const r = await call(cairn, s, 'POST', 'buckets/api-bucket/uploads/delete', { uploadIds: [id, 'no-such-upload'] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.results, [
      { uploadId: id, outcome: 'aborted', parts: 1, bytes: 20_000 },
      { uploadId: 'no-such-upload', outcome: 'not-found' },
    ]);
    assert.equal((await call(cairn, s, 'GET', 'buckets/api-bucket/uploads')).json.total.uploads, 2);
  });
});

describe('Console cookie under TLS', () => {
  let cairn: CairnProcess;
  before(async () => {
    cairn = await startCairnProcess({ args: ['--tls-self-signed'] });
  });
  after(async () => {
    await cairn?.dispose();
  });

  it('marks the session cookie Secure when the console is served over HTTPS', async () => {
    const setCookie = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ accessKeyId: testCredentials.accessKeyId, secretAccessKey: testCredentials.secretAccessKey });
      const req = request(
        `${cairn.url}/_cairn/console/api/v1/session`,
        {
          method: 'POST',
          rejectUnauthorized: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(String(res.headers['set-cookie'] ?? ''));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    assert.match(setCookie, /^cairn_console=[A-Za-z0-9_-]+; Path=\/_cairn\/; Max-Age=43200; HttpOnly; SameSite=Strict; Secure$/);
  });
});
