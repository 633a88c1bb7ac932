import type Database from 'better-sqlite3';
import type {
  LifecycleActionRecord,
  LifecyclePassRecord,
  LifecycleRuleTotals,
  LifecycleStore,
  ObjectAgeQuery,
  AgedVersion,
  VersionAgeQuery,
  PassCursor,
  PassReason,
} from '../../core/ports/lifecycle-store.js';
import type { ObjectRecord, StorageClass } from '../../core/types.js';
import { toObject, toVersion, type ObjectRow, type VersionRow } from './rows.js';
import type { WriteBatcher } from './write-batcher.js';

/**
 * The lifecycle engine's tables, and two indexes it walks: objects of a bucket by age, and active
 * uploads of a bucket by age (so a pass over one bucket's uploads seeks instead of filtering every
 * bucket's).
 */
export const lifecycleSchema = `
CREATE INDEX IF NOT EXISTS objects_by_age ON objects(bucket_id, last_modified, id);
CREATE INDEX IF NOT EXISTS uploads_active_by_bucket_age ON uploads(bucket_id, initiated_at, id) WHERE state = 'active';

CREATE TABLE IF NOT EXISTS lifecycle_passes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reason TEXT NOT NULL,
  evaluated_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  state TEXT NOT NULL,
  cursor TEXT,
  error TEXT,
  resumed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS lifecycle_passes_running ON lifecycle_passes(id) WHERE state = 'running';

CREATE TABLE IF NOT EXISTS lifecycle_actions (
  pass_id INTEGER NOT NULL,
  target TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  bucket_id INTEGER NOT NULL,
  bucket_name TEXT NOT NULL,
  rule_id TEXT NOT NULL,
  key BLOB NOT NULL,
  parts INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  from_class TEXT NOT NULL,
  to_class TEXT,
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  settled_at INTEGER,
  PRIMARY KEY (pass_id, target)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lifecycle_actions_in_order ON lifecycle_actions(pass_id, seq);
CREATE INDEX IF NOT EXISTS lifecycle_actions_pending ON lifecycle_actions(pass_id) WHERE state = 'pending';
`;

interface PassRow {
  id: number;
  reason: string;
  evaluated_at: number;
  started_at: number;
  finished_at: number | null;
  state: string;
  cursor: string | null;
  error: string | null;
  resumed: number;
}

interface ActionRow {
  pass_id: number;
  target: string;
  seq: number;
  kind: string;
  bucket_id: number;
  bucket_name: string;
  rule_id: string;
  key: Buffer;
  parts: number;
  bytes: number;
  from_class: string;
  to_class: string | null;
  due_at: number;
  state: string;
  settled_at: number | null;
}

const toPass = (r: PassRow): LifecyclePassRecord => ({
  id: r.id,
  reason: r.reason as PassReason,
  evaluatedAt: r.evaluated_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  state: r.state as LifecyclePassRecord['state'],
  cursor: r.cursor === null ? null : (JSON.parse(r.cursor) as PassCursor),
  error: r.error,
  resumed: r.resumed,
});

const toAction = (r: ActionRow): LifecycleActionRecord => ({
  passId: r.pass_id,
  kind: r.kind as LifecycleActionRecord['kind'],
  target: r.target,
  bucketId: r.bucket_id,
  bucketName: r.bucket_name,
  ruleId: r.rule_id,
  key: r.key.toString('utf8'),
  parts: r.parts,
  bytes: r.bytes,
  fromClass: r.from_class as StorageClass,
  toClass: r.to_class as StorageClass | null,
  dueAt: r.due_at,
  state: r.state as LifecycleActionRecord['state'],
  settledAt: r.settled_at,
});

/** The LifecycleStore port on the metadata database (same file, same group commit). */
export class SqliteLifecycleStore implements LifecycleStore {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly writes: WriteBatcher,
  ) {
    db.exec(lifecycleSchema);
    this.s = {
      lifecycleBuckets: db.prepare(
        "SELECT bucket_id AS bucketId, value AS config FROM bucket_config WHERE name = 'lifecycle' AND bucket_id > ? ORDER BY bucket_id LIMIT ?",
      ),
      versionsByAge: db.prepare(
        `SELECT *, COALESCE(noncurrent_since, last_modified) AS since FROM object_versions INDEXED BY object_versions_by_age
         WHERE bucket_id = ? AND COALESCE(noncurrent_since, last_modified) <= ?
           AND (COALESCE(noncurrent_since, last_modified), id) > (?, ?)
         ORDER BY COALESCE(noncurrent_since, last_modified), id LIMIT ?`,
      ),
      objectsByAge: db.prepare(
        'SELECT * FROM objects INDEXED BY objects_by_age WHERE bucket_id = ? AND last_modified <= ? AND (last_modified, id) > (?, ?) ORDER BY last_modified, id LIMIT ?',
      ),
      createPass: db.prepare(
        "INSERT INTO lifecycle_passes (reason, evaluated_at, started_at, state) VALUES (?, ?, ?, 'running') RETURNING *",
      ),
      getPass: db.prepare('SELECT * FROM lifecycle_passes WHERE id = ?'),
      listPasses: db.prepare('SELECT * FROM lifecycle_passes WHERE id < ? ORDER BY id DESC LIMIT ?'),
      runningPasses: db.prepare("SELECT * FROM lifecycle_passes WHERE state = 'running' ORDER BY id"),
      saveCursor: db.prepare('UPDATE lifecycle_passes SET cursor = ? WHERE id = ?'),
      resumed: db.prepare('UPDATE lifecycle_passes SET resumed = resumed + 1 WHERE id = ?'),
      finish: db.prepare('UPDATE lifecycle_passes SET state = ?, finished_at = ?, error = ? WHERE id = ?'),
      nextSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM lifecycle_actions WHERE pass_id = ?').pluck(),
      recordAction: db.prepare(
        `INSERT OR IGNORE INTO lifecycle_actions (pass_id, target, seq, kind, bucket_id, bucket_name, rule_id, key, parts, bytes,
           from_class, to_class, due_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
      ),
      settle: db.prepare(
        "UPDATE lifecycle_actions SET state = ?, settled_at = ?, parts = COALESCE(?, parts), bytes = COALESCE(?, bytes) WHERE pass_id = ? AND target = ? AND state = 'pending'",
      ),
      pending: db.prepare("SELECT * FROM lifecycle_actions WHERE pass_id = ? AND state = 'pending' ORDER BY seq"),
      listActions: db.prepare('SELECT * FROM lifecycle_actions WHERE pass_id = ? ORDER BY seq LIMIT ? OFFSET ?'),
      totals: db.prepare(
        `SELECT bucket_id AS bucketId, bucket_name AS bucketName, rule_id AS ruleId,
           SUM(kind = 'abort-upload') AS uploadsAborted,
           SUM(CASE WHEN kind = 'abort-upload' THEN parts ELSE 0 END) AS partsFreed,
           SUM(CASE WHEN kind = 'abort-upload' THEN bytes ELSE 0 END) AS bytesFreed,
           SUM(kind = 'expire-object') AS objectsExpired,
           SUM(CASE WHEN kind = 'expire-object' THEN bytes ELSE 0 END) AS bytesExpired,
           SUM(kind = 'transition-object') AS objectsTransitioned,
           SUM(CASE WHEN kind = 'transition-object' THEN bytes ELSE 0 END) AS bytesTransitioned,
           SUM(kind = 'expire-version') AS versionsExpired,
           SUM(CASE WHEN kind = 'expire-version' THEN bytes ELSE 0 END) AS versionBytesExpired,
           SUM(kind = 'transition-version') AS versionsTransitioned,
           SUM(CASE WHEN kind = 'transition-version' THEN bytes ELSE 0 END) AS versionBytesTransitioned,
           SUM(kind = 'expire-delete-marker') AS deleteMarkersExpired
         FROM lifecycle_actions WHERE pass_id = ? AND state = 'done'
         GROUP BY bucket_id, bucket_name, rule_id ORDER BY bucket_name, rule_id`,
      ),
    };
  }

  async lifecycleBuckets(afterBucketId: number, limit: number): Promise<{ bucketId: number; config: string }[]> {
    return this.s.lifecycleBuckets.all(afterBucketId, limit) as { bucketId: number; config: string }[];
  }

  async listObjectsByAge(q: ObjectAgeQuery): Promise<ObjectRecord[]> {
    const after = q.after ?? { lastModified: Number.MIN_SAFE_INTEGER, objectId: 0 };
    const rows = this.s.objectsByAge.all(q.bucketId, q.modifiedBefore, after.lastModified, after.objectId, q.limit) as ObjectRow[];
    return rows.map(toObject);
  }

  async listVersionsByAge(q: VersionAgeQuery): Promise<AgedVersion[]> {
    const after = q.after ?? { time: Number.MIN_SAFE_INTEGER, objectId: 0 };
    const rows = this.s.versionsByAge.all(q.bucketId, q.before, after.time, after.objectId, q.limit) as (VersionRow & { since: number })[];
    return rows.map((r) => ({ ...toVersion(r), since: r.since }));
  }

  createPass(input: { reason: PassReason; evaluatedAt: number; startedAt: number }): Promise<LifecyclePassRecord> {
    return this.writes.run(() => toPass(this.s.createPass.get(input.reason, input.evaluatedAt, input.startedAt) as PassRow));
  }

  async getPass(passId: number): Promise<LifecyclePassRecord | undefined> {
    const row = this.s.getPass.get(passId) as PassRow | undefined;
    return row && toPass(row);
  }

  async listPasses(limit: number, beforeId?: number): Promise<LifecyclePassRecord[]> {
    return (this.s.listPasses.all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as PassRow[]).map(toPass);
  }

  async runningPasses(): Promise<LifecyclePassRecord[]> {
    return (this.s.runningPasses.all() as PassRow[]).map(toPass);
  }

  savePassCursor(passId: number, cursor: PassCursor): Promise<void> {
    return this.writes.run(() => {
      this.s.saveCursor.run(JSON.stringify(cursor), passId);
    });
  }

  markPassResumed(passId: number): Promise<void> {
    return this.writes.run(() => {
      this.s.resumed.run(passId);
    });
  }

  finishPass(passId: number, state: 'completed' | 'failed', finishedAt: number, error?: string): Promise<void> {
    return this.writes.run(() => {
      this.s.finish.run(state, finishedAt, error ?? null, passId);
    });
  }

  recordActions(actions: readonly LifecycleActionRecord[]): Promise<void> {
    return this.writes.run(() => {
      for (const a of actions) {
        const seq = this.s.nextSeq.get(a.passId) as number;
        this.s.recordAction.run(
          a.passId,
          a.target,
          seq,
          a.kind,
          a.bucketId,
          a.bucketName,
          a.ruleId,
          Buffer.from(a.key, 'utf8'),
          a.parts,
          a.bytes,
          a.fromClass,
          a.toClass,
          a.dueAt,
        );
      }
    });
  }

  settleAction(
    passId: number,
    target: string,
    state: 'done' | 'skipped',
    settledAt: number,
    measured?: { parts: number; bytes: number },
  ): Promise<void> {
    return this.writes.run(() => {
      this.s.settle.run(state, settledAt, measured?.parts ?? null, measured?.bytes ?? null, passId, target);
    });
  }

  async pendingActions(passId: number): Promise<LifecycleActionRecord[]> {
    return (this.s.pending.all(passId) as ActionRow[]).map(toAction);
  }

  async listActions(passId: number, offset: number, limit: number): Promise<LifecycleActionRecord[]> {
    return (this.s.listActions.all(passId, limit, offset) as ActionRow[]).map(toAction);
  }

  async passTotals(passId: number): Promise<LifecycleRuleTotals[]> {
    return this.s.totals.all(passId) as LifecycleRuleTotals[];
  }
}
