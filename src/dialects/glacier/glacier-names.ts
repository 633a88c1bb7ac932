import { createHash, randomBytes } from 'node:crypto';
import { StorageError } from '../../core/errors.js';
import type { Bucket } from '../../core/types.js';

/** Vault names: 1-255 characters of a-z, A-Z, 0-9, '_', '-' and '.'. */
export function validateVaultName(name: string): void {
  if (!/^[A-Za-z0-9_.-]{1,255}$/.test(name)) {
    throw new StorageError(
      'InvalidBucketName',
      `Invalid vault name: ${name}. Vault names are 1 to 255 characters of a-z, A-Z, 0-9, '_' (underscore), '-' (hyphen) and '.' (period).`,
    );
  }
}

/** Archive and job descriptions: up to 1024 printable ASCII characters; leading spaces are dropped. */
export function validateDescription(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.replace(/^ +/, '');
  if (trimmed.length > 1024 || !/^[\x20-\x7e]*$/.test(trimmed)) {
    throw new StorageError('InvalidArgument', `Invalid ${name}: it must be at most 1024 printable ASCII characters.`, {
      ArgumentName: name,
    });
  }
  return trimmed;
}

const ARCHIVE_ID_BYTES = 103;
const VAULT_TAG_BYTES = 8;

/**
 * Archive ids: 103 bytes in base64url, 138 characters like AWS's (and, like theirs, may start with '-').
 * The first 8 bytes tag the vault the id was made for and the other 95 are random, so that DeleteArchive
 * can tell an archive already deleted from this vault (idempotent: 204) from an id this vault never had
 * (ResourceNotFoundException) without remembering every deleted id.
 */
export function newArchiveId(vault: Bucket): string {
  return Buffer.concat([vaultTag(vault), randomBytes(ARCHIVE_ID_BYTES - VAULT_TAG_BYTES)]).toString('base64url');
}

/** Whether this id was made for this vault (it may since have been deleted). */
export function isArchiveIdOf(vault: Bucket, archiveId: string): boolean {
  if (!/^[A-Za-z0-9_-]{138}$/.test(archiveId)) return false;
  return Buffer.from(archiveId, 'base64url').subarray(0, VAULT_TAG_BYTES).equals(vaultTag(vault));
}

function vaultTag(vault: Bucket): Buffer {
  // The creation time too: a vault deleted and created again under the same name (and maybe the same row id) is another vault.
  return createHash('sha256')
    .update(`cairn-archive-id\n${vault.accountId}\n${vault.name}\n${vault.id}\n${vault.createdAt}`)
    .digest()
    .subarray(0, VAULT_TAG_BYTES);
}

/** Lock and capacity ids: 18 random bytes in base64url, 24 characters. */
export function newShortId(): string {
  return randomBytes(18).toString('base64url');
}

export function vaultArn(region: string, accountId: string, vaultName: string): string {
  return `arn:aws:glacier:${region}:${accountId}:vaults/${vaultName}`;
}

/** The vault name an ARN marker names, or undefined. */
export function vaultNameOfArn(arn: string): string | undefined {
  const m = /^arn:aws:glacier:[^:]*:\d*:vaults\/(.+)$/.exec(arn);
  return m?.[1];
}

/** A hex SHA-256 tree hash header, lowercased; InvalidArgument when it is not 64 hex digits. */
export function treeHashHeader(value: string, name = 'x-amz-sha256-tree-hash'): string {
  const v = value.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(v)) throw new StorageError('InvalidArgument', `Invalid ${name}: ${value}`, { ArgumentName: name });
  return v.toLowerCase();
}
