import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';
import { consoleUrl, launchConsole, screenshot, signIn, type ConsoleBrowser } from './console-browser.js';

const api = (cairn: CairnProcess, p: string) => `${cairn.url}/_cairn/console/api/v1/${p}`;

describe('Console sessions: sign-in, the cookie, CSRF, sign-out and expiry', () => {
  let cairn: CairnProcess;
  let s3: S3Client;
  let browser: ConsoleBrowser;

  before(async () => {
    cairn = await startCairnProcess({ args: ['--console-session-lifetime', '4s'] });
    s3 = s3Client(cairn);
    await s3.send(new CreateBucketCommand({ Bucket: 'secure-bucket' }));
    browser = await launchConsole();
  });
  after(async () => {
    await browser?.close();
    await cairn?.dispose();
  });

  it('refuses wrong credentials with a clear message and sets no cookie', async () => {
    const { page, context } = browser;
    await page.goto(consoleUrl(cairn));
    await page.getByLabel('Access key ID').fill(testCredentials.accessKeyId);
    await page.getByLabel('Secret access key').fill('not-the-secret');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The access key ID or the secret access key is wrong' }).waitFor();
    await screenshot(page, 'sign-in-refused');
    assert.deepEqual(await context.cookies(), []);
  });

  it('issues an HttpOnly, SameSite=Strict session cookie with a lifetime, which page scripts cannot read', async () => {
    const { page, context } = browser;
    await signIn(page, cairn);
    const cookies = await context.cookies();
    assert.equal(cookies.length, 1);
    const c = cookies[0]!;
    assert.equal(c.name, 'cairn_console');
    assert.equal(c.httpOnly, true);
    assert.equal(c.sameSite, 'Strict');
    assert.equal(c.path, '/_cairn/');
    assert.ok(c.expires > Date.now() / 1000 && c.expires <= Date.now() / 1000 + 5, `expires ${c.expires}`);
    assert.equal(await page.evaluate('document.cookie'), '');
  });

  it('serves the page with a strict Content-Security-Policy and cacheable hashed assets', async () => {
    const res = await fetch(consoleUrl(cairn));
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const html = await res.text();
    const asset = /src="(\/_cairn\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset !== undefined, html);
    const js = await fetch(`${cairn.url}${asset}`);
    assert.equal(js.status, 200);
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal((await fetch(`${cairn.url}${asset}`, { headers: { 'if-none-match': js.headers.get('etag')! } })).status, 304);
    assert.equal((await fetch(`${cairn.url}/_cairn/console/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${cairn.url}/_cairn/console/%E0%A4%A`)).status, 400);
    const redirect = await fetch(`${cairn.url}/console`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), '/_cairn/console/');
  });

  it('refuses a state-changing call without the CSRF token, from the page itself and from outside with the cookie', async () => {
    const { page, context } = browser;
    const fromPage = await page.evaluate(async () => {
      const r = await fetch('/_cairn/console/api/v1/buckets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'forged-bucket' }),
      });
      return { status: r.status, body: (await r.json()) as { error: { code: string } } };
    });
    assert.equal(fromPage.status, 403);
    assert.equal(fromPage.body.error.code, 'InvalidCsrfToken');
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const forged = await fetch(api(cairn, 'buckets/secure-bucket'), { method: 'DELETE', headers: { cookie } });
    assert.equal(forged.status, 403);
    assert.equal(((await forged.json()) as { error: { code: string } }).error.code, 'InvalidCsrfToken');
    const wrongToken = await fetch(api(cairn, 'buckets/secure-bucket'), {
      method: 'DELETE',
      headers: { cookie, 'x-cairn-csrf': 'x'.repeat(43) },
    });
    assert.equal(wrongToken.status, 403);
    await s3.send(new HeadBucketCommand({ Bucket: 'secure-bucket' }));
    await assert.rejects(s3.send(new HeadBucketCommand({ Bucket: 'forged-bucket' })));
    // The same call with the session's token goes through: the token is what was missing.
    const { csrfToken } = (await (await fetch(api(cairn, 'session'), { headers: { cookie } })).json()) as { csrfToken: string };
    const real = await fetch(api(cairn, 'buckets'), {
      method: 'POST',
      headers: { cookie, 'x-cairn-csrf': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'real-bucket' }),
    });
    assert.equal(real.status, 201);
    await s3.send(new HeadBucketCommand({ Bucket: 'real-bucket' }));
  });

  it('refuses every call without a session, and a sign-in posted from another origin', async () => {
    const r = await fetch(api(cairn, 'buckets'));
    assert.equal(r.status, 401);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'NotSignedIn');
    const cross = await fetch(api(cairn, 'session'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ accessKeyId: testCredentials.accessKeyId, secretAccessKey: testCredentials.secretAccessKey }),
    });
    assert.equal(cross.status, 403);
    assert.equal(cross.headers.get('set-cookie'), null);
  });

  it('shows the sign-in page with a message when the session expires', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await signIn(page, cairn);
    await page.goto(consoleUrl(cairn, '/buckets'));
    await page.getByRole('rowheader', { name: 'secure-bucket' }).waitFor();
    await new Promise((r) => setTimeout(r, 4500));
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.getByText(/Sign in again/).waitFor();
    await page.getByLabel('Access key ID').waitFor();
    await screenshot(page, 'sign-in-session-expired');
  });

  it('signs out: the cookie is cleared and the session no longer works', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await signIn(page, cairn);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access key ID').waitFor();
    assert.deepEqual(await context.cookies(), []);
    const r = await fetch(api(cairn, 'buckets'), { headers: { cookie } });
    assert.equal(r.status, 401);
  });
});
