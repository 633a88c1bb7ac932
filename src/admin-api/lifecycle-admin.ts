import { StorageError } from '../core/errors.js';
import type { DryRunReport, LifecycleEngine, PassReport } from '../core/lifecycle/lifecycle-engine.js';
import { PassInterrupted, type PlannedAction } from '../core/lifecycle/lifecycle-pass.js';
import type { LifecycleActionRecord, LifecycleRuleTotals } from '../core/ports/lifecycle-store.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** GET lifecycle/passes: the last passes, newest first, with what each did per rule. */
export async function listPassesJson(
  engine: LifecycleEngine,
  query: { readonly limit: number | undefined; readonly before: number | undefined },
) {
  const reports = await engine.recentPasses(query.limit ?? 20, query.before);
  return { passes: reports.map(passJson) };
}

/** GET lifecycle/passes/{id}: one pass, and its actions one page at a time. */
export async function passJsonWithActions(
  engine: LifecycleEngine,
  query: { readonly offset: number | undefined; readonly limit: number | undefined },
  passId: number,
) {
  const report = Number.isSafeInteger(passId) ? await engine.report(passId) : undefined;
  if (report === undefined) throw new StorageError('InvalidArgument', `There is no lifecycle pass ${passId}.`, { ArgumentName: 'pass' });
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 1000;
  const actions = await engine.actions(passId, offset, limit + 1);
  return {
    pass: passJson(report),
    actions: actions.slice(0, limit).map(actionJson),
    ...(actions.length > limit ? { nextOffset: offset + limit } : {}),
  };
}

/** POST lifecycle/run {"dryRun": bool, "at": ISO time}: runs a pass now, or previews one. */
export async function runPassJson(
  engine: LifecycleEngine,
  body: { readonly dryRun: boolean | undefined; readonly at: number | undefined },
) {
  const at = body.at;
  if (body.dryRun === true) return dryRunJson(await engine.dryRun(at));
  try {
    const report = await engine.runPass({ reason: 'manual', ...(at === undefined ? {} : { at }) });
    return { dryRun: false, pass: passJson(report) };
  } catch (e) {
    if (e instanceof PassInterrupted)
      throw new StorageError('ServiceUnavailable', 'The server is stopping; the pass resumes when it starts again.');
    throw e;
  }
}

function dryRunJson(r: DryRunReport) {
  return {
    dryRun: true,
    evaluatedAt: iso(r.evaluatedAt),
    totals: sumTotals(r.rules),
    rules: r.rules.map(ruleJson),
    actions: r.actions.map(actionJson),
    truncated: r.truncated,
  };
}

export function passJson(r: PassReport) {
  const p = r.pass;
  return {
    id: p.id,
    reason: p.reason,
    state: p.state,
    evaluatedAt: iso(p.evaluatedAt),
    startedAt: iso(p.startedAt),
    finishedAt: iso(p.finishedAt),
    resumed: p.resumed,
    ...(p.error === null ? {} : { error: p.error }),
    totals: sumTotals(r.rules),
    rules: r.rules.map(ruleJson),
  };
}

function ruleJson(t: LifecycleRuleTotals) {
  const { bucketId: _id, bucketName, ...rest } = t;
  return { bucket: bucketName, ...rest };
}

function sumTotals(rules: readonly LifecycleRuleTotals[]) {
  const sum = {
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
  for (const r of rules) for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k];
  return sum;
}

function actionJson(a: LifecycleActionRecord | PlannedAction) {
  return {
    kind: a.kind,
    bucket: a.bucketName,
    rule: a.ruleId,
    key: a.key,
    ...(a.kind === 'abort-upload' ? { uploadId: a.target, parts: a.parts } : { objectId: Number(a.target) }),
    bytes: a.bytes,
    storageClass: a.fromClass,
    ...(a.toClass === null ? {} : { toStorageClass: a.toClass }),
    dueAt: iso(a.dueAt),
    ...('state' in a ? { state: a.state, settledAt: iso(a.settledAt) } : {}),
  };
}
