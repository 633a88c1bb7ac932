import type { CoreContext } from '../context.js';
import type { Account } from '../types.js';

/** The account with this id, or undefined (an upload's initiator may name an account since removed). */
export async function findAccount(ctx: CoreContext, accountId: string): Promise<Account | undefined> {
  return ctx.meta.getAccount(accountId);
}
