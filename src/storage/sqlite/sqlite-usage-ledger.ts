import type Database from 'better-sqlite3';
import type {
  EarlyDeletion,
  EarlyDeletionQuery,
  IncompleteUploadsSummary,
  UsageLedger,
  UsageScope,
  UsageTotals,
  UsageWindowQuery,
} from '../../core/ports/usage-ledger.js';
import { storageClasses, type StorageClass } from '../../core/types.js';

type Params = Record<string, string | number>;

/** `(CASE column WHEN 'standard' THEN @name_0 ... END)` and its named parameters, for per-class constants. */
function perClass(column: string, name: string, values: Readonly<Record<StorageClass, number>>): { sql: string; params: Params } {
  const params: Params = {};
  const whens = storageClasses.map((c, i) => {
    params[`${name}_${i}`] = values[c];
    return `WHEN '${c}' THEN @${name}_${i}`;
  });
  return { sql: `(CASE ${column} ${whens.join(' ')} ELSE 0 END)`, params };
}

function scopeSql(scope: UsageScope, accountColumn: string, bucketColumn: string): { sql: string; params: Params } {
  let sql = '';
  const params: Params = {};
  if (scope.accountId !== undefined) {
    sql += ` AND ${accountColumn} = @accountId`;
    params.accountId = scope.accountId;
  }
  if (scope.bucketId !== undefined) {
    sql += ` AND ${bucketColumn} = @bucketId`;
    params.bucketId = scope.bucketId;
  }
  return { sql, params };
}

/**
 * The UsageLedger port on the usage_events table. Integrals use the closed form described on the port,
 * summed by SQLite as floating point (byte-milliseconds overflow 64-bit integers within a month at a
 * few terabytes; a double keeps 15 significant digits).
 */
export class SqliteUsageLedger implements UsageLedger {
  constructor(private readonly db: Database.Database) {}

  async usageTotals(q: UsageWindowQuery): Promise<UsageTotals[]> {
    const min = perClass('storage_class', 'min', q.minObjectBytes);
    const scope = scopeSql(q, 'account_id', 'bucket_id');
    // Each event counts from max(at, from) to the window's end: events before the window make the
    // opening balance, which is stored for the whole window.
    const span = '(CAST(@to AS REAL) - MAX(at, @from))';
    return this.db
      .prepare(
        `SELECT account_id AS accountId, bucket_id AS bucketId, MAX(bucket_name) AS bucketName,
           storage_class AS storageClass, kind,
           TOTAL(CASE WHEN at < @from THEN bytes_delta ELSE 0 END) AS openingBytes,
           TOTAL(CASE WHEN at < @from THEN count_delta ELSE 0 END) AS openingCount,
           TOTAL(bytes_delta) AS closingBytes,
           TOTAL(count_delta) AS closingCount,
           TOTAL(bytes_delta * ${span}) AS byteMs,
           TOTAL(CASE WHEN kind = 'object' AND ABS(count_delta) = 1
                 THEN count_delta * MAX(ABS(bytes_delta), ${min.sql}) ELSE bytes_delta END * ${span}) AS billableByteMs,
           TOTAL(count_delta * ${span}) AS countMs
         FROM usage_events WHERE at < @to ${scope.sql}
         GROUP BY account_id, bucket_id, storage_class, kind
         ORDER BY bucketName, bucket_id, storage_class, kind`,
      )
      .all({ from: q.from, to: q.to, ...min.params, ...scope.params }) as UsageTotals[];
  }

  async earlyDeletions(q: EarlyDeletionQuery): Promise<EarlyDeletion[]> {
    const classes = storageClasses.filter((c) => q.minDurationMs[c] > 0);
    if (classes.length === 0) return [];
    const scope = scopeSql(q, 'd.account_id', 'd.bucket_id');
    const rows = this.db
      .prepare(
        `SELECT d.account_id AS accountId, d.bucket_id AS bucketId, d.bucket_name AS bucketName, d.storage_class AS storageClass,
           d.object_id AS objectId, -d.bytes_delta AS bytes, d.at AS at,
           (SELECT s.at FROM usage_events s WHERE s.object_id = d.object_id AND s.id < d.id AND s.kind = 'object'
              AND s.count_delta = 1 AND s.storage_class = d.storage_class ORDER BY s.id DESC LIMIT 1) AS since
         FROM usage_events d
         WHERE d.at >= @from AND d.at < @to AND d.kind = 'object' AND d.count_delta = -1 AND d.object_id IS NOT NULL
           AND d.storage_class IN (${classes.map((c) => `'${c}'`).join(', ')}) ${scope.sql}
         ORDER BY d.id`,
      )
      .all({ from: q.from, to: q.to, ...scope.params }) as (Omit<EarlyDeletion, 'since'> & { since: number | null })[];
    return rows.filter((r): r is EarlyDeletion => r.since !== null && r.at - r.since < q.minDurationMs[r.storageClass]);
  }

  async incompleteUploads(q: UsageScope & { readonly asOf: number }): Promise<IncompleteUploadsSummary[]> {
    const scope = scopeSql(q, 'b.account_id', 'b.id');
    const buckets = this.db
      .prepare(
        `SELECT b.account_id AS accountId, b.id AS bucketId, b.name AS bucketName, b.upload_count AS uploads,
           b.part_count AS parts, b.part_bytes AS bytes,
           (SELECT MIN(u.initiated_at) FROM uploads u WHERE u.bucket_id = b.id AND u.state = 'active') AS oldestInitiatedAt
         FROM buckets b WHERE b.upload_count > 0 ${scope.sql} ORDER BY b.name, b.id`,
      )
      .all(scope.params) as Omit<IncompleteUploadsSummary, 'byteMsByClass'>[];
    const accrued = this.db.prepare(
      `SELECT e.storage_class AS storageClass, TOTAL(CAST(e.bytes_delta AS REAL) * (? - e.at)) AS byteMs
       FROM uploads u JOIN usage_events e ON e.upload_id = u.id
       WHERE u.bucket_id = ? AND u.state = 'active' AND e.kind = 'part' AND e.at <= ?
       GROUP BY e.storage_class`,
    );
    return buckets.map((b) => {
      const byClass: Partial<Record<StorageClass, number>> = {};
      for (const r of accrued.all(q.asOf, b.bucketId, q.asOf) as { storageClass: StorageClass; byteMs: number }[]) {
        byClass[r.storageClass] = r.byteMs;
      }
      return { ...b, byteMsByClass: byClass };
    });
  }

  async uploadByteMs(uploadIds: readonly string[], asOf: number): Promise<Map<string, Partial<Record<StorageClass, number>>>> {
    const out = new Map<string, Partial<Record<StorageClass, number>>>();
    const st = this.db.prepare(
      `SELECT e.storage_class AS storageClass, TOTAL(CAST(e.bytes_delta AS REAL) * (? - e.at)) AS byteMs
       FROM usage_events e WHERE e.upload_id = ? AND e.kind = 'part' AND e.at <= ? GROUP BY e.storage_class`,
    );
    for (const id of uploadIds) {
      const byClass: Partial<Record<StorageClass, number>> = {};
      for (const r of st.all(asOf, id, asOf) as { storageClass: StorageClass; byteMs: number }[]) byClass[r.storageClass] = r.byteMs;
      out.set(id, byClass);
    }
    return out;
  }
}
