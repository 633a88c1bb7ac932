import type Database from 'better-sqlite3';
import type { SortedUpload, SortedUploadQuery } from '../../core/ports/metadata-store.js';
import { storageClasses } from '../../core/types.js';
import { keyBytes, prefixSuccessor } from './key-bytes.js';
import { toUpload, type UploadRow } from './rows.js';

/** Up to this many uploads under a prefix are sorted from the key index; beyond it the order's index is walked. */
const SORT_IN_RANGE_LIMIT = 20_000;

type Statement = (sql: string) => Database.Statement;

const byteMsSql = `(CAST(bytes AS REAL) * (@asOf - initiated_at) - part_byte_ms)`;
const costSql = `((CASE storage_class ${storageClasses.map((c, i) => `WHEN '${c}' THEN @w${i}`).join(' ')} ELSE 0 END) * ${byteMsSql})`;

/**
 * Part Management's pages. First the ids and sort values of one page, read from an index alone (no table
 * row is touched for an upload that is not on the page); then the rows of that page by id.
 */
export function listUploadsSorted(st: Statement, bucketId: number, q: SortedUploadQuery): SortedUpload[] {
  const params: Record<string, unknown> = { bucket: bucketId, asOf: q.asOf, limit: q.limit };
  storageClasses.forEach((c, i) => (params[`w${i}`] = q.costPerByteMs[c]));
  let range = '';
  if (q.prefix !== '') {
    range = ' AND key >= @from';
    params.from = keyBytes(q.prefix);
    const end = prefixSuccessor(q.prefix);
    if (end !== undefined) {
      range += ' AND key < @to';
      params.to = end;
    }
  }
  const inRange = q.sort === 'cost' || (q.prefix !== '' && countInRange(st, range, params) <= SORT_IN_RANGE_LIMIT);
  const index = inRange ? 'uploads_active_stats' : q.sort === 'initiated' ? 'uploads_active_by_initiated' : 'uploads_active_by_bytes';
  const value = q.sort === 'cost' ? costSql : q.sort === 'initiated' ? 'initiated_at' : 'bytes';
  const dir = q.descending ? 'DESC' : 'ASC';
  let after = '';
  if (q.after !== undefined) {
    after = ` AND (${value}, id) ${q.descending ? '<' : '>'} (@afterValue, @afterId)`;
    params.afterValue = q.after.value;
    params.afterId = q.after.uploadId;
  }
  const page = st(
    `SELECT id, ${value} AS v FROM uploads INDEXED BY ${index}
     WHERE bucket_id = @bucket AND state = 'active'${range}${after} ORDER BY v ${dir}, id ${dir} LIMIT @limit`,
  ).all(params) as { id: string; v: number }[];
  const row = st(`SELECT *, ${byteMsSql} AS byte_ms FROM uploads WHERE id = @id`);
  return page.map(({ id, v }) => {
    const r = row.get({ id, asOf: q.asOf }) as UploadRow & { byte_ms: number };
    return { upload: toUpload(r), byteMsSoFar: Math.max(0, r.byte_ms), sortValue: v };
  });
}

export function countUploads(st: Statement, bucketId: number, prefix: string): { uploads: number; bytes: number } {
  const params: Record<string, unknown> = { bucket: bucketId };
  let range = '';
  if (prefix !== '') {
    range = ' AND key >= @from';
    params.from = keyBytes(prefix);
    const end = prefixSuccessor(prefix);
    if (end !== undefined) {
      range += ' AND key < @to';
      params.to = end;
    }
  }
  const r = st(
    `SELECT count(*) AS uploads, TOTAL(bytes) AS bytes FROM uploads INDEXED BY uploads_active_stats
     WHERE bucket_id = @bucket AND state = 'active'${range}`,
  ).get(params) as { uploads: number; bytes: number };
  return { uploads: r.uploads, bytes: r.bytes };
}

function countInRange(st: Statement, range: string, params: Record<string, unknown>): number {
  const { bucket, from, to } = params;
  return st(
    `SELECT count(*) FROM (SELECT 1 FROM uploads INDEXED BY uploads_active_stats
       WHERE bucket_id = @bucket AND state = 'active'${range} LIMIT ${SORT_IN_RANGE_LIMIT + 1})`,
  )
    .pluck()
    .get({ bucket, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }) as number;
}
