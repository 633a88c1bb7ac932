import type { CoreContext } from '../context.js';

const BATCH = 1000;
const running = new WeakMap<CoreContext, Promise<number>>();
const again = new WeakSet<CoreContext>();

/**
 * Deletes the files of unreferenced blobs and forgets them. Calls made while a pass runs share one
 * follow-up pass, so every caller's garbage is gone when its promise resolves. Pinned blobs (being read)
 * stay listed and are reaped when their reads end.
 */
export function reapGarbage(ctx: CoreContext): Promise<number> {
  const current = running.get(ctx);
  if (current !== undefined) {
    again.add(ctx);
    return current.then(() => reapGarbage(ctx));
  }
  const pass = reapOnce(ctx).finally(() => {
    running.delete(ctx);
    if (again.delete(ctx)) void reapGarbage(ctx).catch((e: unknown) => ctx.log.error('garbage reaping failed', { error: String(e) }));
  });
  running.set(ctx, pass);
  return pass;
}

async function reapOnce(ctx: CoreContext): Promise<number> {
  let reaped = 0;
  let deferred = false;
  const skipped = new Set<string>();
  for (;;) {
    const ids = (await ctx.meta.takeGarbage(BATCH + skipped.size)).filter((id) => !skipped.has(id));
    if (ids.length === 0) break;
    const free = ids.filter((id) => !ctx.pins.isPinned(id));
    for (const id of ids) if (ctx.pins.isPinned(id)) skipped.add(id);
    if (free.length === 0) {
      deferred = true;
      break;
    }
    await ctx.blobs.remove(free);
    await ctx.meta.forgetGarbage(free);
    reaped += free.length;
  }
  if (deferred || skipped.size > 0) {
    ctx.pins.onRelease(() => void reapGarbage(ctx).catch(() => undefined));
  }
  return reaped;
}
