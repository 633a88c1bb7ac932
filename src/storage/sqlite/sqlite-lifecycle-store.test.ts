import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { lifecycleStoreContract } from '../lifecycle-store.contract.js';
import { SqliteMetadataStore } from './sqlite-metadata-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cairn-lifecycle-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

lifecycleStoreContract('sqlite (file, WAL)', async () => {
  const meta = new SqliteMetadataStore({ path: path.join(dir, `l${++n}.db`) });
  return { meta, lifecycle: meta.lifecycle };
});

describe('the SQLite lifecycle store', () => {
  it('seeks the time-ordered indexes rather than scanning uploads, objects or events', async () => {
    const file = path.join(dir, 'plans.db');
    await new SqliteMetadataStore({ path: file }).close();
    const db = new Database(file, { readonly: true });
    try {
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array<number>((sql.match(/\?/g) ?? []).length).fill(1)) as { detail: string }[])
          .map((r) => r.detail)
          .join('; ');
      assert.match(
        plan(
          "SELECT * FROM uploads WHERE state = 'active' AND initiated_at <= ? AND (initiated_at, id) > (?, ?) AND bucket_id = ? ORDER BY initiated_at, id LIMIT ?",
        ),
        /SEARCH uploads USING INDEX uploads_active_by_bucket_age/,
      );
      assert.match(
        plan(
          'SELECT * FROM objects INDEXED BY objects_by_age WHERE bucket_id = ? AND last_modified <= ? AND (last_modified, id) > (?, ?) ORDER BY last_modified, id LIMIT ?',
        ),
        /SEARCH objects USING INDEX objects_by_age/,
      );
      assert.match(
        plan(
          "SELECT s.at FROM usage_events s WHERE s.object_id = ? AND s.id < ? AND s.kind = 'object' AND s.count_delta = 1 ORDER BY s.id DESC LIMIT 1",
        ),
        /SEARCH s USING INDEX usage_events_by_object/,
      );
    } finally {
      db.close();
    }
  });
});
