import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutBucketCorsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { chromium, type BrowserContext } from 'playwright-core';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client } from '../support/s3-client.js';
import { signedPostFields } from './post-form.js';

/** A page on its own origin: what a web application serving an upload form would be. */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>upload</title><p>upload page</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('CORS and browser uploads from headless Chromium', () => {
  let cairn: CairnProcess;
  let s3: S3Client;
  let page: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  let browser: BrowserContext;
  let profile: string;
  const bucket = 'browser-uploads';

  before(async () => {
    cairn = await startCairnProcess();
    s3 = s3Client(cairn);
    page = await pageServer();
    other = await pageServer();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [page.origin],
              AllowedMethods: ['PUT', 'POST', 'GET'],
              AllowedHeaders: ['content-type'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 600,
            },
          ],
        },
      }),
    );
    profile = mkdtempSync(path.join(tmpdir(), 'cairn-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
    page.server.close();
    other.server.close();
    s3.destroy();
    await cairn.dispose();
  });

  it('uploads through a presigned PUT and reads the exposed ETag, then downloads through a presigned GET', async () => {
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'presigned.txt', ContentType: 'text/plain' }), {
      expiresIn: 300,
    });
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: 'presigned.txt' }), { expiresIn: 300 });
    const tab = await browser.newPage();
    await tab.goto(page.origin);
    const result = await tab.evaluate(
      async ({ putUrl, getUrl }) => {
        const put = await fetch(putUrl, { method: 'PUT', body: 'from the browser', headers: { 'content-type': 'text/plain' } });
        const got = await fetch(getUrl);
        return { status: put.status, etag: put.headers.get('etag'), getStatus: got.status, text: await got.text() };
      },
      { putUrl, getUrl },
    );
    await tab.close();
    assert.equal(result.status, 200);
    assert.match(result.etag ?? '', /^"[0-9a-f]{32}"$/);
    assert.deepEqual([result.getStatus, result.text], [200, 'from the browser']);
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'presigned.txt' }));
    assert.equal((await bodyBytes(stored.Body)).toString(), 'from the browser');
  });

  it('uploads a file through a signed POST form', async () => {
    const fields = signedPostFields({ bucket, keyPrefix: 'forms/', ...testCredentials });
    const tab = await browser.newPage();
    await tab.goto(page.origin);
    const status = await tab.evaluate(
      async ({ url, fields }) => {
        const form = new FormData();
        form.append('key', 'forms/${filename}');
        form.append('Content-Type', 'text/plain');
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        form.append('file', new Blob(['a file chosen in the page'], { type: 'text/plain' }), 'note.txt');
        const r = await fetch(url, { method: 'POST', body: form });
        return r.status;
      },
      { url: `${cairn.url}/${bucket}`, fields },
    );
    await tab.close();
    assert.equal(status, 204);
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'forms/note.txt' }));
    assert.equal(stored.ContentType, 'text/plain');
    assert.equal((await bodyBytes(stored.Body)).toString(), 'a file chosen in the page');
  });

  it('lets no page on another origin read or write (the browser blocks it)', async () => {
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: 'blocked.txt' }), { expiresIn: 300 });
    const tab = await browser.newPage();
    await tab.goto(other.origin);
    const outcome = await tab.evaluate(async (url) => {
      try {
        await fetch(url, { method: 'PUT', body: 'x', headers: { 'content-type': 'text/plain' } });
        return 'sent';
      } catch (e) {
        return `blocked: ${(e as Error).name}`;
      }
    }, putUrl);
    await tab.close();
    assert.equal(outcome, 'blocked: TypeError');
  });

  it('answers a preflight with exactly what the rule allows, and 403 for an origin, method or header no rule allows', async () => {
    const preflight = (origin: string, method: string, headers?: string) =>
      fetch(`${cairn.url}/${bucket}/some/key`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': method,
          ...(headers === undefined ? {} : { 'access-control-request-headers': headers }),
        },
      });
    const ok = await preflight(page.origin, 'PUT', 'content-type');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), page.origin);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'PUT, POST, GET');
    assert.equal(ok.headers.get('access-control-allow-headers'), 'content-type');
    assert.equal(ok.headers.get('access-control-expose-headers'), 'ETag');
    assert.equal(ok.headers.get('access-control-max-age'), '600');
    for (const [origin, method, headers] of [
      [other.origin, 'PUT', 'content-type'],
      [page.origin, 'DELETE', undefined],
      [page.origin, 'PUT', 'x-amz-meta-secret'],
    ] as const) {
      const denied = await preflight(origin, method, headers);
      assert.equal(denied.status, 403, `${origin} ${method} ${headers ?? ''}`);
      assert.match(await denied.text(), /<Code>AccessForbidden<\/Code>/);
      assert.equal(denied.headers.get('access-control-allow-origin'), null);
    }
    // An actual request from an origin no rule allows gets no Access-Control-* headers.
    const plain = await fetch(`${cairn.url}/${bucket}/presigned.txt`, { headers: { origin: other.origin } });
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
  });
});
