import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { newAccessKeyId, newAccountId, newSecretAccessKey } from '../ids.js';
import type { AccessKey, Account } from '../types.js';

export interface CreatedAccount {
  readonly account: Account;
  readonly rootKey: AccessKey;
}

const ACCOUNT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** A new account with its own id and root access key (the secret is shown once, by the caller). */
export async function createAccount(
  ctx: CoreContext,
  input: { readonly name: string; readonly displayName?: string; readonly rootKey?: Pick<AccessKey, 'accessKeyId' | 'secretAccessKey'> },
): Promise<CreatedAccount> {
  if (!ACCOUNT_NAME.test(input.name)) {
    throw new StorageError('InvalidArgument', 'Account names are 1-63 letters, digits, dots, underscores or hyphens.', {
      ArgumentName: 'name',
      ArgumentValue: input.name,
    });
  }
  const existing = await ctx.meta.listAccounts();
  if (existing.some((a) => a.name === input.name)) {
    throw new StorageError('InvalidArgument', `An account named ${input.name} already exists.`, { ArgumentName: 'name' });
  }
  let id = newAccountId();
  while (existing.some((a) => a.id === id)) id = newAccountId();
  const now = ctx.clock();
  const account: Account = { id, name: input.name, displayName: input.displayName ?? input.name, createdAt: now };
  const rootKey: AccessKey = {
    accessKeyId: input.rootKey?.accessKeyId ?? newAccessKeyId(),
    secretAccessKey: input.rootKey?.secretAccessKey ?? newSecretAccessKey(),
    accountId: id,
    userName: null,
    createdAt: now,
  };
  if ((await ctx.meta.getAccessKey(rootKey.accessKeyId)) !== undefined) {
    throw new StorageError('InvalidArgument', 'That access key id is already in use.', { ArgumentName: 'accessKeyId' });
  }
  await ctx.meta.createAccount(account, rootKey);
  return { account, rootKey };
}
