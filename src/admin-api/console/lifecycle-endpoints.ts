import { findBucketConfig, putBucketConfig } from '../../core/buckets/bucket-config.js';
import { StorageError } from '../../core/errors.js';
import type { LifecycleConfiguration, LifecycleRule } from '../../core/lifecycle/lifecycle-rules.js';
import type { PlannedAction } from '../../core/lifecycle/lifecycle-pass.js';
import { iso, json, routeBucket, type ConsoleEndpoint } from './console-call.js';
import { invalidField } from './console-errors.js';
import { bodyObject, optionalBoolean, optionalString, requiredArray, requiredInteger, requiredString } from './console-input.js';

const MAX_RULES = 1000;

/** The common rule the editor writes: abort incomplete uploads N days after initiation, optionally under a prefix. */
function isAbortOnly(r: LifecycleRule): boolean {
  const f = r.filter;
  return (
    r.abortIncompleteUploads?.days !== undefined &&
    r.abortIncompleteUploads.date === undefined &&
    r.abortIncompleteUploads.createdBefore === undefined &&
    r.expiration === undefined &&
    (r.transitions ?? []).length === 0 &&
    (f.tags ?? []).length === 0 &&
    f.objectSizeGreaterThan === undefined &&
    f.objectSizeLessThan === undefined
  );
}

function ruleJson(r: LifecycleRule) {
  const t = (x: LifecycleRule['expiration']) =>
    x === undefined ? null : { days: x.days ?? null, date: iso(x.date ?? null), createdBefore: iso(x.createdBefore ?? null) };
  return {
    id: r.id,
    enabled: r.enabled,
    prefix: r.filter.prefix ?? '',
    editable: isAbortOnly(r),
    abortIncompleteUploads: t(r.abortIncompleteUploads),
    expiration: t(r.expiration),
    transitions: (r.transitions ?? []).map((x) => ({ ...t(x), storageClass: x.storageClass })),
    tags: r.filter.tags ?? [],
  };
}

/** The bucket's rules as the lifecycle engine reads them, and when the next scheduled pass runs. */
export const getLifecycleEndpoint: ConsoleEndpoint = async (call) => {
  const bucket = await routeBucket(call, 's3:GetLifecycleConfiguration');
  const config = await findBucketConfig<LifecycleConfiguration>(call.deps.ctx, bucket, 'lifecycle');
  const interval = call.deps.lifecycleIntervalMs;
  const now = call.deps.ctx.clock();
  return json(200, {
    bucket: bucket.name,
    rules: (config?.rules ?? []).map(ruleJson),
    nextPassAt: interval > 0 ? iso(Math.floor(now / interval) * interval + interval) : null,
  });
};

/**
 * PUT lifecycle/abort-rules {rules: [{id, prefix, days, enabled}]}: replaces the bucket's abort-only
 * rules with these; every other rule (expirations, transitions, tag filters) stays as it is.
 */
export const putAbortRulesEndpoint: ConsoleEndpoint = async (call) => {
  const body = bodyObject(await call.body(), ['rules']);
  const edited: LifecycleRule[] = requiredArray(body, 'rules', 0, MAX_RULES).map((item) => {
    const r = bodyObject(item, ['id', 'prefix', 'days', 'enabled']);
    const id = requiredString(r, 'id', 255);
    const prefix = optionalString(r, 'prefix', 1024) ?? '';
    return {
      id,
      enabled: optionalBoolean(r, 'enabled') ?? true,
      filter: prefix === '' ? {} : { prefix },
      abortIncompleteUploads: { days: requiredInteger(r, 'days', 1, 36_500) },
    };
  });
  const bucket = await routeBucket(call, 's3:PutLifecycleConfiguration');
  const ctx = call.deps.ctx;
  const current = await findBucketConfig<LifecycleConfiguration>(ctx, bucket, 'lifecycle');
  const kept = (current?.rules ?? []).filter((r) => !isAbortOnly(r));
  const rules = [...kept, ...edited];
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw invalidField('rules', `the rule id ${r.id} is used twice`);
    ids.add(r.id);
  }
  if (rules.length > MAX_RULES) throw new StorageError('InvalidRequest', `A bucket has at most ${MAX_RULES} lifecycle rules.`);
  await putBucketConfig(ctx, bucket, 'lifecycle', rules.length === 0 ? null : ({ rules } satisfies LifecycleConfiguration));
  return json(200, { bucket: bucket.name, rules: rules.map(ruleJson) });
};

/** What the engine's next pass (or one as of `at`) would do in this bucket, from its own dry run. */
export const previewLifecycleEndpoint: ConsoleEndpoint = async (call) => {
  const bucket = await routeBucket(call, 's3:GetLifecycleConfiguration');
  const atText = call.query('at');
  let at: number | undefined;
  if (atText !== undefined) {
    at = Date.parse(atText);
    if (!/^\d{4}-\d\d-\d\dT/.test(atText) || Number.isNaN(at)) throw invalidField('at', 'must be an ISO 8601 time');
  }
  const report = await call.deps.lifecycle.dryRun(at, bucket.id);
  const totals = {
    uploadsAborted: 0,
    partsFreed: 0,
    bytesFreed: 0,
    objectsExpired: 0,
    bytesExpired: 0,
    objectsTransitioned: 0,
    bytesTransitioned: 0,
  };
  for (const r of report.rules) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += r[k];
  return json(200, {
    bucket: bucket.name,
    evaluatedAt: iso(report.evaluatedAt),
    totals,
    rules: report.rules.map(({ bucketId: _b, bucketName: _n, ...r }) => r),
    actions: report.actions.map(actionJson),
    truncated: report.truncated,
  });
};

function actionJson(a: PlannedAction) {
  return {
    kind: a.kind,
    rule: a.ruleId,
    key: a.key,
    ...(a.kind === 'abort-upload' ? { uploadId: a.target, parts: a.parts } : {}),
    bytes: a.bytes,
    storageClass: a.fromClass,
    dueAt: iso(a.dueAt),
  };
}
