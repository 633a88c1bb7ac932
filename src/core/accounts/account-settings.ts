import type { CoreContext } from '../context.js';

/** Per-account settings kept as JSON under `account.<accountId>.<name>` (Glacier's data retrieval policy...). */
export async function getAccountSetting<T>(ctx: CoreContext, accountId: string, name: string): Promise<T | undefined> {
  const value = await ctx.meta.getSetting(`account.${accountId}.${name}`);
  return value === undefined ? undefined : (JSON.parse(value) as T);
}

export async function putAccountSetting(ctx: CoreContext, accountId: string, name: string, value: unknown): Promise<void> {
  await ctx.meta.putSetting(`account.${accountId}.${name}`, JSON.stringify(value));
}
