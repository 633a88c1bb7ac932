import { randomBytes, randomUUID } from 'node:crypto';
import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { decodeWrappedKey, encodeWrappedKey, unwrapKey, wrapKey } from './key-wrap.js';
import { requireMasterKey } from './master-key.js';

/** A key of the local key store (SSE-KMS). Its material is kept wrapped by the server master key. */
export interface KmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly description: string;
  readonly createdAt: number;
  readonly enabled: boolean;
}

interface StoredKmsKey extends KmsKey {
  readonly material: string;
}

const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const INDEX = 'kms.keys';
const keySetting = (id: string) => `kms.key.${id}`;

export interface CreateKmsKeyInput {
  /** Defaults to a random UUID, as AWS KMS names keys. */
  readonly keyId?: string;
  readonly description?: string;
  readonly region: string;
  readonly accountId: string;
}

export async function createKmsKey(ctx: CoreContext, input: CreateKmsKeyInput): Promise<KmsKey> {
  const keyId = input.keyId ?? randomUUID();
  if (!KEY_ID.test(keyId)) {
    throw new StorageError('InvalidArgument', 'A key id is 1 to 128 letters, digits, - and _, starting with a letter or digit.', {
      ArgumentName: 'keyId',
      ArgumentValue: keyId,
    });
  }
  if ((await ctx.meta.getSetting(keySetting(keyId))) !== undefined) {
    throw new StorageError('InvalidArgument', `A KMS key with id ${keyId} already exists.`, {
      ArgumentName: 'keyId',
      ArgumentValue: keyId,
    });
  }
  const material = wrapKey(requireMasterKey(ctx), randomBytes(32), `kms-key:${keyId}`);
  const key: StoredKmsKey = {
    keyId,
    arn: `arn:aws:kms:${input.region}:${input.accountId}:key/${keyId}`,
    description: input.description ?? '',
    createdAt: ctx.clock(),
    enabled: true,
    material: encodeWrappedKey(material),
  };
  await ctx.meta.putSetting(keySetting(keyId), JSON.stringify(key));
  const ids = await listIds(ctx);
  if (!ids.includes(keyId)) await ctx.meta.putSetting(INDEX, JSON.stringify([...ids, keyId]));
  return publicKey(key);
}

/** Creates the named keys that do not exist yet (start-up, `--kms-keys`). */
export async function ensureKmsKeys(ctx: CoreContext, ids: readonly string[], region: string, accountId: string): Promise<void> {
  for (const keyId of ids) {
    if ((await ctx.meta.getSetting(keySetting(keyId))) === undefined) await createKmsKey(ctx, { keyId, region, accountId });
  }
}

export async function listKmsKeys(ctx: CoreContext): Promise<KmsKey[]> {
  const out: KmsKey[] = [];
  for (const id of await listIds(ctx)) {
    const key = await stored(ctx, id);
    if (key !== undefined) out.push(publicKey(key));
  }
  return out;
}

/** A key named by id or ARN (`arn:aws:kms:region:account:key/ID`). */
export async function findKmsKey(ctx: CoreContext, idOrArn: string): Promise<KmsKey | undefined> {
  const key = await stored(ctx, kmsKeyIdOf(idOrArn));
  return key === undefined ? undefined : publicKey(key);
}

/** The key material, for wrapping and unwrapping data keys. Throws when the key does not exist or is disabled. */
export async function kmsKeyMaterial(ctx: CoreContext, idOrArn: string): Promise<{ key: KmsKey; material: Buffer }> {
  const key = await stored(ctx, kmsKeyIdOf(idOrArn));
  if (key === undefined || !key.enabled) {
    throw new StorageError('InvalidArgument', `Invalid keyId ${idOrArn}`, {
      ArgumentName: 'x-amz-server-side-encryption-aws-kms-key-id',
      ArgumentValue: idOrArn,
    });
  }
  return { key: publicKey(key), material: unwrapKey(requireMasterKey(ctx), decodeWrappedKey(key.material), `kms-key:${key.keyId}`) };
}

export function kmsKeyIdOf(idOrArn: string): string {
  const m = /^arn:aws:kms:[^:]*:[^:]*:key\/(.+)$/.exec(idOrArn);
  return m?.[1] ?? idOrArn;
}

async function listIds(ctx: CoreContext): Promise<string[]> {
  const raw = await ctx.meta.getSetting(INDEX);
  return raw === undefined ? [] : (JSON.parse(raw) as string[]);
}

async function stored(ctx: CoreContext, id: string): Promise<StoredKmsKey | undefined> {
  if (!KEY_ID.test(id)) return undefined;
  const raw = await ctx.meta.getSetting(keySetting(id));
  return raw === undefined ? undefined : (JSON.parse(raw) as StoredKmsKey);
}

function publicKey(k: StoredKmsKey): KmsKey {
  return { keyId: k.keyId, arn: k.arn, description: k.description, createdAt: k.createdAt, enabled: k.enabled };
}
