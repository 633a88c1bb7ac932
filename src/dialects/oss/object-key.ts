import { StorageError } from '../../core/errors.js';

/** OSS object names: 1 to 1023 bytes of UTF-8, not starting with '/' or '\'. */
export function validateOssKey(key: string): void {
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes === 0 || bytes > 1023) {
    throw new StorageError('KeyTooLong', 'The Length of Object name must be less than 1024.', { Key: key.slice(0, 64) });
  }
  if (key.startsWith('/') || key.startsWith('\\')) {
    throw new StorageError('InvalidKey', 'The name of the object must not start with "/" or "\\".', { Key: key });
  }
}
