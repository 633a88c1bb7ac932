import type Database from 'better-sqlite3';

/**
 * Versions, tags and object lock. Additive and idempotent: the current version of each key stays in
 * `objects` (an object written before this migration is its key's `null` version, as S3 treats the
 * objects of a bucket that was never versioned); noncurrent versions and delete markers live in
 * `object_versions`, keeping the id they had (parts reference it) and drawing new ids from the
 * objects sequence, so that one id orders every version of a key. Buckets gain their versioning
 * state, the object lock flag and counters of noncurrent versions. A binary from before ignores the
 * new columns and table.
 */
export function migrateVersioning(db: Database.Database): void {
  addColumns(db, 'objects', { version_id: 'TEXT', tags: 'TEXT', lock: 'TEXT' });
  addColumns(db, 'buckets', {
    versioning: "TEXT NOT NULL DEFAULT 'unversioned'",
    object_lock: 'INTEGER NOT NULL DEFAULT 0',
    version_count: 'INTEGER NOT NULL DEFAULT 0',
    version_bytes: 'INTEGER NOT NULL DEFAULT 0',
  });
  db.exec(`
    CREATE TABLE IF NOT EXISTS object_versions (
      id INTEGER PRIMARY KEY,
      bucket_id INTEGER NOT NULL,
      key BLOB NOT NULL,
      version_id TEXT,
      delete_marker INTEGER NOT NULL DEFAULT 0,
      size INTEGER NOT NULL,
      etag TEXT NOT NULL,
      last_modified INTEGER NOT NULL,
      storage_class TEXT NOT NULL,
      attributes TEXT NOT NULL,
      parts_count INTEGER,
      checksum TEXT,
      digests TEXT NOT NULL,
      extra TEXT NOT NULL,
      tags TEXT,
      lock TEXT,
      noncurrent_since INTEGER
    );
    CREATE INDEX IF NOT EXISTS object_versions_by_key ON object_versions(bucket_id, key, id DESC);
    CREATE INDEX IF NOT EXISTS object_versions_by_version_id ON object_versions(bucket_id, key, version_id);
    CREATE INDEX IF NOT EXISTS object_versions_by_age
      ON object_versions(bucket_id, COALESCE(noncurrent_since, last_modified), id);
  `);
}

function addColumns(db: Database.Database, table: string, columns: Readonly<Record<string, string>>): void {
  const existing = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  for (const [name, type] of Object.entries(columns)) {
    if (!existing.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
  }
}
