import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';
import { consoleUrl, launchConsole, screenshot, signIn, type ConsoleBrowser } from './console-browser.js';

const KiB = 1024;

describe('Console pages: buckets, objects, lifecycle, usage, admin (headless Chromium)', () => {
  let cairn: CairnProcess;
  let s3: S3Client;
  let browser: ConsoleBrowser;

  before(async () => {
    cairn = await startCairnProcess();
    s3 = s3Client(cairn);
    await s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
    await s3.send(new CreateBucketCommand({ Bucket: 'backups' }));
    for (const key of ['2024/jan/a.jpg', '2024/jan/b.jpg', '2024/feb/c.jpg', 'readme.txt']) {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'photos',
          Key: key,
          Body: Buffer.alloc(40 * KiB, 7),
          ContentType: 'image/jpeg',
          Metadata: { camera: 'x100' },
        }),
      );
    }
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'backups', Key: 'old/db.dump' }));
    await s3.send(
      new UploadPartCommand({ Bucket: 'backups', Key: 'old/db.dump', UploadId, PartNumber: 1, Body: Buffer.alloc(64 * KiB, 1) }),
    );
    await s3.send(new CreateMultipartUploadCommand({ Bucket: 'backups', Key: 'new/db.dump' }));
    browser = await launchConsole();
    await signIn(browser.page, cairn);
  });
  after(async () => {
    await browser?.close();
    await cairn?.dispose();
  });

  it('lists buckets from their counters and explains why a bucket with parts is not deleted, linking to its Part Management', async () => {
    const { page } = browser;
    await page.goto(consoleUrl(cairn, '/buckets'));
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'backups' }) });
    await row.waitFor();
    const cells = (await row.getByRole('cell').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(cells.slice(1, 5), ['0', '0 bytes', '2', '64.0 KiB']);
    await screenshot(page, 'buckets');
    await row.getByRole('button', { name: 'Delete bucket backups' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'cannot be deleted from the console' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /2 incomplete multipart uploads whose parts take 64\.0 KiB/);
    await screenshot(page, 'buckets-delete-refused');
    await alert.getByRole('link', { name: 'Part Management for backups' }).click();
    await page.getByRole('heading', { name: 'Part Management' }).waitFor();
    assert.match(page.url(), /#\/buckets\/backups\/parts$/);
    await s3.send(new HeadBucketCommand({ Bucket: 'backups' }));
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'backups' }))).Uploads?.length, 2);
  });

  it('refuses the same delete through the API with 409 BucketNotEmpty, whatever the page does', async () => {
    const { page } = browser;
    const r = await page.evaluate(async () => {
      const s = (await (await fetch('/_cairn/console/api/v1/session')).json()) as { csrfToken: string };
      const res = await fetch('/_cairn/console/api/v1/buckets/backups', { method: 'DELETE', headers: { 'x-cairn-csrf': s.csrfToken } });
      return { status: res.status, body: (await res.json()) as { error: { code: string; details: Record<string, number> } } };
    });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'BucketNotEmpty');
    assert.equal(r.body.error.details.IncompleteUploadCount, 2);
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'backups' }))).Uploads?.length, 2);
  });

  it('browses objects by folder, searches by prefix and shows an object’s details', async () => {
    const { page } = browser;
    await page.goto(consoleUrl(cairn, '/buckets/photos/objects'));
    await page.getByRole('link', { name: /2024\// }).waitFor();
    assert.deepEqual(await page.getByRole('rowheader').allInnerTexts(), ['📁 2024/', 'readme.txt']);
    await page.getByRole('link', { name: /2024\// }).click();
    await page.getByRole('link', { name: /jan\// }).waitFor();
    assert.deepEqual(await page.getByRole('rowheader').allInnerTexts(), ['📁 feb/', '📁 jan/']);
    await page.getByRole('link', { name: /jan\// }).click();
    await page.getByRole('rowheader', { name: 'a.jpg' }).waitFor();
    await page.getByLabel('Search by prefix').fill('b');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('rowheader', { name: 'a.jpg' }).waitFor({ state: 'detached' });
    assert.deepEqual(await page.getByRole('rowheader').allInnerTexts(), ['b.jpg']);
    await page.getByRole('button', { name: 'Details' }).click();
    const facts = page.locator('.facts');
    await facts.waitFor();
    const text = await facts.innerText();
    assert.match(text, /40\.0 KiB \(40,960 bytes\)/);
    assert.match(text, /image\/jpeg/);
    assert.match(text, /camera: x100/);
    assert.match(text, /single upload/);
    await screenshot(page, 'objects-details');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'b.jpg');
  });

  it('writes an abort-after-N-days rule and previews what the engine would free', async () => {
    const { page } = browser;
    await page.goto(consoleUrl(cairn, '/buckets/backups/lifecycle'));
    await page.getByText('No rule aborts incomplete uploads yet.').waitFor();
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Rule ID').fill('abort-old');
    await page.getByLabel('Key prefix (empty: the whole bucket)').fill('old/');
    await page.getByLabel('Days after initiation').fill('2');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Rules saved.').waitFor();
    const rules = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'backups' }));
    assert.equal(rules.Rules?.length, 1);
    assert.equal(rules.Rules?.[0]?.ID, 'abort-old');
    assert.equal(rules.Rules?.[0]?.AbortIncompleteMultipartUpload?.DaysAfterInitiation, 2);
    assert.equal(rules.Rules?.[0]?.Filter?.Prefix ?? rules.Rules?.[0]?.Prefix, 'old/');
    // Three days on, the rule is due for old/db.dump (1 part, 64 KiB) and not for new/db.dump.
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Evaluate').selectOption('date');
    await page.getByLabel('Date', { exact: true }).fill(inThreeDays);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.locator('.preview');
    await preview.waitFor();
    assert.match(await preview.innerText(), /would abort 1 incomplete upload, freeing 1 part and 64\.0 KiB/);
    assert.deepEqual(await preview.getByRole('rowheader').allInnerTexts(), ['old/db.dump']);
    await screenshot(page, 'lifecycle');
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'backups' }))).Uploads?.length, 2);
  });

  it('charts storage by class and kind with cost, per bucket and in total', async () => {
    const { page } = browser;
    await page.goto(consoleUrl(cairn, '/usage'));
    await page.getByRole('img', { name: 'Stored bytes by class and kind' }).waitFor();
    const legend = await page.locator('.legend').first().innerText();
    assert.match(legend, /standard objects/);
    assert.match(legend, /standard parts of incomplete uploads/);
    const photos = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'photos' }) });
    assert.deepEqual((await photos.getByRole('cell').allInnerTexts()).slice(0, 2), ['160 KiB', '0 bytes']);
    const backups = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'backups' }) });
    assert.deepEqual((await backups.getByRole('cell').allInnerTexts()).slice(0, 2), ['0 bytes', '64.0 KiB']);
    await screenshot(page, 'usage');
  });

  it('creates an account and shows its secret once', async () => {
    const { page } = browser;
    await page.goto(consoleUrl(cairn, '/admin/accounts'));
    await page.getByLabel('New account name').fill('team-b');
    await page.getByRole('button', { name: 'Create account' }).click();
    const secret = page.locator('.secret');
    await secret.waitFor();
    assert.match(await secret.innerText(), /shown only this once/);
    await page.getByRole('rowheader', { name: 'team-b' }).waitFor();
    await screenshot(page, 'admin-accounts');
    await page.reload();
    await page.getByRole('rowheader', { name: 'team-b' }).waitFor();
    assert.equal(await page.locator('.secret').count(), 0);
  });

  it('is readable at phone width', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(consoleUrl(cairn, '/buckets/backups/parts'));
    await page.getByRole('rowheader', { name: 'old/db.dump' }).waitFor();
    assert.equal(await page.getByLabel('Sort', { exact: true }).isVisible(), true);
    await screenshot(page, 'phone-parts');
    await page.goto(consoleUrl(cairn, '/buckets'));
    await page.getByRole('rowheader', { name: 'photos' }).waitFor();
    await screenshot(page, 'phone-buckets');
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
