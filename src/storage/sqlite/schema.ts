/**
 * The SQLite schema. Row ids are AUTOINCREMENT where an id serves as a version token (a part uploaded
 * again must never get the id of the part it replaced).
 * Keys are stored as BLOBs of their UTF-8 bytes so that ordering and range seeks
 * are byte-wise, which is the order S3 lists in.
 */
export const schemaVersion = 1;

export const schema = `
CREATE TABLE IF NOT EXISTS settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS access_keys (
  access_key_id TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  account_id TEXT NOT NULL,
  user_name TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS access_keys_by_account ON access_keys(account_id);

CREATE TABLE IF NOT EXISTS buckets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  namespace TEXT NOT NULL,
  scope TEXT NOT NULL,
  name TEXT NOT NULL,
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  storage_class TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  object_count INTEGER NOT NULL DEFAULT 0,
  object_bytes INTEGER NOT NULL DEFAULT 0,
  upload_count INTEGER NOT NULL DEFAULT 0,
  part_count INTEGER NOT NULL DEFAULT 0,
  part_bytes INTEGER NOT NULL DEFAULT 0,
  UNIQUE (namespace, scope, name)
);

CREATE TABLE IF NOT EXISTS bucket_config (
  bucket_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (bucket_id, name)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS blobs (
  id TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  refs INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS inline_blobs (
  id TEXT PRIMARY KEY,
  data BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS garbage (
  blob_id TEXT PRIMARY KEY,
  since INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS objects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  bucket_id INTEGER NOT NULL,
  key BLOB NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  storage_class TEXT NOT NULL,
  attributes TEXT NOT NULL,
  parts_count INTEGER,
  checksum TEXT,
  digests TEXT NOT NULL,
  extra TEXT NOT NULL,
  UNIQUE (bucket_id, key)
);

CREATE TABLE IF NOT EXISTS parts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  upload_id TEXT,
  object_id INTEGER,
  part_number INTEGER NOT NULL,
  object_offset INTEGER,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  digests TEXT NOT NULL,
  last_modified INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS parts_by_upload ON parts(upload_id, part_number) WHERE upload_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS parts_by_object ON parts(object_id, object_offset) WHERE object_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS segments (
  part_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  blob_offset INTEGER NOT NULL,
  length INTEGER NOT NULL,
  PRIMARY KEY (part_id, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY,
  bucket_id INTEGER NOT NULL,
  key BLOB NOT NULL,
  initiated_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  finished_at INTEGER,
  storage_class TEXT NOT NULL,
  attributes TEXT NOT NULL,
  checksum_algorithm TEXT,
  checksum_type TEXT,
  initiator TEXT NOT NULL,
  part_count INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  extra TEXT NOT NULL,
  result TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS uploads_active_by_key ON uploads(bucket_id, key, initiated_at, id) WHERE state = 'active';
CREATE INDEX IF NOT EXISTS uploads_active_by_age ON uploads(initiated_at, id) WHERE state = 'active';
CREATE INDEX IF NOT EXISTS uploads_finished ON uploads(finished_at) WHERE state <> 'active';

CREATE TABLE IF NOT EXISTS usage_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  account_id TEXT NOT NULL,
  bucket_id INTEGER NOT NULL,
  bucket_name TEXT NOT NULL,
  storage_class TEXT NOT NULL,
  kind TEXT NOT NULL,
  bytes_delta INTEGER NOT NULL,
  count_delta INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS usage_events_by_time ON usage_events(at);
`;
