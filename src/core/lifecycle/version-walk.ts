import type { CoreContext } from '../context.js';
import { isStorageError } from '../errors.js';
import { deleteObject } from '../objects/delete-object.js';
import type { LifecycleActionRecord, LifecycleStore, PassCursor } from '../ports/lifecycle-store.js';
import type { Bucket, ObjectVersionRecord } from '../types.js';
import { latestStartDueBy } from './due-date.js';
import type { LifecycleConfiguration } from './lifecycle-rules.js';
import type { PlannedAction } from './lifecycle-pass.js';
import { expiredMarkerRule, noncurrentActionAt } from './noncurrent-action-due.js';

/**
 * The versions phase of a pass: noncurrent versions and delete markers of one bucket, oldest first by
 * the moment they became noncurrent (a latest marker: when it was made), only as far back as the
 * most patient rule reaches. Plans NoncurrentVersionExpiration/Transition and ExpiredObjectDeleteMarker.
 */
export async function walkVersions(
  ctx: CoreContext,
  store: LifecycleStore,
  bucket: Bucket,
  config: LifecycleConfiguration,
  at: number,
  resumeAfter: PassCursor['after'],
  batchSize: number,
  onBatch: (bucket: Bucket, actions: PlannedAction[]) => Promise<void>,
  onProgress: (cursor: PassCursor) => Promise<void>,
): Promise<void> {
  if (bucket.versioning === 'unversioned') return;
  const rules = config.rules.filter((r) => r.enabled);
  const bounds = rules.flatMap((r) => [
    ...(r.noncurrentExpiration === undefined ? [] : [latestStartDueBy({ days: r.noncurrentExpiration.days }, at)]),
    ...(r.noncurrentTransitions ?? []).map((t) => latestStartDueBy({ days: t.days }, at)),
    ...(r.expiredObjectDeleteMarker === true ? [at] : []),
  ]);
  if (bounds.length === 0) return;
  const bound = Math.max(...bounds);
  let after = resumeAfter === undefined ? undefined : { time: resumeAfter.time, objectId: Number(resumeAfter.id) };
  for (;;) {
    const batch = await store.listVersionsByAge({
      bucketId: bucket.id,
      before: bound,
      limit: batchSize,
      ...(after === undefined ? {} : { after }),
    });
    const keyVersions = new Map<string, Promise<ObjectVersionRecord[]>>();
    const versionsOf = (key: string) => {
      let p = keyVersions.get(key);
      if (p === undefined) keyVersions.set(key, (p = versionsOfKey(ctx, bucket, key)));
      return p;
    };
    const actions: PlannedAction[] = [];
    for (const v of batch) {
      const base = { target: String(v.id), bucketId: bucket.id, bucketName: bucket.name, key: v.key, parts: 0, bytes: v.size };
      const fromClass = v.attributes.storageClass;
      if (v.isLatest) {
        const ruleId = v.deleteMarker ? expiredMarkerRule(config, v.key) : undefined;
        if (ruleId === undefined || (await versionsOf(v.key)).length !== 1) continue;
        actions.push({ ...base, kind: 'expire-delete-marker', ruleId, fromClass, toClass: null, dueAt: v.since });
        continue;
      }
      const all = await versionsOf(v.key);
      const newer = all.filter((o) => o.id > v.id && !o.isLatest).length;
      const due = noncurrentActionAt(
        config,
        { key: v.key, size: v.size, tags: v.tags, noncurrentSince: v.since, storageClass: fromClass, deleteMarker: v.deleteMarker },
        at,
        () => newer,
      );
      if (due === undefined) continue;
      actions.push({
        ...base,
        kind: due.kind === 'expire' ? 'expire-version' : 'transition-version',
        ruleId: due.ruleId,
        fromClass,
        toClass: due.kind === 'transition' ? due.storageClass : null,
        dueAt: due.dueAt,
      });
    }
    if (actions.length > 0) await onBatch(bucket, actions);
    const last = batch.at(-1);
    if (last === undefined) return;
    after = { time: last.since, objectId: last.id };
    await onProgress({ bucketId: bucket.id, phase: 'versions', after: { time: last.since, id: String(last.id) } });
    if (batch.length < batchSize) return;
  }
}

async function versionsOfKey(ctx: CoreContext, bucket: Bucket, key: string): Promise<ObjectVersionRecord[]> {
  const out: ObjectVersionRecord[] = [];
  let after: { key: string; id: number } | undefined;
  for (;;) {
    const page = await ctx.meta.listObjectVersions(bucket.id, { prefix: key, limit: 1000, ...(after === undefined ? {} : { after }) });
    const mine = page.filter((v) => v.key === key);
    out.push(...mine);
    const last = mine.at(-1);
    if (mine.length < page.length || page.length < 1000 || last === undefined) return out;
    after = { key, id: last.id };
  }
}

/** A version by key and id, if it still exists. */
async function versionById(ctx: CoreContext, bucket: Bucket, key: string, id: number): Promise<ObjectVersionRecord | undefined> {
  const [v] = await ctx.meta.listObjectVersions(bucket.id, { prefix: key, after: { key, id: id + 1 }, limit: 1 });
  return v !== undefined && v.key === key && v.id === id ? v : undefined;
}

/** Carries out a versions-phase action; a locked version, or one changed under the pass, is skipped. */
export async function performVersionAction(
  ctx: CoreContext,
  bucket: Bucket,
  a: LifecycleActionRecord | (PlannedAction & { passId: number }),
  recovering: boolean,
  settle: (state: 'done' | 'skipped', measured?: { parts: number; bytes: number }) => Promise<void>,
): Promise<void> {
  const version = await versionById(ctx, bucket, a.key, Number(a.target));
  if (version === undefined) return settle(recovering && a.kind !== 'transition-version' ? 'done' : 'skipped');
  if (a.kind === 'transition-version') {
    if (a.toClass === null || version.isLatest || version.deleteMarker) return settle('skipped');
    if (version.attributes.storageClass === a.toClass) return settle(recovering ? 'done' : 'skipped');
    await ctx.meta.updateObjectStorageClass(version.id, a.toClass, ctx.clock());
    return settle('done', { parts: 0, bytes: version.size });
  }
  if (a.kind === 'expire-delete-marker') {
    if (!version.deleteMarker || !version.isLatest || (await versionsOfKey(ctx, bucket, a.key)).length !== 1) return settle('skipped');
  } else if (version.isLatest) {
    return settle('skipped');
  }
  try {
    await deleteObject(ctx, bucket, a.key, { versionId: version.versionId, expectId: version.id });
  } catch (e) {
    // Object lock protects the version from lifecycle as from anyone.
    if (isStorageError(e, 'AccessDenied') || isStorageError(e, 'NoSuchKey')) return settle('skipped');
    throw e;
  }
  return settle('done', { parts: 0, bytes: version.size });
}
