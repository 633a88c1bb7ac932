import { StorageError } from '../../../core/errors.js';
import type { StorageClass } from '../../../core/types.js';

/** OSS's storage class names and the core's. */
const fromOss = {
  Standard: 'standard',
  IA: 'infrequent-access',
  Archive: 'archive',
  ColdArchive: 'cold-archive',
  DeepColdArchive: 'deep-cold-archive',
} as const satisfies Record<string, StorageClass>;

const toOss = {
  standard: 'Standard',
  'infrequent-access': 'IA',
  archive: 'Archive',
  'cold-archive': 'ColdArchive',
  'deep-cold-archive': 'DeepColdArchive',
} as const satisfies Record<StorageClass, keyof typeof fromOss>;

export function ossStorageClassName(storageClass: StorageClass): string {
  return toOss[storageClass];
}

/** x-oss-storage-class or `<StorageClass>`; undefined when absent, InvalidArgument when OSS does not know it. */
export function parseOssStorageClass(value: string | undefined, argumentName = 'x-oss-storage-class'): StorageClass | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (!Object.hasOwn(fromOss, v)) {
    throw new StorageError(
      'InvalidArgument',
      `The storage class ${v} is not valid: use Standard, IA, Archive, ColdArchive or DeepColdArchive.`,
      {
        ArgumentName: argumentName,
        ArgumentValue: v,
      },
    );
  }
  return fromOss[v as keyof typeof fromOss];
}
