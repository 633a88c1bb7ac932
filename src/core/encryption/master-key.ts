import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';

/**
 * The server master key: 32 bytes that wrap SSE-S3 data keys and the local KMS keys' material (and any
 * other secret Cairn keeps at rest). main.ts loads it (CAIRN_MASTER_KEY, else `<data-dir>/master.key`,
 * created 0600 on first start; see storage/fs/master-key-file.ts) and hands it to the core.
 */
export function requireMasterKey(ctx: CoreContext): Buffer {
  if (ctx.masterKey === undefined) throw new StorageError('NotImplemented', 'Server-side encryption needs a server master key.');
  return ctx.masterKey;
}
