import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from '../support/s3-client.js';
import { blobFileBytes, consoleUrl, eventually, launchConsole, screenshot, signIn, type ConsoleBrowser } from './console-browser.js';

const KiB = 1024;

async function createUpload(s3: S3Client, bucket: string, key: string, partSizes: readonly number[]): Promise<string> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  for (const [i, size] of partSizes.entries()) {
    await s3.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: i + 1, Body: Buffer.alloc(size, i + 1) }));
  }
  return UploadId!;
}

async function listedUploads(s3: S3Client, bucket: string): Promise<{ key: string; uploadId: string }[]> {
  const out: { key: string; uploadId: string }[] = [];
  let KeyMarker: string | undefined;
  let UploadIdMarker: string | undefined;
  for (;;) {
    const r = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket, KeyMarker, UploadIdMarker }));
    for (const u of r.Uploads ?? []) out.push({ key: u.Key!, uploadId: u.UploadId! });
    if (r.IsTruncated !== true) return out;
    KeyMarker = r.NextKeyMarker;
    UploadIdMarker = r.NextUploadIdMarker;
  }
}

describe('Part Management in the web console (headless Chromium, data made with the SDK)', () => {
  let cairn: CairnProcess;
  let s3: S3Client;
  let browser: ConsoleBrowser;
  const bucket = 'parts-demo';
  const ids: Record<string, string> = {};

  before(async () => {
    cairn = await startCairnProcess();
    s3 = s3Client(cairn);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    // Parts above the inline limit (16 KiB), so that each lives in a file of the data directory.
    ids.a = await createUpload(s3, bucket, 'logs/a.bin', [100 * KiB, 50 * KiB]);
    ids.b = await createUpload(s3, bucket, 'logs/b.bin', [300 * KiB]);
    ids.c = await createUpload(s3, bucket, 'data/c.bin', [20 * KiB, 20 * KiB, 20 * KiB]);
    browser = await launchConsole();
  });
  after(async () => {
    await browser?.close();
    await cairn?.dispose();
  });

  const rowOf = (key: string) =>
    browser.page.getByRole('row').filter({ has: browser.page.getByRole('rowheader', { name: key, exact: true }) });

  it('signs in and lists the three incomplete uploads with their part counts and sizes', async () => {
    const { page } = browser;
    await signIn(page, cairn);
    await page.goto(consoleUrl(cairn, `/buckets/${bucket}/parts`));
    await rowOf('data/c.bin').waitFor();
    const cells = async (key: string) => (await rowOf(key).getByRole('cell').allInnerTexts()).map((t) => t.trim());
    const a = await cells('logs/a.bin');
    const b = await cells('logs/b.bin');
    const c = await cells('data/c.bin');
    // Columns: select, upload id, age, parts, bytes, class, cost, actions.
    assert.deepEqual([a[3], a[4]], ['2', '150 KiB']);
    assert.deepEqual([b[3], b[4]], ['1', '300 KiB']);
    assert.deepEqual([c[3], c[4]], ['3', '60.0 KiB']);
    assert.match(await page.getByText(/This bucket has/).innerText(), /3 incomplete uploads holding 6 parts, 510 KiB/);
    await screenshot(page, 'parts-list');
  });

  it('searches by key prefix and sorts by size on the server', async () => {
    const { page } = browser;
    await page.getByLabel('Key prefix').fill('logs/');
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(
      () => page.getByRole('rowheader').allInnerTexts(),
      (k) => k.length === 2,
    );
    assert.deepEqual((await page.getByRole('rowheader').allInnerTexts()).sort(), ['logs/a.bin', 'logs/b.bin']);
    await page.getByLabel('Key prefix').fill('');
    await page.getByRole('button', { name: 'Search' }).click();
    await eventually(
      () => page.getByRole('rowheader').allInnerTexts(),
      (k) => k.length === 3,
    );
    await page.getByRole('button', { name: /^Size/ }).click();
    const bySize = await eventually(
      () => page.getByRole('rowheader').allInnerTexts(),
      (k) => k.join() === 'logs/b.bin,logs/a.bin,data/c.bin',
    );
    assert.deepEqual(bySize, ['logs/b.bin', 'logs/a.bin', 'data/c.bin']);
    assert.equal(await page.getByRole('columnheader', { name: /^Size/ }).getAttribute('aria-sort'), 'descending');
    await page.getByRole('button', { name: /^Size/ }).click();
    assert.deepEqual(
      await eventually(
        () => page.getByRole('rowheader').allInnerTexts(),
        (k) => k[0] === 'data/c.bin',
      ),
      ['data/c.bin', 'logs/a.bin', 'logs/b.bin'],
    );
  });

  it('drills into the parts of one upload', async () => {
    const { page } = browser;
    await rowOf('data/c.bin').getByRole('button', { name: 'Parts' }).click();
    const drill = page.locator('#parts-drill');
    await drill.getByRole('table').waitFor();
    const parts = await drill.getByRole('rowheader').allInnerTexts();
    assert.deepEqual(parts, ['1', '2', '3']);
    const sizes = await drill.locator('tbody tr td:nth-child(2)').allInnerTexts();
    assert.deepEqual(sizes, ['20.0 KiB', '20.0 KiB', '20.0 KiB']);
    await screenshot(page, 'parts-drill-down');
  });

  it('deletes one upload from its row after a confirmation that says parts cannot be restored', async () => {
    const { page } = browser;
    const before = blobFileBytes(cairn.dataDir);
    await rowOf('logs/b.bin').getByRole('button', { name: 'Delete the upload of logs/b.bin' }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /cannot be restored/);
    await screenshot(page, 'parts-confirm-delete');
    await dialog.getByRole('button', { name: 'Delete parts' }).click();
    await page.getByText(/Deleted the upload of logs\/b.bin: 1 part, 300 KiB freed/).waitFor();
    assert.deepEqual((await listedUploads(s3, bucket)).map((u) => u.uploadId).sort(), [ids.a, ids.c].sort());
    assert.equal(
      await eventually(
        () => before - blobFileBytes(cairn.dataDir),
        (d) => d === 300 * KiB,
      ),
      300 * KiB,
    );
  });

  it('selects two uploads and deletes them together', async () => {
    const { page } = browser;
    const before = blobFileBytes(cairn.dataDir);
    await page.getByLabel('Select the upload of logs/a.bin').check();
    await page.getByLabel('Select the upload of data/c.bin').check();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /5 parts, 210 KiB in all/);
    assert.match(await dialog.innerText(), /cannot be restored/);
    await dialog.getByRole('button', { name: 'Delete 2' }).click();
    await page.getByText(/Deleted 2 uploads: 5 parts, 210 KiB freed/).waitFor();
    assert.deepEqual(await listedUploads(s3, bucket), []);
    assert.equal(
      await eventually(
        () => before - blobFileBytes(cairn.dataDir),
        (d) => d === 210 * KiB,
      ),
      210 * KiB,
    );
    assert.equal(blobFileBytes(cairn.dataDir), 0);
    await page.getByText('No incomplete uploads.').waitFor();
  });

  it('deletes all 2,500 incomplete uploads of a bucket on the server, in batches, with progress', async () => {
    const { page } = browser;
    const many = 'many-uploads';
    await s3.send(new CreateBucketCommand({ Bucket: many }));
    const total = 2500;
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          const i = next++;
          await createUpload(s3, many, `batch/${String(i).padStart(5, '0')}.bin`, [17 * KiB]);
        }
      }),
    );
    assert.equal((await listedUploads(s3, many)).length, total);
    const before = blobFileBytes(cairn.dataDir);
    assert.equal(before, total * 17 * KiB);
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/_cairn/console/api/') && r.method() !== 'GET') apiCalls.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(consoleUrl(cairn, `/buckets/${many}/parts`));
    await page
      .getByText(/2,500 uploads/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Delete all' }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /2,500 uploads, 41\.5 MiB of parts/);
    assert.match(await dialog.innerText(), /cannot be restored/);
    await dialog.getByRole('button', { name: 'Delete all' }).click();
    await page.getByRole('progressbar', { name: 'Delete All progress' }).waitFor();
    await page
      .getByText(/Delete All finished\. 2,500 of 2,500 uploads deleted, 2,500 parts, 41\.5 MiB freed/)
      .waitFor({ timeout: 120_000 });
    await screenshot(page, 'parts-delete-all-done');
    // One request started it; the server did the rest.
    assert.deepEqual(apiCalls, [`POST /_cairn/console/api/v1/buckets/${many}/uploads/delete-all`]);
    assert.deepEqual(await listedUploads(s3, many), []);
    assert.equal(
      await eventually(
        () => blobFileBytes(cairn.dataDir),
        (b) => b === 0,
      ),
      0,
    );
  });
});
