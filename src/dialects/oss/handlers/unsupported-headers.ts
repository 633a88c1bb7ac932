import { StorageError } from '../../../core/errors.js';

/**
 * Cairn keeps every bucket and object private and has no callbacks on OSS yet (server-side encryption is
 * read by headers/sse-headers.ts, tagging by headers/version-headers.ts). Requests asking for them are
 * refused rather than silently stored without the feature.
 */
export function refusePublicAcl(headers: Readonly<Record<string, string>>, name: 'x-oss-acl' | 'x-oss-object-acl'): void {
  const acl = headers[name]?.trim();
  if (acl === undefined || acl === '' || acl === 'private' || acl === 'default') return;
  throw new StorageError('NotImplemented', `Cairn keeps buckets and objects private; ${name}: ${acl} is not supported.`, { Header: name });
}

/** Headers of a write (PutObject, InitiateMultipartUpload, CopyObject, AppendObject) Cairn cannot honour. */
export function refuseUnsupportedWriteHeaders(headers: Readonly<Record<string, string>>): void {
  refusePublicAcl(headers, 'x-oss-object-acl');
  for (const name of ['x-oss-callback']) {
    if (headers[name] !== undefined)
      throw new StorageError('NotImplemented', `Cairn does not implement ${name} for OSS.`, { Header: name });
  }
}
