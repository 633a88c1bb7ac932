import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  GetBucketLifecycleConfigurationCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { runTool, type ToolResult } from '../support/run-tool.js';

export const cairnBin = path.resolve(import.meta.dirname, '..', '..', '..', 'bin', 'cairn.js');

/** An empty HOME, so that no ~/.aws file or checkpoint of the machine's user is read. */
export function freshHome(): string {
  return mkdtempSync(path.join(tmpdir(), 'cairn-cli-home-'));
}

/** The environment a user of a Cairn server would have: endpoint and root keys, nothing else. */
export function cairnEnv(server: Pick<CairnProcess, 'url'>, home: string): Record<string, string> {
  return {
    HOME: home,
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: testCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: testCredentials.secretAccessKey,
    AWS_PROFILE: '',
    AWS_REGION: '',
    AWS_DEFAULT_REGION: '',
    AWS_CONFIG_FILE: '',
    AWS_SHARED_CREDENTIALS_FILE: '',
    OSS_ACCESS_KEY_ID: '',
    OSS_ACCESS_KEY_SECRET: '',
    OSS_ENDPOINT: '',
    OSS_REGION: '',
  };
}

export function cairnCli(args: readonly string[], env: Record<string, string>, input?: string): Promise<ToolResult> {
  return runTool(process.execPath, [cairnBin, ...args], { env, ...(input === undefined ? {} : { input }) });
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * Everything a destructive command could change, seen two ways: through the S3 API (buckets, objects,
 * uploads, parts, lifecycle rules) and in the data directory (blob files with their sizes, and the rows
 * of the metadata database).
 */
export async function snapshot(s3: S3Client, dataDir: string): Promise<string> {
  const api: unknown[] = [];
  for (const b of (await s3.send(new ListBucketsCommand({}))).Buckets ?? []) {
    const objects = (await s3.send(new ListObjectsV2Command({ Bucket: b.Name }))).Contents?.map((o) => [o.Key, o.Size, o.ETag]) ?? [];
    const uploads = [];
    for (const u of (await s3.send(new ListMultipartUploadsCommand({ Bucket: b.Name }))).Uploads ?? []) {
      const parts = await s3.send(new ListPartsCommand({ Bucket: b.Name, Key: u.Key, UploadId: u.UploadId }));
      uploads.push([u.Key, u.UploadId, parts.Parts?.map((p) => [p.PartNumber, p.Size, p.ETag])]);
    }
    const rules = await s3
      .send(new GetBucketLifecycleConfigurationCommand({ Bucket: b.Name }))
      .then((r) => r.Rules?.map((x) => x.ID))
      .catch((e: Error) => e.name);
    api.push({ bucket: b.Name, objects, uploads, rules });
  }
  const blobs: [string, number][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else blobs.push([path.relative(dataDir, full), st.size]);
    }
  };
  walk(path.join(dataDir, 'blobs'));
  const db = new Database(path.join(dataDir, 'metadata.db'), { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const rows = {
      buckets: count('SELECT count(*) AS n FROM buckets'),
      objects: count('SELECT count(*) AS n FROM objects'),
      activeUploads: count("SELECT count(*) AS n FROM uploads WHERE state = 'active'"),
      parts: count('SELECT count(*) AS n FROM parts'),
      accounts: count('SELECT count(*) AS n FROM accounts'),
      bucketConfig: db.prepare('SELECT * FROM bucket_config ORDER BY 1, 2').all(),
    };
    return JSON.stringify({ api, blobs, rows }, null, 1);
  } finally {
    db.close();
  }
}
