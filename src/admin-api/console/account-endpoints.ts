import { createAccount } from '../../core/accounts/create-account.js';
import { listAccounts } from '../../core/accounts/list-accounts.js';
import { StorageError } from '../../core/errors.js';
import { isServerAdmin, iso, json, type ConsoleCall, type ConsoleEndpoint } from './console-call.js';
import { bodyObject, optionalString, requiredString } from './console-input.js';

function requireServerAdmin(call: ConsoleCall): void {
  if (!isServerAdmin(call.deps, call.principal)) {
    throw new StorageError('AccessDenied', 'Only the root of the default account administers accounts.');
  }
}

export const listAccountsEndpoint: ConsoleEndpoint = async (call) => {
  requireServerAdmin(call);
  const accounts = await listAccounts(call.deps.ctx);
  return json(200, {
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, displayName: a.displayName, createdAt: iso(a.createdAt) })),
  });
};

/** A new account and its root key; the secret is in this answer and nowhere else, ever. */
export const createAccountEndpoint: ConsoleEndpoint = async (call) => {
  requireServerAdmin(call);
  const body = bodyObject(await call.body(), ['name', 'displayName']);
  const name = requiredString(body, 'name', 63);
  const displayName = optionalString(body, 'displayName', 256);
  const created = await createAccount(call.deps.ctx, { name, ...(displayName === undefined ? {} : { displayName }) });
  return json(201, {
    account: {
      id: created.account.id,
      name: created.account.name,
      displayName: created.account.displayName,
      createdAt: iso(created.account.createdAt),
    },
    accessKeyId: created.rootKey.accessKeyId,
    secretAccessKey: created.rootKey.secretAccessKey,
  });
};
