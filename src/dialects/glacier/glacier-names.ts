import { randomBytes } from 'node:crypto';
import { StorageError } from '../../core/errors.js';

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

/** Archive ids: 103 random bytes in base64url, 138 characters like AWS's (and, like theirs, may start with '-'). */
export function newArchiveId(): string {
  return randomBytes(103).toString('base64url');
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
