import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { schema } from './schema.js';
import { SqliteMetadataStore } from './sqlite-metadata-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cairn-versioning-migration-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('versioning migration', () => {
  it('opens a database written before versions: its objects are null versions, and versioning then works on them', async () => {
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.exec(schema);
    old.exec(`
      INSERT INTO settings VALUES ('schema_version', '1');
      INSERT INTO buckets (namespace, scope, name, account_id, region, storage_class, created_at, object_count, object_bytes)
        VALUES ('s3', '', 'legacy', '111111111111', 'us-east-1', 'standard', 1, 1, 3);
      INSERT INTO objects (bucket_id, key, size, etag, last_modified, storage_class, attributes, parts_count, checksum, digests, extra)
        VALUES (1, CAST('old' AS BLOB), 3, 'e-old', 10, 'standard', '{"userMetadata":{}}', NULL, NULL, '{}', '{}');
    `);
    old.close();

    for (let open = 0; open < 2; open++) {
      // Twice: the migration must find its own work done and change nothing.
      const meta = new SqliteMetadataStore({ path: file });
      try {
        const bucket = (await meta.getBucket('s3', 'legacy'))!;
        assert.equal(bucket.versioning, open === 0 ? 'unversioned' : 'enabled');
        const before = await meta.getObjectVersion(bucket.id, 'old', null);
        assert.deepEqual([before?.etag, before?.versionId, before?.tags, before?.lock], ['e-old', null, [], {}]);
        if (open === 0) {
          await meta.setBucketVersioning(bucket.id, 'enabled');
          await meta.putObject({
            bucketId: bucket.id,
            key: 'old',
            size: 0,
            etag: 'e-new',
            attributes: { userMetadata: {}, storageClass: 'standard' },
            partsCount: null,
            checksum: null,
            digests: {},
            extra: {},
            parts: [{ partNumber: 1, size: 0, etag: 'e-new', digests: {}, segments: [] }],
            newBlobs: [],
            now: 20,
          });
        }
        const versions = await meta.listObjectVersions(bucket.id, { prefix: '', limit: 10 });
        assert.deepEqual(
          versions.map((v) => [v.etag, v.versionId === null, v.isLatest]),
          [
            ['e-new', false, true],
            ['e-old', true, false],
          ],
        );
      } finally {
        await meta.close();
      }
    }
  });
});
