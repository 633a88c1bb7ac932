import type Database from 'better-sqlite3';
import { StorageError } from '../../core/errors.js';
import { newVersionId } from '../../core/ids.js';
import { lockBlocksRemoval } from '../../core/objects/object-lock-rules.js';
import type { ObjectLockState, ObjectVersionRecord, StorageClass, VersioningState } from '../../core/types.js';
import type { Bookkeeping } from './bookkeeping.js';
import { keyBytes } from './key-bytes.js';
import { toObject, toVersion, type BucketRow, type ObjectRow, type VersionRow } from './rows.js';

const OBJECT_COLUMNS =
  'bucket_id, key, version_id, size, etag, last_modified, storage_class, attributes, parts_count, checksum, digests, extra, tags, lock';

/**
 * The version bookkeeping every write shares, always inside a transaction. A key's current version is
 * its row in `objects`; older versions and delete markers are rows of `object_versions` with the same
 * id space, newest first by id. Invariants: a current row is newer than every row of its key in
 * object_versions; without a current row, the newest object_versions row (if any) is a delete marker
 * with noncurrent_since null, the key's latest version.
 */
export class VersionRows {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly book: Bookkeeping,
  ) {
    this.s = {
      demote: db.prepare(
        `INSERT INTO object_versions (id, ${OBJECT_COLUMNS}, delete_marker, noncurrent_since)
         SELECT id, ${OBJECT_COLUMNS}, 0, ? FROM objects WHERE id = ?`,
      ),
      promote: db.prepare(`INSERT INTO objects (id, ${OBJECT_COLUMNS}) SELECT id, ${OBJECT_COLUMNS} FROM object_versions WHERE id = ?`),
      deleteObjectRow: db.prepare('DELETE FROM objects WHERE id = ?'),
      deleteVersionRow: db.prepare('DELETE FROM object_versions WHERE id = ?'),
      demoteLatestMarker: db.prepare(
        'UPDATE object_versions SET noncurrent_since = ? WHERE bucket_id = ? AND key = ? AND noncurrent_since IS NULL',
      ),
      markLatest: db.prepare('UPDATE object_versions SET noncurrent_since = NULL WHERE id = ?'),
      newest: db.prepare('SELECT * FROM object_versions WHERE bucket_id = ? AND key = ? ORDER BY id DESC LIMIT 1'),
      byVersionId: db.prepare('SELECT * FROM object_versions WHERE bucket_id = ? AND key = ? AND version_id IS ? ORDER BY id DESC LIMIT 1'),
      partIds: db.prepare('SELECT id FROM parts WHERE object_id = ?').pluck(),
      nextId: db.prepare("UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'objects' RETURNING seq").pluck(),
      seedId: db
        .prepare(
          `INSERT INTO sqlite_sequence (name, seq) VALUES ('objects',
           MAX((SELECT COALESCE(MAX(id), 0) FROM objects), (SELECT COALESCE(MAX(id), 0) FROM object_versions)) + 1) RETURNING seq`,
        )
        .pluck(),
      insertMarker: db.prepare(
        `INSERT INTO object_versions (id, ${OBJECT_COLUMNS}, delete_marker, noncurrent_since)
         VALUES (?, ?, ?, ?, 0, '', ?, 'standard', '{"userMetadata":{}}', NULL, NULL, '{}', '{}', NULL, NULL, 1, NULL)`,
      ),
    };
  }

  /** The version id a new version of this bucket gets (null: the null version). */
  newVersionIdFor(bucket: BucketRow): string | null {
    return (bucket.versioning as VersioningState) === 'enabled' ? newVersionId() : null;
  }

  /**
   * Makes way for a new latest version of `key` (written or a delete marker). Unversioned: the current
   * object is removed. Enabled: it becomes noncurrent. Suspended: the null version is removed wherever
   * it is, any other current version becomes noncurrent. A latest delete marker becomes noncurrent.
   * Returns the version whose bytes were released, if any.
   */
  makeWay(bucket: BucketRow, key: string, current: ObjectRow | undefined, now: number): ObjectRow | undefined {
    const state = bucket.versioning as VersioningState;
    if (state === 'unversioned') {
      if (current !== undefined) this.removeCurrent(bucket, current, now);
      return current;
    }
    let released: ObjectRow | undefined;
    if (state === 'suspended') {
      if (current !== undefined && current.version_id === null) {
        this.checkUnlocked(current, now, false);
        this.removeCurrent(bucket, current, now);
        released = current;
        current = undefined;
      } else {
        const nullVersion = this.s.byVersionId.get(bucket.id, keyBytes(key), null) as VersionRow | undefined;
        if (nullVersion !== undefined) {
          this.checkUnlocked(nullVersion, now, false);
          this.removeVersion(bucket, nullVersion, now);
          if (nullVersion.delete_marker === 0) released = nullVersion;
        }
      }
    }
    if (current !== undefined) this.demote(bucket, current, now);
    this.s.demoteLatestMarker.run(now, bucket.id, keyBytes(key));
    return released;
  }

  /** A new delete marker as the latest version (the caller made way first). */
  insertMarker(bucket: BucketRow, key: string, versionId: string | null, now: number): ObjectVersionRecord {
    const id = this.nextId();
    this.s.insertMarker.run(id, bucket.id, keyBytes(key), versionId, now);
    this.book.counters(bucket.id, { versions: 1 });
    return toVersion({
      id,
      bucket_id: bucket.id,
      key: keyBytes(key),
      version_id: versionId,
      size: 0,
      etag: '',
      last_modified: now,
      storage_class: 'standard',
      attributes: '{"userMetadata":{}}',
      parts_count: null,
      checksum: null,
      digests: '{}',
      extra: '{}',
      tags: null,
      lock: null,
      delete_marker: 1,
      noncurrent_since: null,
    });
  }

  /** The noncurrent row (or marker) with this version id. */
  versionRow(bucketId: number, key: string, versionId: string | null): VersionRow | undefined {
    return this.s.byVersionId.get(bucketId, keyBytes(key), versionId) as VersionRow | undefined;
  }

  /** Refuses to remove a version that object lock protects. */
  checkUnlocked(row: ObjectRow, now: number, bypassGovernance: boolean): void {
    if (row.lock === null) return;
    if (lockBlocksRemoval(JSON.parse(row.lock) as ObjectLockState, now, bypassGovernance)) {
      throw new StorageError('AccessDenied', 'Access Denied because object protected by object lock.', {
        Key: row.key.toString('utf8'),
        ...(row.version_id === null ? {} : { VersionId: row.version_id }),
      });
    }
  }

  /** Removes the current row and releases its parts. */
  removeCurrent(bucket: BucketRow, row: ObjectRow, now: number): void {
    this.releaseParts(row.id, now);
    this.s.deleteObjectRow.run(row.id);
    this.book.counters(bucket.id, { objects: -1, objectBytes: -row.size });
    this.book.usage(bucket, row.storage_class as StorageClass, 'object', -row.size, -1, now, { objectId: row.id });
  }

  /** Removes a noncurrent row (or marker) and releases its parts. */
  removeVersion(bucket: BucketRow, row: VersionRow, now: number): void {
    this.s.deleteVersionRow.run(row.id);
    this.book.counters(bucket.id, { versions: -1, versionBytes: -row.size });
    if (row.delete_marker === 1) return;
    this.releaseParts(row.id, now);
    this.book.usage(bucket, row.storage_class as StorageClass, 'object', -row.size, -1, now, { objectId: row.id });
  }

  /** After the latest version went: the newest remaining one becomes the latest (current, or a latest marker). */
  promoteNewest(bucket: BucketRow, key: string): void {
    const next = this.s.newest.get(bucket.id, keyBytes(key)) as VersionRow | undefined;
    if (next === undefined) return;
    if (next.delete_marker === 1) {
      this.s.markLatest.run(next.id);
      return;
    }
    this.s.promote.run(next.id);
    this.s.deleteVersionRow.run(next.id);
    this.book.counters(bucket.id, { objects: 1, objectBytes: next.size, versions: -1, versionBytes: -next.size });
  }

  private demote(bucket: BucketRow, row: ObjectRow, now: number): void {
    this.s.demote.run(now, row.id);
    this.s.deleteObjectRow.run(row.id);
    this.book.counters(bucket.id, { objects: -1, objectBytes: -row.size, versions: 1, versionBytes: row.size });
  }

  private releaseParts(objectId: number, now: number): void {
    for (const partId of this.s.partIds.all(objectId) as number[]) this.book.deletePart(partId, now);
  }

  /** An id from the objects sequence, so that a marker orders among the versions it sits between. */
  private nextId(): number {
    const next = this.s.nextId.get() as number | undefined;
    return next ?? (this.s.seedId.get() as number);
  }
}

export { toObject };
