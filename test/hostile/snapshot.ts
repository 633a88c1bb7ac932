import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * What the server keeps, read from outside the server: every row of every metadata table (buckets and
 * vaults, objects and archives, uploads and their tombstones, parts, segments, blobs, configuration,
 * accounts...) and the bytes of every file in the data directory. Two snapshots are equal when bad input
 * changed nothing at all.
 */
export interface Snapshot {
  /** Table name -> its rows, one JSON line each, sorted. */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  /** Path relative to the data dir -> SHA-256 of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

/**
 * The SQLite shared-memory index is not data: readers (this snapshot among them) write their read marks
 * into it. Everything else counts, the metadata database and its write-ahead log included.
 */
const NOT_DATA = /-shm$/;

export function takeSnapshot(dataDir: string): Snapshot {
  return { tables: dumpTables(dataDir), files: hashFiles(dataDir) };
}

function dumpTables(dataDir: string, where: (table: string) => string = () => ''): Record<string, string[]> {
  const db = new Database(path.join(dataDir, 'metadata.db'), { readonly: true, fileMustExist: true });
  try {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
      (r) => r.name,
    );
    const out: Record<string, string[]> = {};
    for (const name of names) {
      const filter = where(name);
      if (filter === 'skip') continue;
      const rows = db.prepare(`SELECT * FROM "${name}" ${filter}`).all() as Record<string, unknown>[];
      out[name] = rows.map(rowText).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

function rowText(row: Record<string, unknown>): string {
  return JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `0x${v.toString('hex')}` : v));
}

function hashFiles(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!NOT_DATA.test(name)) out[path.relative(dataDir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dataDir);
  return out;
}

/**
 * The part of the metadata that belongs to some buckets (rows, parts, segments and blobs reachable from
 * them), plus the accounts: for batches that may change other buckets (the racing batch works in a
 * scratch bucket of its own) but must leave these exactly as they were.
 */
export function takeBucketSnapshot(dataDir: string, bucketIds: readonly number[]): Snapshot {
  const ids = bucketIds.join(',');
  const uploads = `SELECT id FROM uploads WHERE bucket_id IN (${ids})`;
  const objects = `SELECT id FROM objects WHERE bucket_id IN (${ids})`;
  const parts = `SELECT id FROM parts WHERE upload_id IN (${uploads}) OR object_id IN (${objects})`;
  const blobs = `SELECT blob_id FROM segments WHERE part_id IN (${parts})`;
  const filters: Record<string, string> = {
    accounts: '',
    access_keys: '',
    buckets: `WHERE id IN (${ids})`,
    bucket_config: `WHERE bucket_id IN (${ids})`,
    objects: `WHERE bucket_id IN (${ids})`,
    uploads: `WHERE bucket_id IN (${ids})`,
    parts: `WHERE id IN (${parts})`,
    segments: `WHERE part_id IN (${parts})`,
    blobs: `WHERE id IN (${blobs})`,
    inline_blobs: `WHERE id IN (${blobs})`,
  };
  const tables = dumpTables(dataDir, (name) => filters[name] ?? 'skip');
  const blobIds = new Set((tables.blobs ?? []).map((r) => (JSON.parse(r) as { id: string }).id));
  const files = Object.fromEntries(Object.entries(hashFiles(dataDir)).filter(([f]) => blobIds.has(path.basename(f))));
  return { tables, files };
}

/** The blob files on disk (not the inline ones): a batch that cleans up after itself must leave exactly these. */
export function blobFiles(dataDir: string): string[] {
  return Object.keys(hashFiles(dataDir))
    .filter((f) => f.startsWith(`blobs${path.sep}`))
    .sort();
}

export function tmpFiles(dataDir: string): string[] {
  return Object.keys(hashFiles(dataDir)).filter((f) => f.startsWith(`tmp${path.sep}`));
}

/** Fails with the first few differences, by table and by file, rather than two huge objects. */
export function assertSameSnapshot(before: Snapshot, after: Snapshot, what: string): void {
  const problems: string[] = [];
  for (const table of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    const a = new Set(before.tables[table] ?? []);
    const b = new Set(after.tables[table] ?? []);
    for (const row of a) if (!b.has(row)) problems.push(`${table}: lost ${row.slice(0, 300)}`);
    for (const row of b) if (!a.has(row)) problems.push(`${table}: gained ${row.slice(0, 300)}`);
  }
  for (const file of new Set([...Object.keys(before.files), ...Object.keys(after.files)])) {
    if (before.files[file] !== after.files[file]) {
      problems.push(`${file}: ${before.files[file] === undefined ? 'appeared' : after.files[file] === undefined ? 'vanished' : 'changed'}`);
    }
  }
  assert.deepEqual(problems.slice(0, 20), [], `${what} changed the stored state (${problems.length} differences)`);
}
