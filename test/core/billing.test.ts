import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { deleteObject } from '../../src/core/objects/delete-object.js';
import { putObject } from '../../src/core/objects/put-object.js';
import type { UsageEvent } from '../../src/core/ports/metadata-store.js';
import { storageClasses, type Bucket, type StorageClass } from '../../src/core/types.js';
import { examplePriceTable, type PriceTable } from '../../src/core/usage/price-table.js';
import { BYTES_PER_GB, usageReport, type UsageReport } from '../../src/core/usage/usage-report.js';
import { abortUpload } from '../../src/core/uploads/abort-upload.js';
import { completeUpload } from '../../src/core/uploads/complete-upload.js';
import { createUpload } from '../../src/core/uploads/create-upload.js';
import { uploadPart } from '../../src/core/uploads/upload-part.js';
import type { SqliteMetadataStore } from '../../src/storage/sqlite/sqlite-metadata-store.js';
import { bodyOf, coreFixture, rootPrincipal, type CoreFixture } from '../support/core-fixture.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const IA = examplePriceTable.classes['infrequent-access'];

function report(
  f: CoreFixture,
  from: number,
  to: number,
  prices: PriceTable = examplePriceTable,
  scope: { bucketId?: number } = {},
): Promise<UsageReport> {
  return usageReport(f.ctx, (f.ctx.meta as SqliteMetadataStore).ledger, { from, to, prices, ...scope });
}

const row = (r: UsageReport, kind: 'object' | 'part', storageClass: StorageClass) => {
  const found = r.rows.find((x) => x.kind === kind && x.storageClass === storageClass);
  assert.ok(found !== undefined, `no ${kind} row for ${storageClass}`);
  return found;
};

const costOf = (byteHours: number, c: StorageClass, prices = examplePriceTable) =>
  (byteHours / prices.hoursPerMonth / BYTES_PER_GB) * prices.classes[c].storagePerGbMonth;

async function upload(f: CoreFixture, bucket: Bucket, key: string, storageClass: StorageClass, sizes: number[]) {
  const u = await createUpload(f.ctx, { bucket, key, attributes: { userMetadata: {}, storageClass }, initiator: rootPrincipal });
  const parts = [];
  for (const [i, size] of sizes.entries())
    parts.push(await uploadPart(f.ctx, { bucket, key, uploadId: u.id, partNumber: i + 1, body: bodyOf(randomBytes(size)) }));
  return { upload: u, parts };
}

describe('usage and billing from the ledger', () => {
  it('bills a part of one byte kept ten hours as ten byte-hours at its class, never raised to a minimum', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const t0 = f.ctx.clock();
      const { upload: u } = await upload(f, bucket, 'k', 'infrequent-access', [1]);
      f.advance(10 * HOUR);
      await abortUpload(f.ctx, bucket, 'k', u.id);
      const r = await report(f, t0, t0 + DAY);
      const parts = row(r, 'part', 'infrequent-access');
      assert.equal(parts.byteHours, 10);
      assert.equal(parts.billableByteHours, 10);
      assert.equal(parts.earlyDeletions, 0);
      assert.equal(parts.cost, costOf(10, 'infrequent-access'));
      assert.equal(r.totalsByKind.part.cost, parts.cost);
      assert.equal(r.rows.length, 1);
    } finally {
      await f.close();
    }
  });

  it('bills an infrequent-access object below the minimum size at the minimum, and its parts before completion at their size', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const bucket = await f.bucket();
      const t0 = f.ctx.clock();
      const { upload: u, parts } = await upload(f, bucket, 'small', 'infrequent-access', [60, 40]);
      f.advance(2 * HOUR);
      await completeUpload(f.ctx, {
        bucket,
        key: 'small',
        uploadId: u.id,
        parts: parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
      });
      f.advance(10 * HOUR);
      const r = await report(f, t0, t0 + 12 * HOUR);
      const p = row(r, 'part', 'infrequent-access');
      assert.deepEqual([p.byteHours, p.billableByteHours, p.bytes, p.count], [200, 200, 0, 0]);
      const o = row(r, 'object', 'infrequent-access');
      assert.deepEqual([o.byteHours, o.billableByteHours, o.bytes, o.count], [1000, IA.minBillableBytes * 10, 100, 1]);
      assert.equal(o.storageCost, costOf(IA.minBillableBytes * 10, 'infrequent-access'));
      // Standard objects have no minimum.
      await putObject(f.ctx, { bucket, key: 'std', body: bodyOf('abc'), attributes: { userMetadata: {}, storageClass: 'standard' } });
      f.advance(HOUR);
      const s = row(await report(f, t0 + 12 * HOUR, t0 + 13 * HOUR), 'object', 'standard');
      assert.deepEqual([s.byteHours, s.billableByteHours], [3, 3]);
    } finally {
      await f.close();
    }
  });

  it('stops billing an upload at the moment it is aborted', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const t0 = f.ctx.clock();
      const { upload: u } = await upload(f, bucket, 'k', 'standard', [1000, 24]);
      f.advance(5 * HOUR);
      await abortUpload(f.ctx, bucket, 'k', u.id);
      f.advance(100 * HOUR);
      const r = await report(f, t0, f.ctx.clock());
      const parts = row(r, 'part', 'standard');
      assert.equal(parts.byteHours, 5 * 1024);
      assert.equal(parts.countHours, 10);
      assert.equal(parts.bytes, 0);
      // A window that starts after the abort bills nothing for it.
      assert.equal(row(await report(f, t0 + 6 * HOUR, f.ctx.clock()), 'part', 'standard').byteHours, 0);
      // A window that cuts the upload's life bills the part inside it.
      assert.equal(row(await report(f, t0 + 2 * HOUR, t0 + 3 * HOUR), 'part', 'standard').byteHours, 1024);
    } finally {
      await f.close();
    }
  });

  it("charges the rest of a class's minimum duration when an object leaves it early, deleted or transitioned", async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const t0 = f.ctx.clock();
      await putObject(f.ctx, {
        bucket,
        key: 'gone',
        body: bodyOf(randomBytes(100_000)),
        attributes: { userMetadata: {}, storageClass: 'infrequent-access' },
      });
      const moved = await putObject(f.ctx, {
        bucket,
        key: 'moved',
        body: bodyOf(randomBytes(10)),
        attributes: { userMetadata: {}, storageClass: 'infrequent-access' },
      });
      f.advance(10 * DAY);
      await deleteObject(f.ctx, bucket, 'gone');
      f.advance(2 * DAY);
      await f.ctx.meta.updateObjectStorageClass(moved.id, 'archive', f.ctx.clock());
      f.advance(DAY);
      const r = await report(f, t0, f.ctx.clock());
      const ia = row(r, 'object', 'infrequent-access');
      assert.equal(ia.earlyDeletions, 2);
      const expected = 20 * 24 * 100_000 + 18 * 24 * IA.minBillableBytes;
      assert.equal(ia.earlyDeletionByteHours, expected);
      assert.equal(ia.earlyDeletionCost, costOf(expected, 'infrequent-access'));
      assert.equal(ia.cost, ia.storageCost + ia.earlyDeletionCost);
      // The archive stay has not ended: nothing is charged for it yet.
      assert.equal(row(r, 'object', 'archive').earlyDeletions, 0);
      // Without a minimum duration, nothing is charged.
      const free: PriceTable = {
        ...examplePriceTable,
        classes: { ...examplePriceTable.classes, 'infrequent-access': { ...IA, minStorageDays: 0 } },
      };
      assert.equal(row(await report(f, t0, f.ctx.clock(), free), 'object', 'infrequent-access').earlyDeletions, 0);
    } finally {
      await f.close();
    }
  });

  it('tells per bucket what incomplete uploads hold, what they have cost so far and the oldest', async () => {
    const f = await coreFixture();
    try {
      const bucket = await f.bucket();
      const quiet = await f.bucket('quiet');
      const t0 = f.ctx.clock();
      await upload(f, bucket, 'a', 'standard', [1000]);
      f.advance(HOUR);
      await upload(f, bucket, 'b', 'infrequent-access', [500, 500]);
      const { upload: finished } = await upload(f, quiet, 'c', 'standard', [10]);
      f.advance(HOUR);
      await abortUpload(f.ctx, quiet, 'c', finished.id);
      const r = await report(f, t0, f.ctx.clock());
      assert.deepEqual(
        r.incompleteUploads.map((u) => [u.bucket, u.uploads, u.parts, u.bytes, u.oldestInitiatedAt, u.byteHoursSoFar]),
        [['bucket', 2, 3, 2000, t0, 2000 + 1000]],
      );
      assert.equal(r.incompleteUploads[0]?.costSoFar, costOf(2000, 'standard') + costOf(1000, 'infrequent-access'));
    } finally {
      await f.close();
    }
  });

  it('agrees with the store and with the integral of its events after a random workload', async () => {
    const f = await coreFixture({ minPartSize: 1 });
    try {
      const buckets = [await f.bucket('one'), await f.bucket('two')];
      const t0 = f.ctx.clock();
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;
      const keys = ['a', 'b', 'c', 'd/e', 'f'];
      const active: { bucket: Bucket; key: string; id: string; parts: number[] }[] = [];
      for (let step = 0; step < 300; step++) {
        f.advance(Math.floor(Math.random() * 3 * HOUR));
        const bucket = pick(buckets);
        const op = Math.random();
        if (op < 0.25) {
          await putObject(f.ctx, {
            bucket,
            key: pick(keys),
            body: bodyOf(randomBytes(Math.floor(Math.random() * 3000))),
            attributes: { userMetadata: {}, storageClass: pick(storageClasses) },
          });
        } else if (op < 0.35) {
          await deleteObject(f.ctx, bucket, pick(keys));
        } else if (op < 0.45) {
          const objects = await f.ctx.meta.listObjects(bucket.id, { prefix: '', limit: 100 });
          if (objects.length > 0) await f.ctx.meta.updateObjectStorageClass(pick(objects).id, pick(storageClasses), f.ctx.clock());
        } else if (op < 0.55) {
          const key = pick(keys);
          const u = await createUpload(f.ctx, {
            bucket,
            key,
            attributes: { userMetadata: {}, storageClass: pick(storageClasses) },
            initiator: rootPrincipal,
          });
          active.push({ bucket, key, id: u.id, parts: [] });
        } else if (op < 0.8 && active.length > 0) {
          const u = pick(active);
          const n = 1 + Math.floor(Math.random() * 3);
          await uploadPart(f.ctx, {
            bucket: u.bucket,
            key: u.key,
            uploadId: u.id,
            partNumber: n,
            body: bodyOf(randomBytes(Math.floor(Math.random() * 2000))),
          });
          if (!u.parts.includes(n)) u.parts.push(n);
        } else if (op < 0.9 && active.length > 0) {
          const u = active.splice(Math.floor(Math.random() * active.length), 1)[0]!;
          const parts = await f.ctx.meta.listParts(u.id, 0, 100);
          if (parts.length > 0)
            await completeUpload(f.ctx, {
              bucket: u.bucket,
              key: u.key,
              uploadId: u.id,
              parts: parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
            });
          else await abortUpload(f.ctx, u.bucket, u.key, u.id);
        } else if (active.length > 0) {
          const u = active.splice(Math.floor(Math.random() * active.length), 1)[0]!;
          await abortUpload(f.ctx, u.bucket, u.key, u.id);
        }
      }
      const end = f.ctx.clock() + HOUR;
      const from = t0 + Math.floor((end - t0) / 3);
      const r = await report(f, from, end);
      const events = await f.ctx.meta.listUsageEvents({ limit: 100_000 });

      // Balances equal the store: objects by class, and the parts of active uploads by class.
      const want = new Map<string, { bytes: number; count: number }>();
      const add = (k: string, bytes: number, count: number) => {
        const v = want.get(k) ?? { bytes: 0, count: 0 };
        want.set(k, { bytes: v.bytes + bytes, count: v.count + count });
      };
      for (const b of buckets) {
        for (const o of await f.ctx.meta.listObjects(b.id, { prefix: '', limit: 1000 }))
          add(`${b.name}/${o.attributes.storageClass}/object`, o.size, 1);
        for (const u of await f.ctx.meta.listUploads(b.id, { prefix: '', limit: 1000 }))
          add(`${b.name}/${u.attributes.storageClass}/part`, u.bytes, u.partCount);
      }
      const got = new Map(
        r.rows
          .filter((x) => x.bytes !== 0 || x.count !== 0)
          .map((x) => [`${x.bucket}/${x.storageClass}/${x.kind}`, { bytes: x.bytes, count: x.count }]),
      );
      assert.deepEqual(got, new Map([...want].filter(([, v]) => v.bytes !== 0 || v.count !== 0)));
      for (const b of buckets) {
        const counters = (await f.ctx.meta.getBucketById(b.id))!.counters;
        const ofBucket = r.rows.filter((x) => x.bucket === b.name);
        assert.equal(
          ofBucket.filter((x) => x.kind === 'object').reduce((s, x) => s + x.bytes, 0),
          counters.objectBytes,
        );
        assert.equal(
          ofBucket.filter((x) => x.kind === 'part').reduce((s, x) => s + x.bytes, 0),
          counters.partBytes,
        );
      }

      // The report's totals are the sums of the events.
      assert.equal(
        r.totals.bytes,
        events.reduce((s, e) => s + e.bytesDelta, 0),
      );
      assert.equal(
        r.totals.count,
        events.reduce((s, e) => s + e.countDelta, 0),
      );

      // Byte-hours equal the stored bytes integrated step by step over the window, from the raw events.
      const integral = stepIntegral(events, from, end);
      for (const x of r.rows)
        assertClose(
          x.byteHours,
          (integral.get(`${x.bucketId}/${x.storageClass}/${x.kind}`) ?? 0) / HOUR,
          `${x.bucket} ${x.storageClass} ${x.kind}`,
        );
      assertClose(r.totals.byteHours, [...integral.values()].reduce((s, v) => s + v, 0) / HOUR, 'total byte-hours');
      assertClose(
        r.totals.cost,
        r.rows.reduce((s, x) => s + x.cost, 0),
        'total cost',
      );

      // Billable byte-hours equal each object's lifetime in each class at max(size, minimum), plus parts as they are.
      const billable = lifetimeIntegral(events, from, end, examplePriceTable);
      for (const x of r.rows)
        assertClose(
          x.billableByteHours,
          (billable.get(`${x.bucketId}/${x.storageClass}/${x.kind}`) ?? 0) / HOUR,
          `billable ${x.bucket} ${x.storageClass} ${x.kind}`,
        );
    } finally {
      await f.close();
    }
  });
});

/** Stored bytes per group, walked through time event by event, multiplied by how long each balance lasted. */
function stepIntegral(events: readonly UsageEvent[], from: number, to: number): Map<string, number> {
  const balance = new Map<string, number>();
  const last = new Map<string, number>();
  const out = new Map<string, number>();
  const sorted = [...events].sort((a, b) => a.at - b.at || a.id - b.id);
  for (const e of sorted) {
    if (e.at >= to) break;
    const k = `${e.bucketId}/${e.storageClass}/${e.kind}`;
    const since = Math.max(last.get(k) ?? from, from);
    const at = Math.max(e.at, from);
    out.set(k, (out.get(k) ?? 0) + (balance.get(k) ?? 0) * (at - since));
    balance.set(k, (balance.get(k) ?? 0) + e.bytesDelta);
    last.set(k, at);
  }
  for (const [k, b] of balance) out.set(k, (out.get(k) ?? 0) + b * (to - Math.max(last.get(k) ?? from, from)));
  return out;
}

/** Objects' stays in a class (paired by object id) at max(size, minimum), and parts as stored, clipped to the window. */
function lifetimeIntegral(events: readonly UsageEvent[], from: number, to: number, prices: PriceTable): Map<string, number> {
  const out = new Map<string, number>();
  const open = new Map<string, UsageEvent>();
  const addSpan = (k: string, bytes: number, start: number, end: number) => {
    const span = Math.min(end, to) - Math.max(start, from);
    if (span > 0) out.set(k, (out.get(k) ?? 0) + bytes * span);
  };
  const parts = events.filter((e) => e.kind === 'part');
  for (const [k, v] of stepIntegral(parts, from, to)) out.set(k, v);
  for (const e of events.filter((x) => x.kind === 'object').sort((a, b) => a.id - b.id)) {
    const k = `${e.bucketId}/${e.storageClass}/object`;
    const stay = `${e.objectId}/${e.storageClass}`;
    if (e.countDelta > 0) open.set(stay, e);
    else {
      const start = open.get(stay);
      assert.ok(start !== undefined, 'every object leaves a class it entered');
      open.delete(stay);
      addSpan(k, Math.max(start.bytesDelta, prices.classes[e.storageClass].minBillableBytes), start.at, e.at);
    }
  }
  for (const start of open.values())
    addSpan(
      `${start.bucketId}/${start.storageClass}/object`,
      Math.max(start.bytesDelta, prices.classes[start.storageClass].minBillableBytes),
      start.at,
      to,
    );
  return out;
}

function assertClose(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
}
