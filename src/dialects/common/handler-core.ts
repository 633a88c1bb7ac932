import type { CoreContext } from '../../core/context.js';

/**
 * The core as a dialect handler holds it: something to pass to core functions, never a way to the
 * stores. Every read and write goes through a core function (`findBucket`, `listBuckets`, `uploadPart`...);
 * `h.ctx.meta` and `h.ctx.blobs` do not type-check, and the `cairn/layers` lint refuses them too.
 */
export type HandlerCore = Omit<CoreContext, 'meta' | 'blobs'> & { readonly meta: never; readonly blobs: never };

/** The one place the full context narrows to what handlers may see. */
export function handlerCore(ctx: CoreContext): HandlerCore {
  return ctx as unknown as HandlerCore;
}
