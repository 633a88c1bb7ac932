import type Database from 'better-sqlite3';

/**
 * Part Management sorts a bucket's incomplete uploads by age, size and cost so far, and pages through
 * 100,000 of them. Additive and idempotent, like every migration here:
 * - `uploads.part_byte_ms`: the sum over the upload's part usage events of bytes x (event time -
 *   initiation), kept by putPart in the same transaction as the events. What the parts have cost by time
 *   t is then bytes x (t - initiated_at) - part_byte_ms, per upload, without reading events. Uploads that
 *   were active before the column existed get it from their events once, when it is added.
 * - Partial indexes on the active uploads of a bucket by initiation time and by bytes (key included, so
 *   that a prefix filters inside the index), and one by key that covers every column the cost order and
 *   the prefix counts read.
 */
export function migrateUploadSort(db: Database.Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(uploads)').all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('part_byte_ms')) {
    db.transaction(() => {
      db.exec('ALTER TABLE uploads ADD COLUMN part_byte_ms REAL NOT NULL DEFAULT 0');
      db.exec(`UPDATE uploads SET part_byte_ms = (
                 SELECT TOTAL(CAST(e.bytes_delta AS REAL) * (e.at - uploads.initiated_at)) FROM usage_events e
                 WHERE e.upload_id = uploads.id AND e.kind = 'part')
               WHERE state = 'active'`);
    })();
  }
  db.exec(`
    CREATE INDEX IF NOT EXISTS uploads_active_by_initiated ON uploads(bucket_id, initiated_at, id, key) WHERE state = 'active';
    CREATE INDEX IF NOT EXISTS uploads_active_by_bytes ON uploads(bucket_id, bytes, id, key) WHERE state = 'active';
    CREATE INDEX IF NOT EXISTS uploads_active_stats ON uploads(bucket_id, key, initiated_at, id, bytes, part_byte_ms, storage_class)
      WHERE state = 'active';
  `);
}
