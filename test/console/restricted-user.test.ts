// A principal who may list incomplete uploads but not abort them: the console greys out every Delete,
// and the server refuses a forged request anyway. The console runs in-process here, on the real core,
// SQLite and filesystem adapters and the real HTTP server, with an Authorizer that grants the user
// everything in its account except s3:AbortMultipartUpload (what an IAM policy with that Deny decides).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createConsoleApi, isConsoleApiPath } from '../../src/admin-api/index.js';
import type { Authorizer } from '../../src/auth/index.js';
import { serveConsole } from '../../src/console/serve-console.js';
import { LifecycleEngine } from '../../src/core/lifecycle/lifecycle-engine.js';
import { createUpload } from '../../src/core/uploads/create-upload.js';
import { uploadPart } from '../../src/core/uploads/upload-part.js';
import { examplePriceTable } from '../../src/core/usage/price-table.js';
import { startHttpServer, type RunningHttpServer } from '../../src/http/http-server.js';
import type { SqliteMetadataStore } from '../../src/storage/sqlite/sqlite-metadata-store.js';
import { bodyOf, coreFixture, rootPrincipal, type CoreFixture } from '../support/core-fixture.js';
import { consoleUrl, launchConsole, screenshot, signIn, type ConsoleBrowser } from './console-browser.js';

const root = { accessKeyId: rootPrincipal.accessKeyId, secretAccessKey: 'root-secret-of-the-restricted-test' };
const viewer = { accessKeyId: 'CKVIEWERKEY000000001', secretAccessKey: 'viewer-secret-of-the-restricted-test' };

const withoutAbort: Authorizer = {
  authorize: async (r) =>
    (r.resourceAccountId === undefined || r.resourceAccountId === r.principal.accountId) &&
    !(r.principal.userName === 'viewer' && r.action === 's3:AbortMultipartUpload'),
};

describe('A user without s3:AbortMultipartUpload in the console', () => {
  let f: CoreFixture;
  let http: RunningHttpServer;
  let browser: ConsoleBrowser;
  let url: string;

  before(async () => {
    f = await coreFixture();
    const { ctx } = f;
    const now = ctx.clock();
    await ctx.meta.createAccount(
      { id: rootPrincipal.accountId, name: 'default', displayName: 'default', createdAt: now },
      { ...root, accountId: rootPrincipal.accountId, userName: null, createdAt: now },
    );
    await ctx.meta.putAccessKey({ ...viewer, accountId: rootPrincipal.accountId, userName: 'viewer', createdAt: now });
    const bucket = await f.bucket('shared');
    for (const key of ['team/a.bin', 'team/b.bin']) {
      const u = await createUpload(ctx, { bucket, key, attributes: { userMetadata: {} }, initiator: rootPrincipal });
      await uploadPart(ctx, { bucket, key, uploadId: u.id, partNumber: 1, body: bodyOf(Buffer.alloc(30_000, 1)) });
    }
    const consoleApi = createConsoleApi({
      ctx,
      lookupKey: (id) => ctx.meta.getAccessKey(id),
      authorizer: withoutAbort,
      adminAccountId: rootPrincipal.accountId,
      region: 'us-east-1',
      lifecycle: new LifecycleEngine(ctx, (ctx.meta as SqliteMetadataStore).lifecycle, {
        batchSize: 100,
        throttleMs: 0,
        previewLimit: 100,
      }),
      lifecycleIntervalMs: 0,
      ledger: (ctx.meta as SqliteMetadataStore).ledger,
      prices: examplePriceTable,
      sessionLifetimeMs: 3_600_000,
    });
    const files = serveConsole();
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      idleTimeoutMs: 10_000,
      accessLog: undefined,
      handle: (req) => (isConsoleApiPath(req.rawPath) ? consoleApi.handle(req) : files(req)),
      onError: () => undefined,
    });
    url = `http://127.0.0.1:${http.port}`;
    browser = await launchConsole();
  });
  after(async () => {
    await browser?.close();
    await http?.close();
    await f?.close();
  });

  it('shows the uploads with every Delete disabled, and says why', async () => {
    const { page } = browser;
    await signIn(page, { url }, viewer);
    await page.goto(consoleUrl({ url }, '/buckets/shared/parts'));
    await page.getByRole('rowheader', { name: 'team/a.bin' }).waitFor();
    await page.getByText(/not delete them \(s3:AbortMultipartUpload is not granted to you\)/).waitFor();
    for (const key of ['team/a.bin', 'team/b.bin']) {
      assert.equal(await page.getByRole('button', { name: `Delete the upload of ${key}` }).isDisabled(), true);
      assert.equal(await page.getByLabel(`Select the upload of ${key}`).isDisabled(), true);
    }
    assert.equal(await page.getByRole('button', { name: /^Delete selected/ }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Delete all' }).isDisabled(), true);
    await screenshot(page, 'parts-restricted-user');
  });

  it('refuses a forged delete with 403 AccessDenied, and the upload stays', async () => {
    const { page } = browser;
    const results = await page.evaluate(async () => {
      const s = (await (await fetch('/_cairn/console/api/v1/session')).json()) as { csrfToken: string };
      const list = (await (await fetch('/_cairn/console/api/v1/buckets/shared/uploads')).json()) as { uploads: { uploadId: string }[] };
      const id = list.uploads[0]!.uploadId;
      const h = { 'x-cairn-csrf': s.csrfToken, 'content-type': 'application/json' };
      const one = await fetch(`/_cairn/console/api/v1/buckets/shared/uploads/${id}`, { method: 'DELETE', headers: h });
      const some = await fetch('/_cairn/console/api/v1/buckets/shared/uploads/delete', {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ uploadIds: [id] }),
      });
      return {
        one: one.status,
        oneBody: (await one.json()) as { error: { code: string } },
        some: (await some.json()) as { aborted: number; results: { outcome: string }[] },
      };
    });
    assert.equal(results.one, 403);
    assert.equal(results.oneBody.error.code, 'AccessDenied');
    assert.equal(results.some.aborted, 0);
    assert.deepEqual(
      results.some.results.map((r) => r.outcome),
      ['denied'],
    );
    const bucket = await f.bucket('shared');
    assert.equal(bucket.counters.uploads, 2);
    assert.equal(bucket.counters.partBytes, 60_000);
  });

  it('lets the account root delete the same uploads', async () => {
    const { page, context } = browser;
    await context.clearCookies();
    await signIn(page, { url }, root);
    await page.goto(consoleUrl({ url }, '/buckets/shared/parts'));
    await page.getByRole('rowheader', { name: 'team/a.bin' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete the upload of team/a.bin' }).isDisabled(), false);
    await page.getByRole('button', { name: 'Delete the upload of team/a.bin' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete parts' }).click();
    await page.getByText(/Deleted the upload of team\/a.bin/).waitFor();
    assert.equal((await f.bucket('shared')).counters.uploads, 1);
  });
});
