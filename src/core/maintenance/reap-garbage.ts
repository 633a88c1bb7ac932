import type { CoreContext } from '../context.js';

const BATCH = 1000;

interface Reaper {
  running?: Promise<number> | undefined;
  /** The one pass that runs after the current one, shared by every call made meanwhile. */
  queued?: Promise<number> | undefined;
}

const reapers = new WeakMap<CoreContext, Reaper>();

/**
 * Deletes the files of unreferenced blobs and forgets them. A call made while a pass runs may have
 * listed garbage that pass did not see, so it waits for one follow-up pass; every call made meanwhile
 * shares that one, so at most two passes exist and a burst of calls never keeps the reaper spinning.
 * Pinned blobs (being read) stay listed and are reaped when their reads end.
 */
export function reapGarbage(ctx: CoreContext): Promise<number> {
  let reaper = reapers.get(ctx);
  if (reaper === undefined) {
    reaper = {};
    reapers.set(ctx, reaper);
  }
  const r = reaper;
  if (r.running === undefined) return startPass(ctx, r);
  r.queued ??= r.running
    .catch(() => 0)
    .then(() => {
      r.queued = undefined;
      return startPass(ctx, r);
    });
  return r.queued;
}

function startPass(ctx: CoreContext, r: Reaper): Promise<number> {
  const pass = reapOnce(ctx).finally(() => {
    if (r.running === pass) r.running = undefined;
  });
  r.running = pass;
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
    ctx.pins.onRelease(() => void reapGarbage(ctx).catch((e: unknown) => ctx.log.error('garbage reaping failed', { error: String(e) })));
  }
  return reaped;
}
