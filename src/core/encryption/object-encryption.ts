import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CoreContext } from '../context.js';
import { StorageError } from '../errors.js';
import { kmsKeyIdOf, kmsKeyMaterial } from './kms-keys.js';
import { requireMasterKey } from './master-key.js';
import { dataKeyOf, newSeal, type WrappingKey } from './new-seal.js';
import type { BlobSeal } from './package-sealer.js';
import type { SealedHeader } from './sealed-format.js';

/** What a write asks for (from its headers, or the bucket's default encryption). */
export type EncryptionRequest =
  | { readonly kind: 'sse-s3' }
  | { readonly kind: 'sse-kms'; readonly keyId: string; readonly context?: string; readonly bucketKeyEnabled?: boolean }
  | { readonly kind: 'sse-c'; readonly customerKey: Buffer };

/**
 * How an object (or upload) is encrypted, kept in its `extra.sse`. Never holds a key: SSE-C keeps a
 * salted HMAC of the customer's key to recognise it, and its MD5 to answer with.
 */
export interface StoredEncryption {
  readonly kind: 'sse-s3' | 'sse-kms' | 'sse-c';
  /** As the request named it (id or ARN); Cairn answers with the same. */
  readonly kmsKeyId?: string;
  readonly kmsContext?: string;
  readonly bucketKeyEnabled?: boolean;
  readonly customerKeyMd5?: string;
  readonly customerKeyHmac?: string;
  readonly customerKeySalt?: string;
}

/** The keys a read or a write has in hand: the customer key of an SSE-C request. */
export interface EncryptionKeys {
  readonly customerKey?: Buffer;
}

export function storedEncryptionOf(extra: Readonly<Record<string, unknown>>): StoredEncryption | undefined {
  const sse = extra.sse;
  return typeof sse === 'object' && sse !== null ? (sse as StoredEncryption) : undefined;
}

export function withStoredEncryption(extra: Readonly<Record<string, unknown>>, sse: StoredEncryption | undefined): Record<string, unknown> {
  const { sse: _old, ...rest } = extra;
  return sse === undefined ? rest : { ...rest, sse };
}

/** The record a new object or upload keeps for `request`; checks that a named KMS key exists. */
export async function storedEncryptionFor(ctx: CoreContext, request: EncryptionRequest): Promise<StoredEncryption> {
  switch (request.kind) {
    case 'sse-s3':
      requireMasterKey(ctx);
      return { kind: 'sse-s3' };
    case 'sse-kms':
      await kmsKeyMaterial(ctx, request.keyId);
      return {
        kind: 'sse-kms',
        kmsKeyId: request.keyId,
        ...(request.context === undefined ? {} : { kmsContext: request.context }),
        ...(request.bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled: request.bucketKeyEnabled }),
      };
    case 'sse-c': {
      const salt = randomBytes(16);
      return {
        kind: 'sse-c',
        customerKeyMd5: createHash('md5').update(request.customerKey).digest('base64'),
        customerKeySalt: salt.toString('base64'),
        customerKeyHmac: customerKeyHmac(request.customerKey, salt),
      };
    }
  }
}

/**
 * Checks the keys a request brings against how the data is stored: SSE-C data needs its key (400
 * without; with another, 403 for a read and 400 for a part written to an SSE-C upload); a customer key
 * for data that is not SSE-C is refused.
 */
export function checkEncryptionKeys(
  stored: StoredEncryption | undefined,
  keys: EncryptionKeys | undefined,
  purpose: 'read' | 'write' = 'read',
): void {
  const given = keys?.customerKey;
  if (stored?.kind !== 'sse-c') {
    if (given !== undefined) {
      throw new StorageError('InvalidRequest', 'The encryption parameters are not applicable to this object.');
    }
    return;
  }
  if (given === undefined) {
    throw new StorageError(
      'InvalidRequest',
      'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
    );
  }
  const expected = Buffer.from(stored.customerKeyHmac ?? '', 'base64');
  const actual = Buffer.from(customerKeyHmac(given, Buffer.from(stored.customerKeySalt ?? '', 'base64')), 'base64');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    if (purpose === 'write') {
      throw new StorageError('InvalidRequest', 'The provided encryption parameters did not match the ones used originally.');
    }
    throw new StorageError('AccessDenied', 'The calculated MD5 hash of the key did not match the hash that was provided.');
  }
}

/** The key that wraps the data keys of data stored as `stored`. Checks an SSE-C key first. */
export async function wrappingKeyFor(ctx: CoreContext, stored: StoredEncryption, keys: EncryptionKeys | undefined): Promise<WrappingKey> {
  switch (stored.kind) {
    case 'sse-s3':
      return { key: requireMasterKey(ctx), context: 'sse-s3' };
    case 'sse-kms': {
      const { key, material } = await kmsKeyMaterial(ctx, stored.kmsKeyId ?? '');
      return { key: material, context: `sse-kms:${key.keyId}` };
    }
    case 'sse-c': {
      checkEncryptionKeys(stored, keys);
      const customer = keys?.customerKey ?? Buffer.alloc(0);
      return { key: createHmac('sha256', customer).update('cairn sse-c data key wrapping').digest(), context: 'sse-c' };
    }
  }
}

/** How new blobs of data stored as `stored` are sealed: a fresh data key per blob. */
export async function sealerFor(
  ctx: CoreContext,
  stored: StoredEncryption | undefined,
  keys: EncryptionKeys | undefined,
): Promise<(() => BlobSeal) | undefined> {
  if (stored === undefined) return undefined;
  const wrapping = await wrappingKeyFor(ctx, stored, keys);
  return () => newSeal(wrapping);
}

/** Unwraps the data key of each sealed blob read for data stored as `stored`; undefined for plaintext data. */
export async function openerFor(
  ctx: CoreContext,
  stored: StoredEncryption | undefined,
  keys: EncryptionKeys | undefined,
): Promise<BlobOpener | undefined> {
  if (stored === undefined) {
    checkEncryptionKeys(undefined, keys);
    return undefined;
  }
  const wrapping = await wrappingKeyFor(ctx, stored, keys);
  return (header) => dataKeyOf(header, wrapping);
}

/** Gives the data key of a sealed blob from its header. */
export type BlobOpener = (header: SealedHeader) => Buffer;

/** Two stored encryptions whose blobs unwrap with the same key (so a copy may share blobs). */
export function sameWrapping(
  a: StoredEncryption | undefined,
  aKeys: EncryptionKeys | undefined,
  b: StoredEncryption | undefined,
  bKeys: EncryptionKeys | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'sse-kms') return kmsKeyIdOf(a.kmsKeyId ?? '') === kmsKeyIdOf(b.kmsKeyId ?? '');
  if (a.kind === 'sse-c')
    return aKeys?.customerKey !== undefined && bKeys?.customerKey !== undefined && aKeys.customerKey.equals(bKeys.customerKey);
  return true;
}

function customerKeyHmac(key: Buffer, salt: Buffer): string {
  return createHmac('sha256', salt).update(key).digest('base64');
}
