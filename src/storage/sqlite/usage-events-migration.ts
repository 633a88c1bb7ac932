import type Database from 'better-sqlite3';

/**
 * Usage events gained the identity of what they count: the object (for minimum storage durations,
 * which need each object's time in a class) or the upload (so that what incomplete uploads cost so far
 * can be told). Additive and idempotent: databases written before keep working, their older events
 * simply carry no identity, and a binary from before ignores the new columns.
 */
export function migrateUsageEvents(db: Database.Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(usage_events)').all() as { name: string }[]).map((c) => c.name));
  if (!columns.has('object_id')) db.exec('ALTER TABLE usage_events ADD COLUMN object_id INTEGER');
  if (!columns.has('upload_id')) db.exec('ALTER TABLE usage_events ADD COLUMN upload_id TEXT');
  db.exec(`
    CREATE INDEX IF NOT EXISTS usage_events_by_object ON usage_events(object_id, id) WHERE object_id IS NOT NULL;
    CREATE INDEX IF NOT EXISTS usage_events_by_upload ON usage_events(upload_id) WHERE upload_id IS NOT NULL;
  `);
}
