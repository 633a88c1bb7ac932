import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { testCredentials } from '../support/cairn-process.js';
import { rawHttp, type RawHttpRequest, type RawHttpResponse } from '../support/raw-http.js';
import type { Credentials } from '../support/signers.js';
import { treeHash } from '../glacier/glacier-support.js';
import { pathOf, Wire } from './wire.js';

export interface KnownPart {
  readonly partNumber: number;
  readonly etag: string;
}

/**
 * The protected state every hostile batch aims at: what a careless server would destroy. Objects small
 * (inline) and large (own files), a completed multipart object, incomplete uploads with parts, an
 * appendable OSS object, a lifecycle configuration, a vault with an archive and an upload with a part,
 * and another account's bucket, upload and vault.
 */
export interface World {
  readonly main: Credentials;
  readonly other: Credentials;
  readonly s3: {
    readonly bucket: string;
    readonly keys: readonly string[];
    readonly upload: { readonly key: string; readonly id: string; readonly parts: readonly KnownPart[] };
  };
  readonly oss: {
    readonly bucket: string;
    readonly keys: readonly string[];
    readonly appendKey: string;
    readonly appendLength: number;
    readonly upload: { readonly key: string; readonly id: string; readonly parts: readonly KnownPart[] };
  };
  readonly glacier: {
    readonly vault: string;
    readonly archiveId: string;
    readonly upload: { readonly id: string; readonly partSize: number; readonly size: number; readonly treeHash: string };
  };
  readonly theirs: { readonly bucket: string; readonly key: string; readonly uploadId: string; readonly archiveId: string };
  /** Every bucket and vault above, by metadata id. */
  readonly bucketIds: readonly number[];
}

const MiB = 1024 * 1024;

export function pattern(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 17 + (i >> 8)) & 0xff;
  return out;
}

export const md5Base64 = (data: Buffer | string) => createHash('md5').update(data).digest('base64');
const uploadIdOf = (res: RawHttpResponse) => /<UploadId>([^<]+)<\/UploadId>/.exec(res.body.toString())?.[1] ?? '';

async function ok(port: number, req: RawHttpRequest, status = 200): Promise<RawHttpResponse> {
  const res = await rawHttp(port, req);
  assert.equal(res.status, status, `${req.method} ${req.rawPath}?${req.rawQuery ?? ''}: ${res.body.toString().slice(0, 300)}`);
  return res;
}

export async function buildWorld(port: number, dataDir: string): Promise<World> {
  const w = new Wire(port);
  const created = await ok(port, w.admin('POST', '/_cairn/admin/v1/accounts', { body: '{"name":"hostile-other"}' }), 201);
  const other = JSON.parse(created.body.toString()) as Credentials;

  // S3: a bucket with small, large, multipart and non-ASCII objects, an upload with two parts, a lifecycle rule.
  const bucket = 'hk-main';
  await ok(port, w.s3('PUT', pathOf(bucket)));
  const keys = ['keep/small', 'keep/big', 'keep/ünï cødé+&=?', 'keep/multi'];
  await ok(port, w.s3('PUT', pathOf(bucket, keys[0]), { body: 'a small object, kept inline' }));
  await ok(port, w.s3('PUT', pathOf(bucket, keys[1]), { body: pattern(300 * 1024, 1) }));
  await ok(port, w.s3('PUT', pathOf(bucket, keys[2]), { body: 'unicode key' }));
  const multi = uploadIdOf(await ok(port, w.s3('POST', pathOf(bucket, keys[3]), { query: 'uploads' })));
  const multiParts: KnownPart[] = [];
  for (const [n, body] of [
    [1, pattern(2048, 2)],
    [2, pattern(100, 3)],
  ] as const) {
    const res = await ok(port, w.s3('PUT', pathOf(bucket, keys[3]), { query: `partNumber=${n}&uploadId=${multi}`, body }));
    multiParts.push({ partNumber: n, etag: String(res.headers.etag) });
  }
  await ok(port, w.s3('POST', pathOf(bucket, keys[3]), { query: `uploadId=${multi}`, body: completeXml(multiParts) }));
  const pendingKey = 'keep/pending';
  const pending = uploadIdOf(await ok(port, w.s3('POST', pathOf(bucket, pendingKey), { query: 'uploads' })));
  const pendingParts: KnownPart[] = [];
  for (const [n, body] of [
    [1, pattern(4096, 4)],
    [2, pattern(300 * 1024, 5)],
  ] as const) {
    const res = await ok(port, w.s3('PUT', pathOf(bucket, pendingKey), { query: `partNumber=${n}&uploadId=${pending}`, body }));
    pendingParts.push({ partNumber: n, etag: String(res.headers.etag) });
  }
  const lifecycle = lifecycleXml();
  await ok(port, w.s3('PUT', pathOf(bucket), { query: 'lifecycle', body: lifecycle, headers: { 'content-md5': md5Base64(lifecycle) } }));

  // OSS: a bucket created through OSS, objects, an appendable object, an OSS upload with a part.
  const ossBucket = 'hk-oss';
  const t = (key?: string) => ({ bucket: ossBucket, key: key ?? '' });
  await ok(port, w.oss('V4', 'PUT', `/${ossBucket}/`, t()));
  const ossKeys = ['oss/a', 'oss/b'];
  for (const k of ossKeys) await ok(port, w.oss('V1', 'PUT', pathOf(ossBucket, k), t(k), { body: `oss object ${k}` }));
  const appendKey = 'oss/append';
  const appendBody = 'appended once';
  await ok(port, w.oss('V4', 'POST', pathOf(ossBucket, appendKey), t(appendKey), { query: 'append&position=0', body: appendBody }));
  const ossPendingKey = 'oss/pending';
  const ossUpload = uploadIdOf(
    await ok(port, w.oss('V4', 'POST', pathOf(ossBucket, ossPendingKey), t(ossPendingKey), { query: 'uploads' })),
  );
  const ossPart = await ok(
    port,
    w.oss('V1', 'PUT', pathOf(ossBucket, ossPendingKey), t(ossPendingKey), {
      query: `partNumber=1&uploadId=${ossUpload}`,
      body: pattern(1000, 6),
    }),
  );

  // Glacier: a vault with an archive, and an upload with its first 1 MiB part.
  const vault = 'hk-vault';
  await ok(port, w.glacier('PUT', `/-/vaults/${vault}`), 201);
  const archiveBody = pattern(5000, 7);
  const archive = await ok(
    port,
    w.glacier('POST', `/-/vaults/${vault}/archives`, { body: archiveBody, headers: { 'x-amz-sha256-tree-hash': treeHash(archiveBody) } }),
    201,
  );
  const glacierUpload = await ok(
    port,
    w.glacier('POST', `/-/vaults/${vault}/multipart-uploads`, { headers: { 'x-amz-part-size': String(MiB) } }),
    201,
  );
  const glacierUploadId = String(glacierUpload.headers['x-amz-multipart-upload-id']);
  const part = pattern(MiB, 8);
  await ok(
    port,
    w.glacier('PUT', `/-/vaults/${vault}/multipart-uploads/${glacierUploadId}`, {
      body: part,
      headers: { 'content-range': `bytes 0-${MiB - 1}/*`, 'x-amz-sha256-tree-hash': treeHash(part) },
    }),
    204,
  );

  // Another account: its own bucket, object, upload and a vault of the same name as ours.
  const theirBucket = 'hk-theirs';
  const as = { credentials: other };
  await ok(port, w.s3('PUT', pathOf(theirBucket), as));
  await ok(port, w.s3('PUT', pathOf(theirBucket, 'theirs/x'), { ...as, body: 'their object' }));
  const theirUpload = uploadIdOf(await ok(port, w.s3('POST', pathOf(theirBucket, 'theirs/pending'), { ...as, query: 'uploads' })));
  await ok(port, w.glacier('PUT', `/-/vaults/${vault}`, as), 201);
  const theirArchiveBody = pattern(100, 9);
  const theirArchive = await ok(
    port,
    w.glacier('POST', `/-/vaults/${vault}/archives`, {
      ...as,
      body: theirArchiveBody,
      headers: { 'x-amz-sha256-tree-hash': treeHash(theirArchiveBody) },
    }),
    201,
  );

  const db = new Database(path.join(dataDir, 'metadata.db'), { readonly: true });
  const bucketIds = (db.prepare('SELECT id FROM buckets ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  db.close();
  return {
    main: testCredentials,
    other,
    s3: { bucket, keys: [...keys, pendingKey], upload: { key: pendingKey, id: pending, parts: pendingParts } },
    oss: {
      bucket: ossBucket,
      keys: [...ossKeys, appendKey],
      appendKey,
      appendLength: appendBody.length,
      upload: { key: ossPendingKey, id: ossUpload, parts: [{ partNumber: 1, etag: String(ossPart.headers.etag) }] },
    },
    glacier: {
      vault,
      archiveId: String(archive.headers['x-amz-archive-id']),
      upload: { id: glacierUploadId, partSize: MiB, size: MiB, treeHash: treeHash(part) },
    },
    theirs: { bucket: theirBucket, key: 'theirs/x', uploadId: theirUpload, archiveId: String(theirArchive.headers['x-amz-archive-id']) },
    bucketIds,
  };
}

export function completeXml(parts: readonly KnownPart[]): string {
  return `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${p.etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
}

export function lifecycleXml(): string {
  return (
    '<LifecycleConfiguration><Rule><ID>keep-me</ID><Filter><Prefix>never/</Prefix></Filter><Status>Enabled</Status>' +
    '<AbortIncompleteMultipartUpload><DaysAfterInitiation>30</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule></LifecycleConfiguration>'
  );
}
