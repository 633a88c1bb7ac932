import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { testCredentials, type CairnProcess } from '../support/cairn-process.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
/** Screenshots of every console page, for a reviewer to look at (git-ignored). */
export const screenshotDir = path.join(repoRoot, 'test-output', 'console-screenshots');

export interface ConsoleBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile and none of its own network traffic. */
export async function launchConsole(viewport = { width: 1280, height: 800 }): Promise<ConsoleBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'cairn-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    acceptDownloads: true,
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
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function consoleUrl(cairn: Pick<CairnProcess, 'url'>, hash = ''): string {
  return `${cairn.url}/_cairn/console/${hash === '' ? '' : `#${hash}`}`;
}

export async function signIn(page: Page, cairn: Pick<CairnProcess, 'url'>, credentials = testCredentials): Promise<void> {
  await page.goto(consoleUrl(cairn));
  await page.getByLabel('Access key ID').fill(credentials.accessKeyId);
  await page.getByLabel('Secret access key').fill(credentials.secretAccessKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Bytes of blob files in the data directory (inline blobs live in the database and are not counted). */
export function blobFileBytes(dataDir: string): number {
  let total = 0;
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const full = path.join(dir, n);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else total += st.size;
    }
  };
  walk(path.join(dataDir, 'blobs'));
  return total;
}

/** Waits until `read` returns what `ok` accepts (the garbage reaper deletes files just after a commit). */
export async function eventually<T>(read: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
