import { setTimeout as sleep } from 'node:timers/promises';
import type { CoreContext } from '../context.js';
import type {
  LifecycleActionRecord,
  LifecyclePassRecord,
  LifecycleRuleTotals,
  LifecycleStore,
  PassReason,
} from '../ports/lifecycle-store.js';
import { PassInterrupted, RuleTotalsAccumulator, performAction, walkLifecycle, type PlannedAction } from './lifecycle-pass.js';

export interface LifecycleEngineOptions {
  /** Uploads or objects read per step of a pass; the cursor is saved after each. */
  readonly batchSize: number;
  /** Pause after each action (0: none). */
  readonly throttleMs: number;
  /** How many planned actions a dry run lists (all of them are counted). */
  readonly previewLimit: number;
}

export interface PassReport {
  readonly pass: LifecyclePassRecord;
  /** What the pass did, per bucket and rule (done actions only). */
  readonly rules: readonly LifecycleRuleTotals[];
}

export interface DryRunReport {
  readonly evaluatedAt: number;
  readonly rules: readonly LifecycleRuleTotals[];
  readonly actions: readonly PlannedAction[];
  /** More actions were planned than listed. */
  readonly truncated: boolean;
}

/**
 * The lifecycle engine: runs passes one at a time, records every action before taking it and settles it
 * after, so a pass cut short by a crash resumes where it stood and counts nothing twice. Evaluates rules
 * as of any moment (`at`) while acting, and recording, at the real time.
 */
export class LifecycleEngine {
  private tail: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly store: LifecycleStore,
    private readonly options: LifecycleEngineOptions,
  ) {}

  /** Runs a pass now (after any pass already running), evaluating the rules as of `at` (default: now). */
  runPass(request: { reason: PassReason; at?: number }): Promise<PassReport> {
    return this.serialized(async () => {
      const now = this.ctx.clock();
      const pass = await this.store.createPass({ reason: request.reason, evaluatedAt: request.at ?? now, startedAt: now });
      this.ctx.log.info('lifecycle pass started', {
        pass: pass.id,
        reason: pass.reason,
        evaluatedAt: new Date(pass.evaluatedAt).toISOString(),
      });
      return this.execute(pass);
    });
  }

  /** Resumes the passes a stopped process left running. */
  resumeInterrupted(): Promise<PassReport[]> {
    return this.serialized(async () => {
      const reports: PassReport[] = [];
      for (const pass of await this.store.runningPasses()) {
        await this.store.markPassResumed(pass.id);
        this.ctx.log.info('lifecycle pass resumed', { pass: pass.id, cursor: pass.cursor });
        reports.push(await this.execute(pass));
      }
      return reports;
    });
  }

  /** What a pass as of `at` would do, changing nothing; only in one bucket when `bucketId` is given. */
  async dryRun(at?: number, bucketId?: number): Promise<DryRunReport> {
    const evaluatedAt = at ?? this.ctx.clock();
    const totals = new RuleTotalsAccumulator();
    const actions: PlannedAction[] = [];
    let truncated = false;
    await walkLifecycle(
      this.ctx,
      this.store,
      evaluatedAt,
      bucketId === undefined ? null : { bucketId, phase: 'uploads' },
      { batchSize: this.options.batchSize },
      async (bucket, planned) => {
        if (bucketId !== undefined && bucket.id !== bucketId) return;
        for (const a of planned) {
          totals.add(a);
          if (actions.length < this.options.previewLimit) actions.push(a);
          else truncated = true;
        }
      },
      async () => undefined,
    );
    return { evaluatedAt, rules: totals.result(), actions, truncated };
  }

  async report(passId: number): Promise<PassReport | undefined> {
    const pass = await this.store.getPass(passId);
    return pass && { pass, rules: await this.store.passTotals(pass.id) };
  }

  async recentPasses(limit: number, beforeId?: number): Promise<PassReport[]> {
    const passes = await this.store.listPasses(limit, beforeId);
    return Promise.all(passes.map(async (pass) => ({ pass, rules: await this.store.passTotals(pass.id) })));
  }

  actions(passId: number, offset: number, limit: number): Promise<LifecycleActionRecord[]> {
    return this.store.listActions(passId, offset, limit);
  }

  /** Stops between two actions; a pass in progress stays resumable. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.tail.catch(() => undefined);
  }

  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async execute(pass: LifecyclePassRecord): Promise<PassReport> {
    const { ctx, store } = this;
    try {
      await this.settlePending(pass.id);
      await walkLifecycle(
        ctx,
        store,
        pass.evaluatedAt,
        pass.cursor,
        { batchSize: this.options.batchSize },
        async (bucket, planned) => {
          const records = planned.map((p) => ({ ...p, passId: pass.id, state: 'pending' as const, settledAt: null }));
          await store.recordActions(records);
          for (const r of records) {
            if (this.stopping) throw new PassInterrupted(`lifecycle pass ${pass.id} interrupted`);
            await performAction(ctx, store, bucket, r, false);
            if (this.options.throttleMs > 0) await sleep(this.options.throttleMs);
          }
        },
        (cursor) => store.savePassCursor(pass.id, cursor),
      );
      await store.finishPass(pass.id, 'completed', ctx.clock());
    } catch (error) {
      if (error instanceof PassInterrupted) throw error;
      ctx.log.error('lifecycle pass failed', { pass: pass.id, error: String(error) });
      await this.settlePending(pass.id).catch(() => undefined);
      await store.finishPass(pass.id, 'failed', ctx.clock(), String(error));
      throw error;
    }
    const report = (await this.report(pass.id)) as PassReport;
    ctx.log.info('lifecycle pass completed', { pass: pass.id, rules: report.rules });
    return report;
  }

  /** Actions recorded but not settled when the process stopped: their targets tell whether they happened. */
  private async settlePending(passId: number): Promise<void> {
    for (const a of await this.store.pendingActions(passId)) {
      const bucket = await this.ctx.meta.getBucketById(a.bucketId);
      if (bucket === undefined) await this.store.settleAction(passId, a.target, 'skipped', this.ctx.clock());
      else await performAction(this.ctx, this.store, bucket, a, true);
    }
  }
}
