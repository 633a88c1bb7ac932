import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { callAdmin } from '../../src/cli/admin-client.js';
import type { ClientOptions } from '../../src/cli/client-options.js';
import { testCredentials, type CairnProcess } from '../support/cairn-process.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const DAY = 86_400_000;

export function s3Client(server: CairnProcess): S3Client {
  return new S3Client({ endpoint: server.url, region: 'us-east-1', forcePathStyle: true, credentials: testCredentials });
}

export function adminOptions(server: CairnProcess): ClientOptions {
  return {
    endpoint: server.url,
    accessKeyId: testCredentials.accessKeyId,
    secretAccessKey: testCredentials.secretAccessKey,
    region: 'us-east-1',
    json: true,
  };
}

/** The admin API through the signed JSON client the CLI uses. */
export function admin(
  server: CairnProcess,
  method: string,
  apiPath: string,
  query: Record<string, string | undefined> = {},
  body?: unknown,
): Promise<unknown> {
  return callAdmin(adminOptions(server), method, apiPath, query, body);
}

/** Runs `cairn ...` against the server; resolves with what it printed and its exit code. */
export function cairn(server: CairnProcess, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'cairn.js'), ...args, '--endpoint', server.url],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: testCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

/** `cairn ... --json`, parsed; fails with what the command printed when it does not exit 0. */
export async function cairnJson<T>(server: CairnProcess, args: readonly string[]): Promise<T> {
  const r = await cairn(server, [...args, '--json']);
  if (r.code !== 0) throw new Error(`cairn ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Bytes of blob files in the server's data directory: what the disk really holds. */
export function blobBytesOnDisk(server: CairnProcess): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else total += st.size;
    }
  };
  walk(path.join(server.dataDir, 'blobs'));
  return total;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface PassTotals {
  uploadsAborted: number;
  partsFreed: number;
  bytesFreed: number;
  objectsExpired: number;
  bytesExpired: number;
  objectsTransitioned: number;
  bytesTransitioned: number;
  versionsExpired: number;
  versionBytesExpired: number;
  versionsTransitioned: number;
  versionBytesTransitioned: number;
  deleteMarkersExpired: number;
}

export interface PassJson {
  id: number;
  reason: string;
  state: string;
  evaluatedAt: string;
  resumed: number;
  totals: PassTotals;
  rules: (PassTotals & { bucket: string; ruleId: string })[];
}

export const noTotals: PassTotals = {
  uploadsAborted: 0,
  partsFreed: 0,
  bytesFreed: 0,
  objectsExpired: 0,
  bytesExpired: 0,
  objectsTransitioned: 0,
  bytesTransitioned: 0,
  versionsExpired: 0,
  versionBytesExpired: 0,
  versionsTransitioned: 0,
  versionBytesTransitioned: 0,
  deleteMarkersExpired: 0,
};
