import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { LifecycleActionRecord } from '../../core/ports/lifecycle-store.js';
import { SqliteMetadataStore } from './sqlite-metadata-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cairn-lifecycle-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function storeWithBucket() {
  const file = path.join(dir, `l${++n}.db`);
  const meta = new SqliteMetadataStore({ path: file });
  const bucket = await meta.createBucket({ namespace: 's3', name: 'b', accountId: '111111111111', region: 'us-east-1', storageClass: 'standard', createdAt: 0 });
  let blob = 0;
  const put = (key: string, now: number) => {
    const blobId = (++blob).toString(16).padStart(32, '0');
    return meta.putObject({
      bucketId: bucket.id,
      key,
      size: 1,
      etag: 'e',
      attributes: { userMetadata: {}, storageClass: 'standard' },
      partsCount: null,
      checksum: null,
      digests: {},
      extra: {},
      parts: [{ partNumber: 1, size: 1, etag: 'e', digests: {}, segments: [{ blobId, blobOffset: 0, length: 1 }] }],
      newBlobs: [{ blobId, size: 1 }],
      now,
    });
  };
  return { file, meta, bucket, put };
}

const action = (target: string, over: Partial<LifecycleActionRecord> = {}): LifecycleActionRecord => ({
  passId: 1,
  kind: 'abort-upload',
  target,
  bucketId: 1,
  bucketName: 'b',
  ruleId: 'r',
  key: `k/${target}`,
  parts: 2,
  bytes: 10,
  fromClass: 'standard',
  toClass: null,
  dueAt: 0,
  state: 'pending',
  settledAt: null,
  ...over,
});

describe('the SQLite lifecycle store', () => {
  it('walks a bucket\'s objects oldest first and resumes exactly after a cursor, ties included', async () => {
    const { meta, bucket, put } = await storeWithBucket();
    try {
      for (const [key, t] of [['c', 20], ['a', 10], ['b', 10], ['d', 10], ['e', 30]] as const) await put(key, t);
      const all = await meta.lifecycle.listObjectsByAge({ bucketId: bucket.id, modifiedBefore: 25, limit: 100 });
      assert.deepEqual(all.map((o) => o.key), ['a', 'b', 'd', 'c']);
      const first = await meta.lifecycle.listObjectsByAge({ bucketId: bucket.id, modifiedBefore: 25, limit: 2 });
      const last = first.at(-1)!;
      const rest = await meta.lifecycle.listObjectsByAge({ bucketId: bucket.id, modifiedBefore: 25, limit: 100, after: { lastModified: last.lastModified, objectId: last.id } });
      assert.deepEqual([...first, ...rest].map((o) => o.key), ['a', 'b', 'd', 'c']);
    } finally {
      await meta.close();
    }
  });

  it('records an action once per pass and target, and settles only what is pending', async () => {
    const { meta } = await storeWithBucket();
    const store = meta.lifecycle;
    try {
      const pass = await store.createPass({ reason: 'manual', evaluatedAt: 5, startedAt: 1 });
      await store.recordActions([action('u1', { passId: pass.id }), action('u2', { passId: pass.id })]);
      await store.recordActions([action('u1', { passId: pass.id, bytes: 999 })]);
      assert.deepEqual((await store.pendingActions(pass.id)).map((a) => [a.target, a.bytes]), [['u1', 10], ['u2', 10]]);
      await store.settleAction(pass.id, 'u1', 'done', 7, { parts: 3, bytes: 12 });
      await store.settleAction(pass.id, 'u1', 'skipped', 8);
      await store.settleAction(pass.id, 'u2', 'skipped', 8);
      const actions = await store.listActions(pass.id, 0, 10);
      assert.deepEqual(actions.map((a) => [a.target, a.state, a.parts, a.bytes, a.settledAt]), [['u1', 'done', 3, 12, 7], ['u2', 'skipped', 2, 10, 8]]);
      assert.deepEqual(await store.passTotals(pass.id), [
        { bucketId: 1, bucketName: 'b', ruleId: 'r', uploadsAborted: 1, partsFreed: 3, bytesFreed: 12, objectsExpired: 0, bytesExpired: 0, objectsTransitioned: 0, bytesTransitioned: 0 },
      ]);
      await store.savePassCursor(pass.id, { bucketId: 1, phase: 'objects', after: { time: 3, id: '9' } });
      await store.markPassResumed(pass.id);
      assert.deepEqual((await store.runningPasses()).map((p) => [p.id, p.cursor, p.resumed]), [[pass.id, { bucketId: 1, phase: 'objects', after: { time: 3, id: '9' } }, 1]]);
      await store.finishPass(pass.id, 'completed', 9);
      assert.deepEqual(await store.runningPasses(), []);
      assert.equal((await store.getPass(pass.id))?.state, 'completed');
    } finally {
      await meta.close();
    }
  });

  it('seeks the time-ordered indexes rather than scanning uploads, objects or events', async () => {
    const { file, meta } = await storeWithBucket();
    await meta.close();
    const db = new Database(file, { readonly: true });
    try {
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<number>((sql.match(/\?/g) ?? []).length).fill(1)) as { detail: string }[]).map((r) => r.detail).join('; ');
      assert.match(
        plan("SELECT * FROM uploads WHERE state = 'active' AND initiated_at <= ? AND (initiated_at, id) > (?, ?) AND bucket_id = ? ORDER BY initiated_at, id LIMIT ?"),
        /SEARCH uploads USING INDEX uploads_active_by_bucket_age/,
      );
      assert.match(
        plan('SELECT * FROM objects INDEXED BY objects_by_age WHERE bucket_id = ? AND last_modified <= ? AND (last_modified, id) > (?, ?) ORDER BY last_modified, id LIMIT ?'),
        /SEARCH objects USING INDEX objects_by_age/,
      );
      assert.match(
        plan("SELECT s.at FROM usage_events s WHERE s.object_id = ? AND s.id < ? AND s.kind = 'object' AND s.count_delta = 1 ORDER BY s.id DESC LIMIT 1"),
        /SEARCH s USING INDEX usage_events_by_object/,
      );
    } finally {
      db.close();
    }
  });
});
