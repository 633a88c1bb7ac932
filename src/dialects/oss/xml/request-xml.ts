import type { StorageClass } from '../../../core/types.js';
import { childrenNamed, expectRoot, malformedXml, optionalChild, parseXml, requiredChild } from '../../common/xml.js';
import { parseOssStorageClass } from '../headers/storage-class.js';

export interface CompletePartListing {
  readonly partNumber: number;
  /** As sent (ali-oss echoes the quoted upper-case ETag header). */
  readonly etag: string;
}

/**
 * The body of CompleteMultipartUpload: `<Part><PartNumber/><ETag/></Part>`... in document order, elements
 * in any order with any whitespace between them (ali-oss puts a newline after each). No Part, a Part
 * without PartNumber or ETag, or a PartNumber that is not a number is MalformedXML.
 */
export function parseCompleteMultipartUpload(xml: string): CompletePartListing[] {
  const root = expectRoot(parseXml(xml), 'CompleteMultipartUpload');
  const parts = childrenNamed(root, 'Part').map((part) => {
    const number = requiredChild(part, 'PartNumber').text.trim();
    if (!/^[0-9]{1,9}$/.test(number)) throw malformedXml();
    const etag = requiredChild(part, 'ETag').text.trim();
    if (etag === '') throw malformedXml();
    return { partNumber: Number(number), etag };
  });
  if (parts.length === 0) throw malformedXml();
  return parts;
}

/** OSS deletes at most this many keys per DeleteMultipleObjects request. */
export const MAX_DELETE_OBJECTS = 1000;

export interface DeleteRequest {
  readonly keys: readonly { readonly key: string; readonly versionId?: string }[];
  readonly quiet: boolean;
}

/** `<Delete><Quiet/><Object><Key/><VersionId/></Object>...</Delete>`: 1 to 1000 objects. */
export function parseDelete(xml: string): DeleteRequest {
  const root = expectRoot(parseXml(xml), 'Delete');
  const objects = childrenNamed(root, 'Object');
  if (objects.length === 0 || objects.length > MAX_DELETE_OBJECTS) throw malformedXml();
  const keys = objects.map((o) => {
    const versionId = optionalChild(o, 'VersionId')?.text.trim();
    return { key: requiredChild(o, 'Key').text, ...(versionId === undefined || versionId === '' ? {} : { versionId }) };
  });
  const quiet = optionalChild(root, 'Quiet')?.text.trim().toLowerCase() ?? 'false';
  if (quiet !== 'true' && quiet !== 'false') throw malformedXml();
  return { keys, quiet: quiet === 'true' };
}

/** `<CreateBucketConfiguration><StorageClass/><DataRedundancyType/></CreateBucketConfiguration>`; an empty body is none. */
export function parseCreateBucketConfiguration(xml: string): { readonly storageClass?: StorageClass } {
  if (xml.trim() === '') return {};
  const root = expectRoot(parseXml(xml), 'CreateBucketConfiguration');
  const storageClass = parseOssStorageClass(optionalChild(root, 'StorageClass')?.text, 'StorageClass');
  return storageClass === undefined ? {} : { storageClass };
}
