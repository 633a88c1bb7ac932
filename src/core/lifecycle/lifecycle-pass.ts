import type { CoreContext } from '../context.js';
import { isStorageError } from '../errors.js';
import { deleteObject } from '../objects/delete-object.js';
import type { LifecycleActionRecord, LifecycleRuleTotals, LifecycleStore, PassCursor } from '../ports/lifecycle-store.js';
import type { Bucket } from '../types.js';
import { abortUpload } from '../uploads/abort-upload.js';
import { latestStartDueBy } from './due-date.js';
import type { LifecycleConfiguration, LifecycleRule } from './lifecycle-rules.js';
import { objectActionAt } from './object-action-due.js';
import { uploadAbortDue } from './upload-abort-due.js';
import { performVersionAction, walkVersions } from './version-walk.js';

/** An action a pass intends, before it is recorded. */
export type PlannedAction = Omit<LifecycleActionRecord, 'passId' | 'state' | 'settledAt'>;

export interface PassWalkOptions {
  readonly batchSize: number;
  /** Pause after each action, to spread a large clean-up's load. */
  readonly throttleMs: number;
  /** Checked between actions; when true the pass stops where it is and stays resumable. */
  readonly shouldStop: () => boolean;
}

/** Thrown when a pass stops because the server is stopping; the pass stays 'running' and resumes at the next start. */
export class PassInterrupted extends Error {
  override readonly name = 'PassInterrupted';
}

/**
 * Walks every bucket that has a lifecycle configuration, in bucket id order, and in each the incomplete
 * uploads, then the objects, oldest first, through the time-ordered indexes and only as far back as the
 * longest-waiting rule could reach, in batches. Hands each batch's due actions to `onBatch`, then
 * reports the position reached (a resumable cursor). Nothing a rule does not select is ever planned.
 */
export async function walkLifecycle(
  ctx: CoreContext,
  store: LifecycleStore,
  at: number,
  start: PassCursor | null,
  options: Pick<PassWalkOptions, 'batchSize'>,
  onBatch: (bucket: Bucket, actions: PlannedAction[]) => Promise<void>,
  onProgress: (cursor: PassCursor) => Promise<void>,
): Promise<void> {
  let afterBucketId = (start?.bucketId ?? 1) - 1;
  for (;;) {
    const page = await store.lifecycleBuckets(afterBucketId, 100);
    for (const { bucketId, config: text } of page) {
      afterBucketId = bucketId;
      const resume = start !== null && start.bucketId === bucketId ? start : undefined;
      const bucket = await ctx.meta.getBucketById(bucketId);
      const config = parseConfig(ctx, bucketId, text);
      if (bucket !== undefined && config !== undefined) {
        const phase = resume?.phase ?? 'uploads';
        if (phase === 'uploads') {
          await walkUploads(ctx, bucket, config, at, resume?.after, options.batchSize, onBatch, onProgress);
        }
        if (phase !== 'versions') {
          await walkObjects(
            store,
            bucket,
            config,
            at,
            resume?.phase === 'objects' ? resume.after : undefined,
            options.batchSize,
            onBatch,
            onProgress,
          );
        }
        await walkVersions(
          ctx,
          store,
          bucket,
          config,
          at,
          resume?.phase === 'versions' ? resume.after : undefined,
          options.batchSize,
          onBatch,
          onProgress,
        );
      }
      await onProgress({ bucketId: bucketId + 1, phase: 'uploads' });
    }
    if (page.length < 100) return;
  }
}

function parseConfig(ctx: CoreContext, bucketId: number, text: string): LifecycleConfiguration | undefined {
  try {
    return JSON.parse(text) as LifecycleConfiguration;
  } catch (e) {
    ctx.log.error('unreadable lifecycle configuration', { bucketId, error: String(e) });
    return undefined;
  }
}

async function walkUploads(
  ctx: CoreContext,
  bucket: Bucket,
  config: LifecycleConfiguration,
  at: number,
  resumeAfter: PassCursor['after'],
  batchSize: number,
  onBatch: (bucket: Bucket, actions: PlannedAction[]) => Promise<void>,
  onProgress: (cursor: PassCursor) => Promise<void>,
): Promise<void> {
  const rules = config.rules.filter((r) => r.enabled && r.abortIncompleteUploads !== undefined);
  if (rules.length === 0) return;
  const bound = Math.max(...rules.map((r) => latestStartDueBy(r.abortIncompleteUploads ?? {}, at)));
  if (bound === Number.NEGATIVE_INFINITY) return;
  let after = resumeAfter === undefined ? undefined : { initiatedAt: resumeAfter.time, uploadId: resumeAfter.id };
  for (;;) {
    const batch = await ctx.meta.listUploadsByAge({
      bucketId: bucket.id,
      initiatedBefore: bound,
      limit: batchSize,
      ...(after === undefined ? {} : { after }),
    });
    const actions: PlannedAction[] = [];
    for (const u of batch) {
      const due = uploadAbortDue(config, u);
      if (due === undefined || due.at > at) continue;
      actions.push({
        kind: 'abort-upload',
        target: u.id,
        bucketId: bucket.id,
        bucketName: bucket.name,
        ruleId: due.ruleId,
        key: u.key,
        parts: u.partCount,
        bytes: u.bytes,
        fromClass: u.attributes.storageClass,
        toClass: null,
        dueAt: due.at,
      });
    }
    if (actions.length > 0) await onBatch(bucket, actions);
    const last = batch.at(-1);
    if (last === undefined) return;
    after = { initiatedAt: last.initiatedAt, uploadId: last.id };
    await onProgress({ bucketId: bucket.id, phase: 'uploads', after: { time: last.initiatedAt, id: last.id } });
    if (batch.length < batchSize) return;
  }
}

async function walkObjects(
  store: LifecycleStore,
  bucket: Bucket,
  config: LifecycleConfiguration,
  at: number,
  resumeAfter: PassCursor['after'],
  batchSize: number,
  onBatch: (bucket: Bucket, actions: PlannedAction[]) => Promise<void>,
  onProgress: (cursor: PassCursor) => Promise<void>,
): Promise<void> {
  const triggers = config.rules.filter((r) => r.enabled).flatMap(objectTriggers);
  if (triggers.length === 0) return;
  const bound = Math.max(...triggers.map((t) => latestStartDueBy(t, at)));
  if (bound === Number.NEGATIVE_INFINITY) return;
  let after = resumeAfter === undefined ? undefined : { lastModified: resumeAfter.time, objectId: Number(resumeAfter.id) };
  for (;;) {
    const batch = await store.listObjectsByAge({
      bucketId: bucket.id,
      modifiedBefore: bound,
      limit: batchSize,
      ...(after === undefined ? {} : { after }),
    });
    const actions: PlannedAction[] = [];
    for (const o of batch) {
      const action = objectActionAt(
        config,
        { key: o.key, size: o.size, tags: o.tags, lastModified: o.lastModified, storageClass: o.attributes.storageClass },
        at,
      );
      if (action === undefined) continue;
      actions.push({
        kind: action.kind === 'expire' ? 'expire-object' : 'transition-object',
        target: String(o.id),
        bucketId: bucket.id,
        bucketName: bucket.name,
        ruleId: action.ruleId,
        key: o.key,
        parts: 0,
        bytes: o.size,
        fromClass: o.attributes.storageClass,
        toClass: action.kind === 'transition' ? action.storageClass : null,
        dueAt: action.dueAt,
      });
    }
    if (actions.length > 0) await onBatch(bucket, actions);
    const last = batch.at(-1);
    if (last === undefined) return;
    after = { lastModified: last.lastModified, objectId: last.id };
    await onProgress({ bucketId: bucket.id, phase: 'objects', after: { time: last.lastModified, id: String(last.id) } });
    if (batch.length < batchSize) return;
  }
}

function objectTriggers(rule: LifecycleRule) {
  return [...(rule.expiration === undefined ? [] : [rule.expiration]), ...(rule.transitions ?? [])];
}

/**
 * Carries out one recorded action and settles it: done when this pass changed the target, skipped when
 * the target changed under it (an upload completed or aborted by its client, an object replaced or
 * deleted). `recovering` is for actions found pending after a crash, which may have been carried out
 * already: their target's state tells.
 */
export async function performAction(
  ctx: CoreContext,
  store: LifecycleStore,
  bucket: Bucket,
  a: LifecycleActionRecord | (PlannedAction & { passId: number }),
  recovering: boolean,
): Promise<void> {
  const settle = (state: 'done' | 'skipped', measured?: { parts: number; bytes: number }) =>
    store.settleAction(a.passId, a.target, state, ctx.clock(), measured);
  if (a.kind === 'abort-upload') {
    const upload = await ctx.meta.getUpload(a.target);
    if (upload === undefined || upload.bucketId !== bucket.id || upload.state === 'completed') return settle('skipped');
    if (upload.state === 'aborted') return settle(recovering ? 'done' : 'skipped');
    const measured = { parts: upload.partCount, bytes: upload.bytes };
    try {
      await abortUpload(ctx, bucket, upload.key, upload.id);
    } catch (e) {
      if (isStorageError(e, 'NoSuchUpload')) return settle('skipped');
      throw e;
    }
    return settle('done', measured);
  }
  if (a.kind === 'expire-version' || a.kind === 'transition-version' || a.kind === 'expire-delete-marker') {
    return performVersionAction(ctx, bucket, a, recovering, settle);
  }
  const object = await ctx.meta.getObject(bucket.id, a.key);
  const same = object !== undefined && String(object.id) === a.target;
  if (!same) return settle(recovering && a.kind === 'expire-object' ? 'done' : 'skipped');
  if (a.kind === 'expire-object') {
    try {
      await deleteObject(ctx, bucket, a.key, { ifMatchEtag: object.etag });
    } catch (e) {
      if (isStorageError(e, 'PreconditionFailed') || isStorageError(e, 'NoSuchKey')) return settle('skipped');
      throw e;
    }
    return settle('done', { parts: 0, bytes: object.size });
  }
  if (a.toClass === null) return settle('skipped');
  if (object.attributes.storageClass === a.toClass) return settle(recovering ? 'done' : 'skipped');
  try {
    await ctx.meta.updateObjectStorageClass(object.id, a.toClass, ctx.clock());
  } catch (e) {
    if (isStorageError(e, 'NoSuchKey')) return settle('skipped');
    throw e;
  }
  return settle('done', { parts: 0, bytes: object.size });
}

type MutableTotals = { -readonly [K in keyof LifecycleRuleTotals]: LifecycleRuleTotals[K] };

/** Per bucket and rule, what planned actions amount to (a dry run's totals). */
export class RuleTotalsAccumulator {
  private readonly byRule = new Map<string, MutableTotals>();

  add(a: PlannedAction): void {
    const key = `${a.bucketId}\u0000${a.ruleId}`;
    let t = this.byRule.get(key);
    if (t === undefined) {
      t = {
        bucketId: a.bucketId,
        bucketName: a.bucketName,
        ruleId: a.ruleId,
        uploadsAborted: 0,
        partsFreed: 0,
        bytesFreed: 0,
        objectsExpired: 0,
        bytesExpired: 0,
        objectsTransitioned: 0,
        bytesTransitioned: 0,
        versionsExpired: 0,
        versionBytesExpired: 0,
        versionsTransitioned: 0,
        versionBytesTransitioned: 0,
        deleteMarkersExpired: 0,
      };
      this.byRule.set(key, t);
    }
    if (a.kind === 'abort-upload') {
      t.uploadsAborted += 1;
      t.partsFreed += a.parts;
      t.bytesFreed += a.bytes;
    } else if (a.kind === 'expire-object') {
      t.objectsExpired += 1;
      t.bytesExpired += a.bytes;
    } else if (a.kind === 'expire-version') {
      t.versionsExpired += 1;
      t.versionBytesExpired += a.bytes;
    } else if (a.kind === 'transition-version') {
      t.versionsTransitioned += 1;
      t.versionBytesTransitioned += a.bytes;
    } else if (a.kind === 'expire-delete-marker') {
      t.deleteMarkersExpired += 1;
    } else {
      t.objectsTransitioned += 1;
      t.bytesTransitioned += a.bytes;
    }
  }

  result(): LifecycleRuleTotals[] {
    return [...this.byRule.values()].sort((x, y) => x.bucketName.localeCompare(y.bucketName) || x.ruleId.localeCompare(y.ruleId));
  }
}
