import type Database from 'better-sqlite3';
import { StorageError } from '../../core/errors.js';
import type { NewBlob } from '../../core/ports/metadata-store.js';
import type { Digests, Segment, StorageClass } from '../../core/types.js';
import type { BucketRow } from './rows.js';

export interface PartFields {
  readonly uploadId: string | null;
  readonly objectId: number | null;
  readonly partNumber: number;
  readonly objectOffset: number | null;
  readonly size: number;
  readonly etag: string;
  readonly digests: Digests;
  readonly lastModified: number;
}

/** What a usage event counts: one object, or the parts of one upload. */
export interface UsageSubject {
  readonly objectId?: number;
  readonly uploadId?: string;
}

export interface CounterDelta {
  objects?: number;
  objectBytes?: number;
  uploads?: number;
  parts?: number;
  partBytes?: number;
  versions?: number;
  versionBytes?: number;
}

/**
 * The bookkeeping every mutation shares, always called inside a transaction: blob references and the
 * garbage list, part rows with their segments, bucket counters and usage events.
 */
export class Bookkeeping {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insertBlob: db.prepare('INSERT INTO blobs (id, size, refs, created_at) VALUES (?, ?, 0, ?)'),
      takeRef: db.prepare('UPDATE blobs SET refs = refs + 1 WHERE id = ?'),
      dropRef: db.prepare('UPDATE blobs SET refs = refs - 1 WHERE id = ? RETURNING refs'),
      deleteBlob: db.prepare('DELETE FROM blobs WHERE id = ?'),
      insertInline: db.prepare('INSERT INTO inline_blobs (id, data) VALUES (?, ?)'),
      deleteInline: db.prepare('DELETE FROM inline_blobs WHERE id = ?'),
      addGarbage: db.prepare('INSERT OR IGNORE INTO garbage (blob_id, since) VALUES (?, ?)'),
      insertPart: db.prepare(
        `INSERT INTO parts (upload_id, object_id, part_number, object_offset, size, etag, digests, last_modified)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertSegment: db.prepare('INSERT INTO segments (part_id, seq, blob_id, blob_offset, length) VALUES (?, ?, ?, ?, ?)'),
      partSegments: db.prepare('SELECT blob_id FROM segments WHERE part_id = ?').pluck(),
      deleteSegments: db.prepare('DELETE FROM segments WHERE part_id = ?'),
      deletePart: db.prepare('DELETE FROM parts WHERE id = ?'),
      bucket: db.prepare('SELECT * FROM buckets WHERE id = ?'),
      counters: db.prepare(
        `UPDATE buckets SET object_count = object_count + ?, object_bytes = object_bytes + ?,
           upload_count = upload_count + ?, part_count = part_count + ?, part_bytes = part_bytes + ?,
           version_count = version_count + ?, version_bytes = version_bytes + ? WHERE id = ?`,
      ),
      usage: db.prepare(
        `INSERT INTO usage_events (at, account_id, bucket_id, bucket_name, storage_class, kind, bytes_delta, count_delta,
           object_id, upload_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  bucket(bucketId: number): BucketRow {
    const row = this.s.bucket.get(bucketId) as BucketRow | undefined;
    if (row === undefined) throw new StorageError('NoSuchBucket', 'The bucket does not exist.');
    return row;
  }

  /** Records new blobs; an inline blob's bytes are stored here, in the same transaction. */
  insertBlobs(blobs: readonly NewBlob[], now: number): void {
    for (const b of blobs) {
      this.s.insertBlob.run(b.blobId, b.size, now);
      if (b.data !== undefined) this.s.insertInline.run(b.blobId, b.data);
    }
  }

  /** Inserts a part and its segments, taking a reference on every blob. */
  insertPart(fields: PartFields, segments: readonly Segment[]): number {
    const partId = Number(
      this.s.insertPart.run(
        fields.uploadId,
        fields.objectId,
        fields.partNumber,
        fields.objectOffset,
        fields.size,
        fields.etag,
        JSON.stringify(fields.digests),
        fields.lastModified,
      ).lastInsertRowid,
    );
    segments.forEach((seg, seq) => {
      this.referenceBlob(seg.blobId);
      this.s.insertSegment.run(partId, seq, seg.blobId, seg.blobOffset, seg.length);
    });
    return partId;
  }

  /** Takes a reference on a live blob; NoSuchKey when it is gone (its data was deleted meanwhile). */
  referenceBlob(blobId: string): void {
    if (this.s.takeRef.run(blobId).changes !== 1) {
      throw new StorageError('NoSuchKey', 'The source data no longer exists.');
    }
  }

  /** Drops a reference; the blob moves to the garbage list when it was the last. */
  releaseBlob(blobId: string, now: number): void {
    const row = this.s.dropRef.get(blobId) as { refs: number } | undefined;
    if (row !== undefined && row.refs <= 0) {
      this.s.deleteBlob.run(blobId);
      // Inline bytes go with the transaction; only files wait on the garbage list for the reaper.
      if (this.s.deleteInline.run(blobId).changes === 0) this.s.addGarbage.run(blobId, now);
    }
  }

  /** Deletes a part and its segments; blobs whose last reference goes move to the garbage list. */
  deletePart(partId: number, now: number): void {
    const blobIds = this.s.partSegments.all(partId) as string[];
    this.s.deleteSegments.run(partId);
    this.s.deletePart.run(partId);
    for (const blobId of blobIds) this.releaseBlob(blobId, now);
  }

  /**
   * Takes one extra reference on each blob, so that replacing an object by one made of its own blobs
   * (a copy onto itself, an append) does not free them in between. Pair with releaseBlobs.
   */
  holdBlobs(blobIds: readonly string[]): void {
    for (const blobId of blobIds) this.referenceBlob(blobId);
  }

  /** Drops one reference on each blob; those whose last reference goes move to the garbage list. */
  releaseBlobs(blobIds: readonly string[], now: number): void {
    for (const blobId of blobIds) this.releaseBlob(blobId, now);
  }

  counters(bucketId: number, d: CounterDelta): void {
    this.s.counters.run(
      d.objects ?? 0,
      d.objectBytes ?? 0,
      d.uploads ?? 0,
      d.parts ?? 0,
      d.partBytes ?? 0,
      d.versions ?? 0,
      d.versionBytes ?? 0,
      bucketId,
    );
  }

  usage(
    bucket: BucketRow,
    storageClass: StorageClass,
    kind: 'object' | 'part',
    bytesDelta: number,
    countDelta: number,
    at: number,
    subject: UsageSubject = {},
  ): void {
    if (bytesDelta === 0 && countDelta === 0) return;
    this.s.usage.run(
      at,
      bucket.account_id,
      bucket.id,
      bucket.name,
      storageClass,
      kind,
      bytesDelta,
      countDelta,
      subject.objectId ?? null,
      subject.uploadId ?? null,
    );
  }
}
