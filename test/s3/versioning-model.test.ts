import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client } from '../support/s3-client.js';
import { blobBytesOnDisk } from '../lifecycle/helpers.js';

/** One version in the model: its id as the server named it, and the blobs (token -> size) its bytes live in. */
interface ModelVersion {
  readonly versionId: string;
  readonly marker: boolean;
  readonly body: Buffer;
  readonly blobs: ReadonlyMap<string, number>;
}

/** S3 versioning as documented, for one bucket: each key's versions newest first. */
class VersioningModel {
  readonly keys = new Map<string, ModelVersion[]>();
  enabled = true;

  private versionsOf(key: string): ModelVersion[] {
    let list = this.keys.get(key);
    if (list === undefined) this.keys.set(key, (list = []));
    return list;
  }

  /** A new latest version; a suspended bucket replaces its null version wherever it stands. */
  add(key: string, v: ModelVersion): void {
    const list = this.versionsOf(key);
    if (!this.enabled) {
      const i = list.findIndex((o) => o.versionId === 'null');
      if (i >= 0) list.splice(i, 1);
    }
    list.unshift(v);
  }

  removeVersion(key: string, versionId: string): void {
    const list = this.versionsOf(key);
    const i = list.findIndex((o) => o.versionId === versionId);
    if (i >= 0) list.splice(i, 1);
  }

  latest(key: string): ModelVersion | undefined {
    return this.keys.get(key)?.[0];
  }

  live(): { key: string; v: ModelVersion }[] {
    return [...this.keys.entries()].flatMap(([key, list]) => list.map((v) => ({ key, v })));
  }

  /** What the data directory must hold: every blob a version references, once. */
  referencedBytes(): number {
    const blobs = new Map<string, number>();
    for (const { v } of this.live()) for (const [t, size] of v.blobs) blobs.set(t, size);
    return [...blobs.values()].reduce((a, b) => a + b, 0);
  }
}

/** A small deterministic generator, so that a failure replays. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('versioning against a model of S3 versioning (random operations, @aws-sdk/client-s3)', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    // Every body a file, so that the data directory shows what the metadata keeps.
    server = await startCairnProcess({ args: ['--inline-max-size', '0', '--min-part-size', '5'] });
    s3 = s3Client(server);
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('agrees with the model after every operation, and the disk holds exactly the live versions’ bytes', async () => {
    const Bucket = 'model';
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const model = new VersioningModel();
    const rnd = prng(Number(process.env.CAIRN_MODEL_SEED ?? 20261207));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const keys = ['a', 'b', 'c/d', 'c/e'];
    let tokens = 0;
    const body = () => {
      const n = 1 + Math.floor(rnd() * 2000);
      return Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
    };
    const idOf = (versionId: string | undefined) => versionId ?? 'null';

    for (let step = 0; step < 160; step++) {
      const roll = rnd();
      const key = pick(keys);
      let did: string;
      if (roll < 0.3) {
        const b = body();
        const r = await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: b }));
        model.add(key, { versionId: idOf(r.VersionId), marker: false, body: b, blobs: new Map([[`t${++tokens}`, b.length]]) });
        did = `put ${key}`;
      } else if (roll < 0.45) {
        const r = await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
        assert.equal(r.DeleteMarker, true);
        model.add(key, { versionId: idOf(r.VersionId), marker: true, body: Buffer.alloc(0), blobs: new Map() });
        did = `delete ${key}`;
      } else if (roll < 0.65) {
        const candidates = model.live();
        if (candidates.length === 0) continue;
        const { key: k, v } = pick(candidates);
        const r = await s3.send(new DeleteObjectCommand({ Bucket, Key: k, VersionId: v.versionId }));
        assert.equal(r.VersionId, v.versionId);
        assert.equal(r.DeleteMarker === true, v.marker);
        model.removeVersion(k, v.versionId);
        did = `delete ${k}@${v.versionId}`;
      } else if (roll < 0.8) {
        const sources = model.live().filter((x) => !x.v.marker);
        if (sources.length === 0) continue;
        const { key: k, v } = pick(sources);
        if (k === key && model.latest(key) === v) {
          // S3 refuses to copy the current version onto itself unchanged; an older version restores.
          await assert.rejects(
            s3.send(new CopyObjectCommand({ Bucket, Key: key, CopySource: `${Bucket}/${k}?versionId=${v.versionId}` })),
            { name: 'InvalidRequest' },
          );
          continue;
        }
        const r = await s3.send(new CopyObjectCommand({ Bucket, Key: key, CopySource: `${Bucket}/${k}?versionId=${v.versionId}` }));
        assert.equal(r.CopySourceVersionId, v.versionId);
        model.add(key, { versionId: idOf(r.VersionId), marker: false, body: v.body, blobs: v.blobs });
        did = `copy ${k}@${v.versionId} -> ${key}`;
      } else if (roll < 0.92) {
        const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
        const parts = [body(), body()];
        const etags = [];
        for (const [i, p] of parts.entries()) {
          etags.push((await s3.send(new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: i + 1, Body: p }))).ETag);
        }
        const r = await s3.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId,
            MultipartUpload: { Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) },
          }),
        );
        const blobs = new Map(parts.map((p) => [`t${++tokens}`, p.length]));
        model.add(key, { versionId: idOf(r.VersionId), marker: false, body: Buffer.concat(parts), blobs });
        did = `multipart ${key}`;
      } else {
        model.enabled = !model.enabled;
        const Status = model.enabled ? 'Enabled' : 'Suspended';
        await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status } }));
        did = `versioning ${Status}`;
      }
      await assertAgrees(s3, Bucket, model, `step ${step}: ${did}`);
    }
    assert.equal(blobBytesOnDisk(server), model.referencedBytes(), 'blob bytes on disk');
    // Deleting every version leaves nothing behind.
    for (const { key, v } of model.live()) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: key, VersionId: v.versionId }));
      model.removeVersion(key, v.versionId);
    }
    await assertAgrees(s3, Bucket, model, 'after deleting every version');
    assert.equal(blobBytesOnDisk(server), 0);
  });
});

async function assertAgrees(s3: S3Client, Bucket: string, model: VersioningModel, when: string): Promise<void> {
  const listed: string[] = [];
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  for (;;) {
    const r = await s3.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 7, KeyMarker, VersionIdMarker }));
    // One page mixes Version and DeleteMarker entries; S3 orders them by key, then newest first.
    const page = [
      ...(r.Versions ?? []).map((v) => ({ key: v.Key!, id: v.VersionId!, latest: v.IsLatest === true, marker: false, at: v.LastModified })),
      ...(r.DeleteMarkers ?? []).map((m) => ({
        key: m.Key!,
        id: m.VersionId!,
        latest: m.IsLatest === true,
        marker: true,
        at: m.LastModified,
      })),
    ];
    for (const e of orderLikeModel(page, model)) listed.push(`${e.key}@${e.id}${e.marker ? ' marker' : ''}${e.latest ? ' latest' : ''}`);
    if (r.IsTruncated !== true) break;
    KeyMarker = r.NextKeyMarker;
    VersionIdMarker = r.NextVersionIdMarker;
  }
  const expected = [...model.keys.keys()]
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .flatMap((key) => model.keys.get(key)!.map((v, i) => `${key}@${v.versionId}${v.marker ? ' marker' : ''}${i === 0 ? ' latest' : ''}`));
  assert.deepEqual(listed, expected, when);
  for (const key of model.keys.keys()) {
    const latest = model.latest(key);
    if (latest === undefined || latest.marker) {
      await assert.rejects(s3.send(new GetObjectCommand({ Bucket, Key: key })), { name: 'NoSuchKey' }, when);
    } else {
      const got = await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key: key }))).Body);
      assert.equal(sha(got), sha(latest.body), `${when}: body of ${key}`);
    }
  }
}

/** The SDK splits a page into Versions and DeleteMarkers; put them back in the order the model keeps. */
function orderLikeModel<T extends { key: string; id: string }>(entries: T[], model: VersioningModel): T[] {
  const rank = (e: T) => model.keys.get(e.key)?.findIndex((v) => v.versionId === e.id) ?? -1;
  return entries.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) || rank(a) - rank(b));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
