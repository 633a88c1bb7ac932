import type { CoreContext } from '../context.js';
import type { LifecycleEngine } from './lifecycle-engine.js';
import { PassInterrupted } from './lifecycle-pass.js';

const LAST_SLOT = 'lifecycle.last_slot';
/** setTimeout takes at most 2^31-1 ms; longer waits are taken in steps. */
const MAX_TIMER = 2 ** 31 - 1;

/**
 * Runs a lifecycle pass at every multiple of the interval since the epoch: with the default of 24 h,
 * at 00:00 UTC each day (when OSS runs its rules, and S3 counts its days from). At start it first
 * resumes a pass a stopped process left unfinished, then runs one at once if the last slot was missed
 * (the server was down at midnight, or this is its first start). Interval 0: only passes run by hand.
 */
export class LifecycleScheduler {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private work: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: CoreContext,
    private readonly engine: LifecycleEngine,
    private readonly intervalMs: number,
  ) {}

  /** Starts in the background; errors go to the log. */
  start(): void {
    this.work = this.startup().catch((e: unknown) => this.report(e));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.engine.stop();
    await this.work.catch(() => undefined);
  }

  private async startup(): Promise<void> {
    await this.engine.resumeInterrupted().catch((e: unknown) => this.report(e));
    if (this.intervalMs <= 0 || this.stopped) return;
    const slot = this.slotOf(this.ctx.clock());
    const last = Number((await this.ctx.meta.getSetting(LAST_SLOT)) ?? Number.NEGATIVE_INFINITY);
    if (last < slot) await this.runSlot(slot, 'startup').catch((e: unknown) => this.report(e));
    this.arm();
  }

  private slotOf(t: number): number {
    return Math.floor(t / this.intervalMs) * this.intervalMs;
  }

  private arm(): void {
    if (this.stopped) return;
    const now = this.ctx.clock();
    const next = this.slotOf(now) + this.intervalMs;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        if (this.ctx.clock() < next) return this.arm();
        this.work = this.runSlot(next, 'scheduled')
          .catch((e: unknown) => this.report(e))
          .finally(() => this.arm());
      },
      Math.min(Math.max(next - now, 0), MAX_TIMER),
    );
    this.timer.unref();
  }

  private async runSlot(slot: number, reason: 'startup' | 'scheduled'): Promise<void> {
    await this.engine.runPass({ reason });
    await this.ctx.meta.putSetting(LAST_SLOT, String(slot));
  }

  private report(e: unknown): void {
    if (e instanceof PassInterrupted) return;
    this.ctx.log.error('scheduled lifecycle pass failed', { error: String(e) });
  }
}
