import type { CoreContext } from '../context.js';

/** Forgets finished uploads older than the tombstone window. */
export async function purgeTombstones(ctx: CoreContext): Promise<number> {
  const before = ctx.clock() - ctx.limits.tombstoneWindowMs;
  let total = 0;
  for (;;) {
    const n = await ctx.meta.purgeTombstones(before, 1000);
    total += n;
    if (n < 1000) return total;
  }
}
