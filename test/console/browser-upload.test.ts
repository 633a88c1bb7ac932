import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client } from '../support/s3-client.js';
import { blobFileBytes, consoleUrl, eventually, launchConsole, screenshot, signIn, type ConsoleBrowser } from './console-browser.js';

const MiB = 1024 * 1024;

/** The multipart ETag S3 gives an object made of these parts: md5 of the parts' md5s, then -N. */
function multipartEtag(data: Buffer, partSize: number): string {
  const md5s: Buffer[] = [];
  for (let off = 0; off < data.length; off += partSize)
    md5s.push(
      createHash('md5')
        .update(data.subarray(off, off + partSize))
        .digest(),
    );
  return `${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${md5s.length}`;
}

describe('Uploads from the browser through the console (multipart, progress, cancel)', () => {
  let cairn: CairnProcess;
  let s3: S3Client;
  let browser: ConsoleBrowser;
  let dir: string;
  const bucket = 'browser-files';

  before(async () => {
    cairn = await startCairnProcess();
    s3 = s3Client(cairn);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-console-files-'));
    browser = await launchConsole();
    await signIn(browser.page, cairn);
  });
  after(async () => {
    await browser?.close();
    await cairn?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a 50 MiB file in parts with progress, and the SDK reads the same bytes and ETag', async () => {
    const { page } = browser;
    const data = randomBytes(50 * MiB);
    const file = path.join(dir, 'video.bin');
    writeFileSync(file, data);
    await page.goto(consoleUrl(cairn, `/buckets/${bucket}/objects`));
    await page.getByText('This bucket has no objects.').waitFor();
    await page.setInputFiles('#upload-files', file);
    const line = page.locator('.upload-line').filter({ hasText: 'video.bin' });
    await line.getByRole('progressbar').waitFor();
    await line.filter({ hasText: 'done, ETag' }).waitFor({ timeout: 120_000 });
    const expected = multipartEtag(data, 8 * MiB);
    assert.match(await line.innerText(), new RegExp(`done, ETag ${expected}`));
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'video.bin' }));
    assert.equal(head.ETag, `"${expected}"`);
    assert.equal(head.ContentLength, 50 * MiB);
    const got = await bodyBytes((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'video.bin' }))).Body);
    assert.equal(createHash('sha256').update(got).digest('hex'), createHash('sha256').update(data).digest('hex'));
    await page.getByRole('rowheader', { name: 'video.bin' }).waitFor();
    await screenshot(page, 'objects-after-upload');
  });

  it('uploads several files at once', async () => {
    const { page } = browser;
    const files = ['notes-1.txt', 'notes-2.txt', 'notes-3.txt'].map((name, i) => {
      const file = path.join(dir, name);
      writeFileSync(file, Buffer.alloc(1000 * (i + 1), 65 + i));
      return file;
    });
    await page.setInputFiles('#upload-files', files);
    for (const name of ['notes-1.txt', 'notes-2.txt', 'notes-3.txt']) {
      await page.locator('.upload-line').filter({ hasText: name }).filter({ hasText: 'done, ETag' }).waitFor();
    }
    for (const [i, name] of ['notes-1.txt', 'notes-2.txt', 'notes-3.txt'].entries()) {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: name }));
      assert.equal(head.ContentLength, 1000 * (i + 1));
      assert.equal(head.ContentType, 'text/plain');
    }
  });

  it('cancels an upload midway: the upload is aborted and no part stays', async () => {
    const { page, context } = browser;
    const file = path.join(dir, 'big.iso');
    writeFileSync(file, randomBytes(48 * MiB));
    const before = blobFileBytes(cairn.dataDir);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 4 * MiB });
    try {
      await page.setInputFiles('#upload-files', file);
      const line = page.locator('.upload-line').filter({ hasText: 'big.iso' });
      const bar = line.getByRole('progressbar');
      await eventually(
        async () => Number(await bar.getAttribute('aria-valuenow')),
        (v) => v > 2 * MiB,
        30_000,
      );
      const listed = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
      assert.deepEqual(
        (listed.Uploads ?? []).map((u) => u.Key),
        ['big.iso'],
      );
      assert.match(await line.innerText(), /MiB\/s · .* left/);
      await screenshot(page, 'objects-upload-in-progress');
      await line.getByRole('button', { name: 'Cancel the upload of big.iso' }).click();
      await line.filter({ hasText: 'cancelled, its parts were deleted' }).waitFor();
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    }
    const after = await eventually(
      async () => (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [],
      (u) => u.length === 0,
    );
    assert.deepEqual(after, []);
    assert.equal(
      await eventually(
        () => blobFileBytes(cairn.dataDir),
        (b) => b === before,
      ),
      before,
    );
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'big.iso' })));
  });
});
