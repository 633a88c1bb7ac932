import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteMetadataStore } from './sqlite-metadata-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cairn-migration-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('usage events migration', () => {
  it('opens a database written before events carried identities, keeps its events and records identities from then on', async () => {
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`
      CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO settings VALUES ('schema_version', '1');
      CREATE TABLE usage_events (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, account_id TEXT NOT NULL, bucket_id INTEGER NOT NULL,
        bucket_name TEXT NOT NULL, storage_class TEXT NOT NULL, kind TEXT NOT NULL, bytes_delta INTEGER NOT NULL, count_delta INTEGER NOT NULL);
      INSERT INTO usage_events (at, account_id, bucket_id, bucket_name, storage_class, kind, bytes_delta, count_delta)
        VALUES (1000, '111111111111', 1, 'legacy', 'standard', 'object', 42, 1);
    `);
    old.close();

    const meta = new SqliteMetadataStore({ path: file });
    try {
      const bucket = await meta.createBucket({
        namespace: 's3',
        name: 'fresh',
        accountId: '111111111111',
        region: 'us-east-1',
        storageClass: 'standard',
        createdAt: 2000,
      });
      const upload = await meta.createUpload({
        id: 'u'.repeat(43),
        bucketId: bucket.id,
        key: 'k',
        initiatedAt: 2000,
        attributes: { userMetadata: {}, storageClass: 'standard' },
        checksumAlgorithm: null,
        checksumType: null,
        initiator: { accountId: '111111111111', userName: null, accessKeyId: 'AK' },
        extra: {},
      });
      const blobId = 'b'.repeat(32);
      await meta.putPart({
        uploadId: upload.id,
        partNumber: 1,
        size: 7,
        etag: 'e',
        digests: {},
        segments: [{ blobId, blobOffset: 0, length: 7 }],
        newBlobs: [{ blobId, size: 7 }],
        now: 3000,
      });
      const events = await meta.listUsageEvents({ limit: 10 });
      assert.equal(events.length, 2);
      assert.deepEqual(events[0], {
        id: 1,
        at: 1000,
        accountId: '111111111111',
        bucketId: 1,
        bucketName: 'legacy',
        storageClass: 'standard',
        kind: 'object',
        bytesDelta: 42,
        countDelta: 1,
      });
      assert.equal(events[1]?.uploadId, upload.id);
      assert.equal(events[1]?.bytesDelta, 7);
    } finally {
      await meta.close();
    }
    // Opening again changes nothing: the migration is idempotent.
    const again = new SqliteMetadataStore({ path: file });
    assert.equal((await again.listUsageEvents({ limit: 10 })).length, 2);
    await again.close();
  });
});
