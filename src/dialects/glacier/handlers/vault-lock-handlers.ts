import { findBucketConfig, putBucketConfig } from '../../../core/buckets/bucket-config.js';
import { StorageError } from '../../../core/errors.js';
import type { Bucket } from '../../../core/types.js';
import { newShortId } from '../glacier-names.js';
import { json } from '../json/response-json.js';
import { readJsonBody } from '../json/request-json.js';
import { arnOf, empty, iso, requireVault, type GlacierHandlerContext, type GlacierHandlerTable } from './handler-context.js';
import { policyDocument } from './vault-config-handlers.js';

interface LockConfig {
  readonly document: string;
  readonly state: 'in-progress' | 'locked';
  readonly lockId: string;
  readonly createdAt: number;
  /** In-progress locks expire (and their policy goes) 24 hours after they were initiated. */
  readonly expiresAt: number | null;
}

const LOCK_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The vault lock state machine: none -> InProgress (24 h) -> Locked; an InProgress lock may be aborted. */
export const vaultLockHandlers: GlacierHandlerTable = {
  InitiateVaultLock: async (h, e) => {
    const vault = requireVault(h);
    const document = policyDocument(await readJsonBody(h));
    const lock = await currentLock(h, vault);
    if (lock !== undefined) {
      throw new StorageError(
        'AccessDenied',
        lock.state === 'locked'
          ? `The vault is locked: ${arnOf(h, e.vaultName)}`
          : `A vault lock is already in progress: ${arnOf(h, e.vaultName)}. Complete or abort it first.`,
      );
    }
    const now = h.ctx.clock();
    const created: LockConfig = { document, state: 'in-progress', lockId: newShortId(), createdAt: now, expiresAt: now + LOCK_WINDOW_MS };
    await putBucketConfig(h.ctx, vault, 'lock', created);
    return empty(201, { 'x-amz-lock-id': created.lockId });
  },

  CompleteVaultLock: async (h, e) => {
    const vault = requireVault(h);
    const lock = await currentLock(h, vault);
    if (lock === undefined) throw new StorageError('InvalidArgument', `No vault lock is in progress: ${arnOf(h, e.vaultName)}`);
    if (lock.lockId !== e.lockId) {
      if (lock.state === 'locked') throw new StorageError('AccessDenied', `The vault is locked: ${arnOf(h, e.vaultName)}`);
      throw new StorageError('InvalidArgument', `Invalid lock id: ${e.lockId}`, { ArgumentName: 'lockId' });
    }
    if (lock.state === 'in-progress')
      await putBucketConfig(h.ctx, vault, 'lock', { ...lock, state: 'locked', expiresAt: null } satisfies LockConfig);
    return empty(204);
  },

  AbortVaultLock: async (h, e) => {
    const vault = requireVault(h);
    const lock = await currentLock(h, vault);
    if (lock?.state === 'locked') throw new StorageError('AccessDenied', `The vault is locked: ${arnOf(h, e.vaultName)}`);
    await putBucketConfig(h.ctx, vault, 'lock', null);
    return empty(204);
  },

  GetVaultLock: async (h, e) => {
    const lock = await currentLock(h, requireVault(h));
    if (lock === undefined) {
      throw new StorageError('NoSuchConfiguration', `No vault lock policy is set for: ${arnOf(h, e.vaultName)}`, { Configuration: 'lock' });
    }
    return json(200, {
      Policy: lock.document,
      State: lock.state === 'locked' ? 'Locked' : 'InProgress',
      ExpirationDate: lock.expiresAt === null ? null : iso(lock.expiresAt),
      CreationDate: iso(lock.createdAt),
    });
  },
};

/** The vault's lock, treating an in-progress lock past its 24 hours as gone. */
async function currentLock(h: GlacierHandlerContext, vault: Bucket): Promise<LockConfig | undefined> {
  const lock = await findBucketConfig<LockConfig>(h.ctx, vault, 'lock');
  if (lock?.state === 'in-progress' && lock.expiresAt !== null && lock.expiresAt <= h.ctx.clock()) return undefined;
  return lock;
}
