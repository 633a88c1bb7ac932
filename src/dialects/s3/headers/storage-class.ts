import { StorageError } from '../../../core/errors.js';
import type { StorageClass } from '../../../core/types.js';

const fromWire: Readonly<Record<string, StorageClass>> = {
  STANDARD: 'standard',
  STANDARD_IA: 'infrequent-access',
  GLACIER_IR: 'archive',
  GLACIER: 'cold-archive',
  DEEP_ARCHIVE: 'deep-cold-archive',
};

const toWire = {
  standard: 'STANDARD',
  'infrequent-access': 'STANDARD_IA',
  archive: 'GLACIER_IR',
  'cold-archive': 'GLACIER',
  'deep-cold-archive': 'DEEP_ARCHIVE',
} as const satisfies Record<StorageClass, string>;

/** x-amz-storage-class -> core class. Classes Cairn cannot keep apart are refused, not silently changed. */
export function parseS3StorageClass(value: string | undefined): StorageClass | undefined {
  if (value === undefined || value === '') return undefined;
  const cls = fromWire[value];
  if (cls === undefined) {
    throw new StorageError('InvalidStorageClass', 'The storage class you specified is not valid', { StorageClassRequested: value });
  }
  return cls;
}

export function s3StorageClassName(cls: StorageClass): string {
  return toWire[cls];
}
