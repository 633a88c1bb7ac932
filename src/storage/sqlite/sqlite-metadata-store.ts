import Database from 'better-sqlite3';
import { StorageError } from '../../core/errors.js';
import { evaluateWriteCondition } from '../../core/objects/write-condition.js';
import type { JobStore } from '../../core/ports/job-store.js';
import type {
  CompleteUploadInput,
  CompleteUploadOutcome,
  DeleteVersionInput,
  KeyRangeQuery,
  MetadataStore,
  NewBucket,
  NewUpload,
  ObjectDeletion,
  ObjectLayoutPart,
  ObjectVersionPatch,
  PutObjectInput,
  PutObjectResult,
  PutPartInput,
  SortedUpload,
  SortedUploadQuery,
  UploadAgeQuery,
  UploadRangeQuery,
  UsageEvent,
  UsageEventQuery,
  VersionRangeQuery,
} from '../../core/ports/metadata-store.js';
import type {
  AccessKey,
  Account,
  Bucket,
  BucketConfigName,
  BucketNamespace,
  ObjectRecord,
  ObjectVersionRecord,
  PartRecord,
  Segment,
  StorageClass,
  UploadRecord,
  UploadState,
  VersioningState,
} from '../../core/types.js';
import { Bookkeeping } from './bookkeeping.js';
import { SqliteLifecycleStore } from './sqlite-lifecycle-store.js';
import { SqliteUsageLedger } from './sqlite-usage-ledger.js';
import { migrateUsageEvents } from './usage-events-migration.js';
import { migrateUploadSort } from './upload-sort-migration.js';
import { countUploads, listUploadsSorted } from './sorted-uploads.js';
import { migrateVersioning } from './versioning-migration.js';
import { VersionRows } from './version-rows.js';
import { keyBytes, prefixSuccessor } from './key-bytes.js';
import {
  attributesJson,
  currentAsVersion,
  lockJson,
  tagsJson,
  toVersion,
  toAccessKey,
  toAccount,
  toBucket,
  toObject,
  toObjectPart,
  toPart,
  toUpload,
  type AccessKeyRow,
  type AccountRow,
  type BucketRow,
  type ObjectRow,
  type PartRow,
  type UploadRow,
  type VersionRow,
} from './rows.js';
import { schema, schemaVersion } from './schema.js';
import { SqliteJobStore } from './sqlite-job-store.js';
import { WalSyncer } from './wal-syncer.js';
import { WriteBatcher } from './write-batcher.js';

export interface SqliteOptions {
  /** A file path, or ':memory:' for tests. */
  readonly path: string;
}

/** The metadata port on SQLite (WAL, synchronous=FULL, group commit). */
export class SqliteMetadataStore implements MetadataStore {
  private readonly db: Database.Database;
  private readonly writes: WriteBatcher;
  private readonly walSyncer: WalSyncer | undefined;
  private readonly book: Bookkeeping;
  private readonly versions: VersionRows;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly keyCache = new Map<string, AccessKey>();
  /** The lifecycle engine's port and the usage ledger's, on the same database. */
  readonly lifecycle: SqliteLifecycleStore;
  readonly ledger: SqliteUsageLedger;

  constructor(options: SqliteOptions) {
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    // Commits are made durable by WalSyncer off the event loop (see there); in memory there is nothing to sync.
    this.db.pragma(options.path === ':memory:' ? 'synchronous = OFF' : 'synchronous = NORMAL');
    this.db.pragma('foreign_keys = OFF');
    this.db.defaultSafeIntegers(false);
    this.db.exec(schema);
    const version = this.db.prepare("SELECT value FROM settings WHERE name = 'schema_version'").pluck().get() as string | undefined;
    if (version === undefined) {
      this.db.prepare("INSERT INTO settings (name, value) VALUES ('schema_version', ?)").run(String(schemaVersion));
    } else if (Number(version) !== schemaVersion) {
      throw new Error(`metadata schema version ${version} is not supported (expected ${schemaVersion})`);
    }
    migrateUsageEvents(this.db);
    migrateUploadSort(this.db);
    migrateVersioning(this.db);
    this.walSyncer = options.path === ':memory:' ? undefined : new WalSyncer(`${options.path}-wal`);
    const walSyncer = this.walSyncer;
    this.writes = new WriteBatcher(this.db, walSyncer === undefined ? () => Promise.resolve() : () => walSyncer.sync());
    this.book = new Bookkeeping(this.db);
    this.versions = new VersionRows(this.db, this.book);
    this.lifecycle = new SqliteLifecycleStore(this.db, this.writes);
    this.ledger = new SqliteUsageLedger(this.db);
  }

  private jobStore: SqliteJobStore | undefined;

  /** Retrieval jobs, in the same database so that their outputs reference blobs transactionally. */
  jobs(): JobStore {
    return (this.jobStore ??= new SqliteJobStore(this.db, this.writes, this.book));
  }

  private st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // --- accounts and keys -------------------------------------------------------------------------

  createAccount(account: Account, rootKey: AccessKey): Promise<void> {
    return this.writes.run(() => {
      this.st('INSERT INTO accounts (id, name, display_name, created_at) VALUES (?, ?, ?, ?)').run(
        account.id,
        account.name,
        account.displayName,
        account.createdAt,
      );
      this.insertKey(rootKey);
    });
  }

  async getAccount(id: string): Promise<Account | undefined> {
    const row = this.st('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return row && toAccount(row);
  }

  async listAccounts(): Promise<Account[]> {
    return (this.st('SELECT * FROM accounts ORDER BY created_at, id').all() as AccountRow[]).map(toAccount);
  }

  putAccessKey(key: AccessKey): Promise<void> {
    return this.writes.run(() => this.insertKey(key));
  }

  private insertKey(key: AccessKey): void {
    this.keyCache.delete(key.accessKeyId);
    this.st(
      `INSERT INTO access_keys (access_key_id, secret, account_id, user_name, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (access_key_id) DO UPDATE SET secret = excluded.secret, account_id = excluded.account_id,
         user_name = excluded.user_name`,
    ).run(key.accessKeyId, key.secretAccessKey, key.accountId, key.userName, key.createdAt);
  }

  /** Every signed request looks its key up; keys change rarely, and only through this store. */
  async getAccessKey(accessKeyId: string): Promise<AccessKey | undefined> {
    const cached = this.keyCache.get(accessKeyId);
    if (cached !== undefined) return cached;
    const row = this.st('SELECT * FROM access_keys WHERE access_key_id = ?').get(accessKeyId) as AccessKeyRow | undefined;
    const key = row && toAccessKey(row);
    if (key !== undefined && this.keyCache.size < 10_000) this.keyCache.set(accessKeyId, key);
    return key;
  }

  async listAccessKeys(accountId: string): Promise<AccessKey[]> {
    const rows = this.st('SELECT * FROM access_keys WHERE account_id = ? ORDER BY created_at').all(accountId) as AccessKeyRow[];
    return rows.map(toAccessKey);
  }

  deleteAccessKey(accessKeyId: string): Promise<void> {
    return this.writes.run(() => {
      this.keyCache.delete(accessKeyId);
      this.st('DELETE FROM access_keys WHERE access_key_id = ?').run(accessKeyId);
    });
  }

  async getSetting(name: string): Promise<string | undefined> {
    return this.st('SELECT value FROM settings WHERE name = ?').pluck().get(name) as string | undefined;
  }

  putSetting(name: string, value: string): Promise<void> {
    return this.writes.run(() => {
      this.st('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);
    });
  }

  // --- buckets -----------------------------------------------------------------------------------

  createBucket(input: NewBucket): Promise<Bucket> {
    return this.writes.run(() => {
      const scope = bucketScope(input.namespace, input.accountId);
      const existing = this.st('SELECT * FROM buckets WHERE namespace = ? AND scope = ? AND name = ?').get(
        input.namespace,
        scope,
        input.name,
      ) as BucketRow | undefined;
      if (existing !== undefined) {
        if (existing.account_id === input.accountId) {
          throw new StorageError('BucketAlreadyOwnedByYou', undefined, { BucketName: input.name });
        }
        throw new StorageError('BucketAlreadyExists', undefined, { BucketName: input.name });
      }
      const locked = input.objectLockEnabled === true;
      const id = this.st(
        `INSERT INTO buckets (namespace, scope, name, account_id, region, storage_class, created_at, versioning, object_lock)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.namespace,
        scope,
        input.name,
        input.accountId,
        input.region,
        input.storageClass,
        input.createdAt,
        locked ? 'enabled' : 'unversioned',
        locked ? 1 : 0,
      ).lastInsertRowid;
      return toBucket(this.book.bucket(Number(id)));
    });
  }

  async getBucket(namespace: BucketNamespace, name: string, accountId?: string): Promise<Bucket | undefined> {
    const row = this.st('SELECT * FROM buckets WHERE namespace = ? AND scope = ? AND name = ?').get(
      namespace,
      bucketScope(namespace, accountId ?? ''),
      name,
    ) as BucketRow | undefined;
    return row && toBucket(row);
  }

  async getBucketById(id: number): Promise<Bucket | undefined> {
    const row = this.st('SELECT * FROM buckets WHERE id = ?').get(id) as BucketRow | undefined;
    return row && toBucket(row);
  }

  async listBuckets(namespace: BucketNamespace, accountId?: string): Promise<Bucket[]> {
    const rows =
      accountId === undefined
        ? this.st('SELECT * FROM buckets WHERE namespace = ? ORDER BY name, id').all(namespace)
        : this.st('SELECT * FROM buckets WHERE namespace = ? AND account_id = ? ORDER BY name, id').all(namespace, accountId);
    return (rows as BucketRow[]).map(toBucket);
  }

  deleteBucket(bucketId: number): Promise<void> {
    return this.writes.run(() => {
      const b = this.book.bucket(bucketId);
      if (b.object_count > 0 || b.upload_count > 0 || b.version_count > 0) {
        throw new StorageError('BucketNotEmpty', undefined, {
          BucketName: b.name,
          objects: b.object_count,
          versions: b.version_count,
          uploads: b.upload_count,
        });
      }
      this.st('DELETE FROM bucket_config WHERE bucket_id = ?').run(bucketId);
      this.st('DELETE FROM uploads WHERE bucket_id = ?').run(bucketId);
      this.st('DELETE FROM buckets WHERE id = ?').run(bucketId);
    });
  }

  setBucketVersioning(bucketId: number, state: Exclude<VersioningState, 'unversioned'>): Promise<Bucket> {
    return this.writes.run(() => {
      const b = this.book.bucket(bucketId);
      if (state === 'suspended' && b.object_lock === 1) {
        throw new StorageError(
          'InvalidBucketState',
          'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
        );
      }
      this.st('UPDATE buckets SET versioning = ? WHERE id = ?').run(state, bucketId);
      return toBucket(this.book.bucket(bucketId));
    });
  }

  enableObjectLock(bucketId: number): Promise<Bucket> {
    return this.writes.run(() => {
      const b = this.book.bucket(bucketId);
      if (b.versioning !== 'enabled') {
        throw new StorageError('InvalidBucketState', "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
      }
      this.st('UPDATE buckets SET object_lock = 1 WHERE id = ?').run(bucketId);
      return toBucket(this.book.bucket(bucketId));
    });
  }

  async getBucketConfig(bucketId: number, name: BucketConfigName): Promise<string | undefined> {
    return this.st('SELECT value FROM bucket_config WHERE bucket_id = ? AND name = ?').pluck().get(bucketId, name) as string | undefined;
  }

  putBucketConfig(bucketId: number, name: BucketConfigName, value: string | null): Promise<void> {
    return this.writes.run(() => {
      this.book.bucket(bucketId);
      if (value === null) this.st('DELETE FROM bucket_config WHERE bucket_id = ? AND name = ?').run(bucketId, name);
      else
        this.st(
          `INSERT INTO bucket_config (bucket_id, name, value) VALUES (?, ?, ?)
           ON CONFLICT (bucket_id, name) DO UPDATE SET value = excluded.value`,
        ).run(bucketId, name, value);
    });
  }

  // --- objects -----------------------------------------------------------------------------------

  async getObject(bucketId: number, key: string): Promise<ObjectRecord | undefined> {
    const row = this.st('SELECT * FROM objects WHERE bucket_id = ? AND key = ?').get(bucketId, keyBytes(key)) as ObjectRow | undefined;
    return row && toObject(row);
  }

  async getObjectLayout(objectId: number): Promise<ObjectLayoutPart[]> {
    const parts = this.st('SELECT * FROM parts WHERE object_id = ? ORDER BY object_offset').all(objectId) as PartRow[];
    const segments = this.st(
      `SELECT s.part_id, s.blob_id, s.blob_offset, s.length FROM parts p JOIN segments s ON s.part_id = p.id
       WHERE p.object_id = ? ORDER BY p.object_offset, s.seq`,
    ).all(objectId) as { part_id: number; blob_id: string; blob_offset: number; length: number }[];
    const byPart = new Map<number, Segment[]>();
    for (const s of segments) {
      let list = byPart.get(s.part_id);
      if (list === undefined) byPart.set(s.part_id, (list = []));
      list.push({ blobId: s.blob_id, blobOffset: s.blob_offset, length: s.length });
    }
    return parts.map((p) => ({ ...toObjectPart(p), segments: byPart.get(p.id) ?? [] }));
  }

  async listObjects(bucketId: number, query: KeyRangeQuery): Promise<ObjectRecord[]> {
    const range = keyRange('key', query.prefix, query.after, query.skipPrefix);
    const rows = this.st(`SELECT * FROM objects WHERE bucket_id = ? ${range.sql} ORDER BY key LIMIT ?`).all(
      bucketId,
      ...range.params,
      query.limit,
    ) as ObjectRow[];
    return rows.map(toObject);
  }

  putObject(input: PutObjectInput): Promise<PutObjectResult> {
    return this.writes.run(() => {
      const bucket = this.book.bucket(input.bucketId);
      const existing = this.objectRow(input.bucketId, input.key);
      evaluateWriteCondition(existing, input.condition);
      this.book.insertBlobs(input.newBlobs, input.now);
      // The new parts may reference the replaced object's own blobs (a copy onto itself, an append).
      const reused = existing === undefined ? [] : [...new Set(input.parts.flatMap((p) => p.segments.map((s) => s.blobId)))];
      this.book.holdBlobs(reused);
      const released = this.versions.makeWay(bucket, input.key, existing, input.now);
      const replaced = released && toObject(released);
      const inserted = this.insertObjectRow(input.bucketId, input.key, input.now, input, this.versions.newVersionIdFor(bucket));
      const objectId = inserted.id;
      let offset = 0;
      for (const part of input.parts) {
        this.book.insertPart(
          {
            uploadId: null,
            objectId,
            partNumber: part.partNumber,
            objectOffset: offset,
            size: part.size,
            etag: part.etag,
            digests: part.digests,
            lastModified: input.now,
          },
          part.segments,
        );
        offset += part.size;
      }
      this.book.releaseBlobs(reused, input.now);
      this.book.counters(bucket.id, { objects: 1, objectBytes: input.size });
      this.book.usage(bucket, input.attributes.storageClass, 'object', input.size, 1, input.now, { objectId });
      return { object: toObject(inserted), replaced };
    });
  }

  deleteObject(bucketId: number, key: string, now: number, ifMatchEtag?: string): Promise<ObjectDeletion> {
    return this.writes.run((): ObjectDeletion => {
      const bucket = this.book.bucket(bucketId);
      const existing = this.objectRow(bucketId, key);
      if (ifMatchEtag !== undefined && ifMatchEtag !== '*' && existing !== undefined && existing.etag !== ifMatchEtag) {
        throw new StorageError('PreconditionFailed', 'A condition of the request does not hold.', {
          Condition: 'If-Match',
        });
      }
      const state = bucket.versioning as VersioningState;
      if (state === 'unversioned') {
        if (existing === undefined) return {};
        this.versions.removeCurrent(bucket, existing, now);
        return { removed: toObject(existing) };
      }
      const released = this.versions.makeWay(bucket, key, existing, now);
      const deleteMarker = this.versions.insertMarker(bucket, key, this.versions.newVersionIdFor(bucket), now);
      return { ...(released === undefined ? {} : { removed: toObject(released) }), deleteMarker };
    });
  }

  deleteObjectVersion(input: DeleteVersionInput): Promise<ObjectVersionRecord | undefined> {
    return this.writes.run((): ObjectVersionRecord | undefined => {
      const bucket = this.book.bucket(input.bucketId);
      const current = this.objectRow(input.bucketId, input.key);
      if (current !== undefined && current.version_id === input.versionId) {
        if (input.expectId !== undefined && current.id !== input.expectId) throw new StorageError('NoSuchKey');
        this.versions.checkUnlocked(current, input.now, input.bypassGovernance === true);
        this.versions.removeCurrent(bucket, current, input.now);
        this.versions.promoteNewest(bucket, input.key);
        return currentAsVersion(current);
      }
      const row = this.versions.versionRow(input.bucketId, input.key, input.versionId);
      if (row === undefined) return undefined;
      if (input.expectId !== undefined && row.id !== input.expectId) throw new StorageError('NoSuchKey');
      this.versions.checkUnlocked(row, input.now, input.bypassGovernance === true);
      this.versions.removeVersion(bucket, row, input.now);
      if (row.noncurrent_since === null) this.versions.promoteNewest(bucket, input.key);
      return toVersion(row);
    });
  }

  async getObjectVersion(bucketId: number, key: string, versionId: string | null): Promise<ObjectVersionRecord | undefined> {
    const current = this.objectRow(bucketId, key);
    if (current !== undefined && current.version_id === versionId) return currentAsVersion(current);
    const row = this.versions.versionRow(bucketId, key, versionId);
    return row && toVersion(row);
  }

  async getLatestVersion(bucketId: number, key: string): Promise<ObjectVersionRecord | undefined> {
    const current = this.objectRow(bucketId, key);
    if (current !== undefined) return currentAsVersion(current);
    const marker = this.st('SELECT * FROM object_versions WHERE bucket_id = ? AND key = ? AND noncurrent_since IS NULL').get(
      bucketId,
      keyBytes(key),
    ) as VersionRow | undefined;
    return marker && toVersion(marker);
  }

  async listObjectVersions(bucketId: number, query: VersionRangeQuery): Promise<ObjectVersionRecord[]> {
    const range = keyRange('key', query.prefix, undefined, query.skipPrefix);
    let afterSql = '';
    const afterParams: unknown[] = [];
    if (query.after !== undefined) {
      const k = keyBytes(query.after.key);
      if (query.after.id === undefined) {
        afterSql = 'AND key > ?';
        afterParams.push(k);
      } else {
        afterSql = 'AND key >= ? AND (key > ? OR id < ?)';
        afterParams.push(k, k, query.after.id);
      }
    }
    const current = this.st(`SELECT * FROM objects WHERE bucket_id = ? ${range.sql} ${afterSql} ORDER BY key LIMIT ?`).all(
      bucketId,
      ...range.params,
      ...afterParams,
      query.limit,
    ) as ObjectRow[];
    const older = this.st(
      `SELECT * FROM object_versions INDEXED BY object_versions_by_key WHERE bucket_id = ? ${range.sql} ${afterSql}
       ORDER BY key, id DESC LIMIT ?`,
    ).all(bucketId, ...range.params, ...afterParams, query.limit) as VersionRow[];
    const out: ObjectVersionRecord[] = [];
    let i = 0;
    let j = 0;
    while (out.length < query.limit && (i < current.length || j < older.length)) {
      const a = current[i];
      const b = older[j];
      const takeCurrent =
        b === undefined || (a !== undefined && (Buffer.compare(a.key, b.key) < 0 || (a.key.equals(b.key) && a.id > b.id)));
      // Rows are converted only once chosen: of the two candidate pages, one page is kept.
      if (takeCurrent) out.push(currentAsVersion(current[i++]!));
      else out.push(toVersion(older[j++]!));
    }
    return out;
  }

  updateObjectVersion(objectId: number, patch: ObjectVersionPatch): Promise<void> {
    return this.writes.run(() => {
      for (const table of ['objects', 'object_versions'] as const) {
        const row = this.st(`SELECT tags, lock FROM ${table} WHERE id = ?`).get(objectId) as
          { tags: string | null; lock: string | null } | undefined;
        if (row === undefined) continue;
        this.st(`UPDATE ${table} SET tags = ?, lock = ? WHERE id = ?`).run(
          patch.tags === undefined ? row.tags : tagsJson(patch.tags),
          patch.lock === undefined ? row.lock : lockJson(patch.lock),
          objectId,
        );
        return;
      }
      throw new StorageError('NoSuchKey');
    });
  }

  updateObjectStorageClass(objectId: number, storageClass: StorageClass, now: number): Promise<void> {
    return this.writes.run(() => {
      const current = this.st('SELECT * FROM objects WHERE id = ?').get(objectId) as ObjectRow | undefined;
      const table = current === undefined ? 'object_versions' : 'objects';
      const row = current ?? this.objectRowById(objectId);
      if (row.storage_class === storageClass) return;
      const bucket = this.book.bucket(row.bucket_id);
      this.st(`UPDATE ${table} SET storage_class = ? WHERE id = ?`).run(storageClass, objectId);
      this.book.usage(bucket, row.storage_class as StorageClass, 'object', -row.size, -1, now, { objectId });
      this.book.usage(bucket, storageClass, 'object', row.size, 1, now, { objectId });
    });
  }

  private objectRow(bucketId: number, key: string): ObjectRow | undefined {
    return this.st('SELECT * FROM objects WHERE bucket_id = ? AND key = ?').get(bucketId, keyBytes(key)) as ObjectRow | undefined;
  }

  /** A current or noncurrent version (not a marker) by id. */
  private objectRowById(id: number): ObjectRow {
    const row = (this.st('SELECT * FROM objects WHERE id = ?').get(id) ??
      this.st('SELECT * FROM object_versions WHERE id = ? AND delete_marker = 0').get(id)) as ObjectRow | undefined;
    if (row === undefined) throw new StorageError('NoSuchKey');
    return row;
  }

  /** Inserts an object's row and returns it as a re-read would, without reading it back. */
  private insertObjectRow(
    bucketId: number,
    key: string,
    now: number,
    o: Omit<PutObjectInput, 'parts' | 'newBlobs' | 'bucketId' | 'key' | 'now' | 'condition'>,
    versionId: string | null,
  ): ObjectRow {
    const row: Omit<ObjectRow, 'id'> = {
      bucket_id: bucketId,
      key: keyBytes(key),
      size: o.size,
      etag: o.etag,
      last_modified: now,
      storage_class: o.attributes.storageClass,
      attributes: attributesJson(o.attributes),
      parts_count: o.partsCount,
      checksum: o.checksum === null ? null : JSON.stringify(o.checksum),
      digests: JSON.stringify(o.digests),
      extra: JSON.stringify(o.extra),
      version_id: versionId,
      tags: tagsJson(o.tags),
      lock: lockJson(o.lock),
    };
    const id = this.st(
      `INSERT INTO objects (bucket_id, key, size, etag, last_modified, storage_class, attributes, parts_count,
         checksum, digests, extra, version_id, tags, lock) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.bucket_id,
      row.key,
      row.size,
      row.etag,
      row.last_modified,
      row.storage_class,
      row.attributes,
      row.parts_count,
      row.checksum,
      row.digests,
      row.extra,
      row.version_id,
      row.tags,
      row.lock,
    ).lastInsertRowid;
    return { id: Number(id), ...row };
  }

  // --- multipart uploads -------------------------------------------------------------------------

  createUpload(input: NewUpload): Promise<UploadRecord> {
    return this.writes.run(() => {
      const bucket = this.book.bucket(input.bucketId);
      this.st(
        `INSERT INTO uploads (id, bucket_id, key, initiated_at, state, storage_class, attributes, checksum_algorithm,
           checksum_type, initiator, extra) VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.id,
        input.bucketId,
        keyBytes(input.key),
        input.initiatedAt,
        input.attributes.storageClass,
        attributesJson(input.attributes),
        input.checksumAlgorithm,
        input.checksumType,
        JSON.stringify(input.initiator),
        JSON.stringify(input.extra),
      );
      this.book.counters(bucket.id, { uploads: 1 });
      return toUpload(this.uploadRow(input.id)!);
    });
  }

  async getUpload(uploadId: string): Promise<UploadRecord | undefined> {
    const row = this.uploadRow(uploadId);
    return row && toUpload(row);
  }

  private uploadRow(uploadId: string): UploadRow | undefined {
    return this.st('SELECT * FROM uploads WHERE id = ?').get(uploadId) as UploadRow | undefined;
  }

  async listUploads(bucketId: number, query: UploadRangeQuery): Promise<UploadRecord[]> {
    const range = keyRange('key', query.prefix, undefined, query.skipPrefix);
    let afterSql = '';
    const afterParams: unknown[] = [];
    if (query.after !== undefined) {
      if (query.after.initiatedAt !== undefined && query.after.uploadId !== undefined) {
        afterSql = 'AND (key, initiated_at, id) > (?, ?, ?)';
        afterParams.push(keyBytes(query.after.key), query.after.initiatedAt, query.after.uploadId);
      } else {
        afterSql = 'AND key > ?';
        afterParams.push(keyBytes(query.after.key));
      }
    }
    const rows = this.st(
      `SELECT * FROM uploads INDEXED BY uploads_active_by_key WHERE bucket_id = ? AND state = 'active' ${range.sql} ${afterSql}
       ORDER BY key, initiated_at, id LIMIT ?`,
    ).all(bucketId, ...range.params, ...afterParams, query.limit) as UploadRow[];
    return rows.map(toUpload);
  }

  async listUploadsByAge(query: UploadAgeQuery): Promise<UploadRecord[]> {
    const params: unknown[] = [query.initiatedBefore];
    let sql = "SELECT * FROM uploads WHERE state = 'active' AND initiated_at <= ?";
    if (query.after !== undefined) {
      sql += ' AND (initiated_at, id) > (?, ?)';
      params.push(query.after.initiatedAt, query.after.uploadId);
    }
    if (query.bucketId !== undefined) {
      sql += ' AND bucket_id = ?';
      params.push(query.bucketId);
    }
    sql += ' ORDER BY initiated_at, id LIMIT ?';
    params.push(query.limit);
    return (this.st(sql).all(...params) as UploadRow[]).map(toUpload);
  }

  async listUploadsSorted(bucketId: number, query: SortedUploadQuery): Promise<SortedUpload[]> {
    return listUploadsSorted((sql) => this.st(sql), bucketId, query);
  }

  async countUploads(bucketId: number, prefix: string): Promise<{ uploads: number; bytes: number }> {
    return countUploads((sql) => this.st(sql), bucketId, prefix);
  }

  async listParts(uploadId: string, afterPartNumber: number, limit: number): Promise<PartRecord[]> {
    const rows = this.st('SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?').all(
      uploadId,
      afterPartNumber,
      limit,
    ) as PartRow[];
    return rows.map(toPart);
  }

  putPart(input: PutPartInput): Promise<PartRecord> {
    return this.writes.run(() => {
      const upload = this.uploadRow(input.uploadId);
      if (upload === undefined || upload.state !== 'active') throw new StorageError('NoSuchUpload');
      const bucket = this.book.bucket(upload.bucket_id);
      const storageClass = upload.storage_class as StorageClass;
      this.book.insertBlobs(input.newBlobs, input.now);
      const previous = this.st('SELECT id, size FROM parts WHERE upload_id = ? AND part_number = ?').get(
        input.uploadId,
        input.partNumber,
      ) as { id: number; size: number } | undefined;
      let partDelta = 1;
      let byteDelta = input.size;
      if (previous !== undefined) {
        this.book.deletePart(previous.id, input.now);
        this.book.usage(bucket, storageClass, 'part', -previous.size, -1, input.now, { uploadId: input.uploadId });
        partDelta -= 1;
        byteDelta -= previous.size;
      }
      const partId = this.book.insertPart(
        {
          uploadId: input.uploadId,
          objectId: null,
          partNumber: input.partNumber,
          objectOffset: null,
          size: input.size,
          etag: input.etag,
          digests: input.digests,
          lastModified: input.now,
        },
        input.segments,
      );
      this.book.usage(bucket, storageClass, 'part', input.size, 1, input.now, { uploadId: input.uploadId });
      this.st('UPDATE uploads SET part_count = part_count + ?, bytes = bytes + ?, part_byte_ms = part_byte_ms + ? WHERE id = ?').run(
        partDelta,
        byteDelta,
        byteDelta * (input.now - upload.initiated_at),
        input.uploadId,
      );
      this.book.counters(bucket.id, { parts: partDelta, partBytes: byteDelta });
      return toPart(this.st('SELECT * FROM parts WHERE id = ?').get(partId) as PartRow);
    });
  }

  completeUpload(input: CompleteUploadInput): Promise<CompleteUploadOutcome> {
    return this.writes.run((): CompleteUploadOutcome => {
      const upload = this.uploadRow(input.uploadId);
      if (upload === undefined || upload.state !== 'active') {
        return { outcome: 'not-active', upload: upload && toUpload(upload) };
      }
      const bucket = this.book.bucket(upload.bucket_id);
      const key = upload.key.toString('utf8');
      const currentPart = this.st('SELECT id, size FROM parts WHERE upload_id = ? AND part_number = ?');
      const chosen: { id: number; size: number }[] = [];
      for (const p of input.parts) {
        const row = currentPart.get(input.uploadId, p.partNumber) as { id: number; size: number } | undefined;
        if (row === undefined || row.id !== p.partId) {
          throw new StorageError('InvalidPart', 'One or more of the specified parts could not be found.', {
            PartNumber: p.partNumber,
          });
        }
        chosen.push(row);
      }
      const existing = this.objectRow(bucket.id, key);
      evaluateWriteCondition(existing, input.condition);
      this.versions.makeWay(bucket, key, existing, input.now);
      const inserted = this.insertObjectRow(bucket.id, key, input.now, input.object, this.versions.newVersionIdFor(bucket));
      const objectId = inserted.id;
      const move = this.st('UPDATE parts SET upload_id = NULL, object_id = ?, object_offset = ? WHERE id = ?');
      let offset = 0;
      for (const part of chosen) {
        move.run(objectId, offset, part.id);
        offset += part.size;
      }
      const leftovers = this.st('SELECT id FROM parts WHERE upload_id = ?').pluck().all(input.uploadId) as number[];
      for (const partId of leftovers) this.book.deletePart(partId, input.now);
      const storageClass = upload.storage_class as StorageClass;
      this.book.usage(bucket, storageClass, 'part', -upload.bytes, -upload.part_count, input.now, { uploadId: input.uploadId });
      this.book.usage(bucket, input.object.attributes.storageClass, 'object', input.object.size, 1, input.now, { objectId });
      this.book.counters(bucket.id, {
        uploads: -1,
        parts: -upload.part_count,
        partBytes: -upload.bytes,
        objects: 1,
        objectBytes: input.object.size,
      });
      const object = toObject(inserted);
      const result = {
        objectId,
        key,
        etag: object.etag,
        size: object.size,
        checksum: object.checksum,
        partListFingerprint: input.partListFingerprint,
        ...(object.versionId === null ? {} : { versionId: object.versionId }),
      };
      this.st("UPDATE uploads SET state = 'completed', finished_at = ?, part_count = 0, bytes = 0, result = ? WHERE id = ?").run(
        input.now,
        JSON.stringify(result),
        input.uploadId,
      );
      return { outcome: 'completed', object, upload: toUpload(this.uploadRow(input.uploadId)!) };
    });
  }

  abortUpload(uploadId: string, now: number): Promise<UploadState | undefined> {
    return this.writes.run(() => {
      const upload = this.uploadRow(uploadId);
      if (upload === undefined) return undefined;
      const state = upload.state as UploadState;
      if (state !== 'active') return state;
      const bucket = this.book.bucket(upload.bucket_id);
      const partIds = this.st('SELECT id FROM parts WHERE upload_id = ?').pluck().all(uploadId) as number[];
      for (const partId of partIds) this.book.deletePart(partId, now);
      this.book.usage(bucket, upload.storage_class as StorageClass, 'part', -upload.bytes, -upload.part_count, now, { uploadId });
      this.book.counters(bucket.id, { uploads: -1, parts: -upload.part_count, partBytes: -upload.bytes });
      this.st("UPDATE uploads SET state = 'aborted', finished_at = ?, part_count = 0, bytes = 0 WHERE id = ?").run(now, uploadId);
      return state;
    });
  }

  purgeTombstones(finishedBefore: number, limit: number): Promise<number> {
    return this.writes.run(
      () =>
        this.st(
          `DELETE FROM uploads WHERE id IN (SELECT id FROM uploads INDEXED BY uploads_finished
             WHERE state <> 'active' AND finished_at < ? LIMIT ?)`,
        ).run(finishedBefore, limit).changes,
    );
  }

  // --- blobs and garbage -------------------------------------------------------------------------

  async takeGarbage(limit: number): Promise<string[]> {
    return this.st('SELECT blob_id FROM garbage ORDER BY since LIMIT ?').pluck().all(limit) as string[];
  }

  forgetGarbage(blobIds: readonly string[]): Promise<void> {
    return this.writes.run(() => {
      const del = this.st('DELETE FROM garbage WHERE blob_id = ?');
      for (const id of blobIds) del.run(id);
    });
  }

  async readInlineBlob(blobId: string): Promise<Buffer | undefined> {
    return this.st('SELECT data FROM inline_blobs WHERE id = ?').pluck().get(blobId) as Buffer | undefined;
  }

  async knownBlobs(blobIds: readonly string[]): Promise<Set<string>> {
    const known = new Set<string>();
    const inBlobs = this.st('SELECT 1 FROM blobs WHERE id = ?').pluck();
    const inGarbage = this.st('SELECT 1 FROM garbage WHERE blob_id = ?').pluck();
    for (const id of blobIds) if (inBlobs.get(id) !== undefined || inGarbage.get(id) !== undefined) known.add(id);
    return known;
  }

  async referencedBlobBytes(): Promise<number> {
    return (this.st('SELECT COALESCE(SUM(size), 0) FROM blobs WHERE refs > 0').pluck().get() as number) ?? 0;
  }

  // --- usage ledger ------------------------------------------------------------------------------

  async listUsageEvents(query: UsageEventQuery): Promise<UsageEvent[]> {
    const rows = this.st('SELECT * FROM usage_events WHERE id > ? AND at <= ? ORDER BY id LIMIT ?').all(
      query.afterId ?? 0,
      query.until ?? Number.MAX_SAFE_INTEGER,
      query.limit,
    ) as {
      id: number;
      at: number;
      account_id: string;
      bucket_id: number;
      bucket_name: string;
      storage_class: string;
      kind: string;
      bytes_delta: number;
      count_delta: number;
      object_id: number | null;
      upload_id: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      accountId: r.account_id,
      bucketId: r.bucket_id,
      bucketName: r.bucket_name,
      storageClass: r.storage_class as StorageClass,
      kind: r.kind as 'object' | 'part',
      bytesDelta: r.bytes_delta,
      countDelta: r.count_delta,
      ...(r.object_id === null ? {} : { objectId: r.object_id }),
      ...(r.upload_id === null ? {} : { uploadId: r.upload_id }),
    }));
  }

  async close(): Promise<void> {
    // Let queued writes land before closing.
    await this.writes.run(() => undefined);
    await this.walSyncer?.close();
    this.db.close();
  }
}

function bucketScope(namespace: BucketNamespace, accountId: string): string {
  return namespace === 'glacier' ? accountId : '';
}

/** SQL for a byte-ordered key range: prefix, exclusive lower bound, and a prefix to step over. */
function keyRange(
  column: string,
  prefix: string,
  after: string | undefined,
  skipPrefix: string | undefined,
): { sql: string; params: Buffer[] } {
  let sql = '';
  const params: Buffer[] = [];
  if (prefix !== '') {
    sql += ` AND ${column} >= ?`;
    params.push(keyBytes(prefix));
    const end = prefixSuccessor(prefix);
    if (end !== undefined) {
      sql += ` AND ${column} < ?`;
      params.push(end);
    }
  }
  if (after !== undefined) {
    sql += ` AND ${column} > ?`;
    params.push(keyBytes(after));
  }
  if (skipPrefix !== undefined) {
    const next = prefixSuccessor(skipPrefix);
    if (next === undefined) sql += ' AND 0';
    else {
      sql += ` AND ${column} >= ?`;
      params.push(next);
    }
  }
  return { sql, params };
}
