import type { CoreContext } from '../context.js';
import type { AccessKey, Account } from '../types.js';
import { createAccount } from './create-account.js';

export interface DefaultAccount {
  readonly account: Account;
  readonly rootKey: AccessKey;
  /** True when the root credentials were generated now: the caller prints them, once. */
  readonly generated: boolean;
}

const DEFAULT_ACCOUNT_SETTING = 'default_account_id';

/**
 * The default account owns the system: its root is the administrator. Created on first start with the
 * configured root credentials, or generated ones; configured credentials that change later are applied.
 */
export async function ensureDefaultAccount(
  ctx: CoreContext,
  configured: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined,
): Promise<DefaultAccount> {
  const id = await ctx.meta.getSetting(DEFAULT_ACCOUNT_SETTING);
  const account = id === undefined ? undefined : await ctx.meta.getAccount(id);
  if (account === undefined) {
    const created = await createAccount(ctx, {
      name: 'default',
      displayName: 'cairn',
      ...(configured === undefined ? {} : { rootKey: configured }),
    });
    await ctx.meta.putSetting(DEFAULT_ACCOUNT_SETTING, created.account.id);
    return { account: created.account, rootKey: created.rootKey, generated: configured === undefined };
  }
  const keys = (await ctx.meta.listAccessKeys(account.id)).filter((k) => k.userName === null);
  if (configured !== undefined) {
    const current = keys.find((k) => k.accessKeyId === configured.accessKeyId);
    if (current?.secretAccessKey === configured.secretAccessKey) return { account, rootKey: current, generated: false };
    const rootKey: AccessKey = { ...configured, accountId: account.id, userName: null, createdAt: ctx.clock() };
    for (const k of keys) if (k.accessKeyId !== configured.accessKeyId) await ctx.meta.deleteAccessKey(k.accessKeyId);
    await ctx.meta.putAccessKey(rootKey);
    return { account, rootKey, generated: false };
  }
  const rootKey = keys[0];
  if (rootKey === undefined) throw new Error('the default account has no root access key');
  return { account, rootKey, generated: false };
}
