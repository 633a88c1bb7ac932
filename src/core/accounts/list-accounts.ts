import type { CoreContext } from '../context.js';
import type { Account } from '../types.js';

/** Every account of the server (administration). */
export async function listAccounts(ctx: CoreContext): Promise<Account[]> {
  return ctx.meta.listAccounts();
}
