import type { ObjectAttributesResult } from '../../../core/objects/object-attributes.js';
import { el } from '../../common/xml.js';
import { partChecksums } from '../handlers/checksum-headers.js';
import { checksumElements, checksumTypeName, s3Document } from './response-elements.js';
import { s3StorageClassName } from '../headers/storage-class.js';

/** The attributes GetObjectAttributes can be asked for (x-amz-object-attributes). */
export type ObjectAttributeName = 'ETag' | 'Checksum' | 'ObjectParts' | 'StorageClass' | 'ObjectSize';

/**
 * `GetObjectAttributesResponse` with the asked-for attributes only. ETag is unquoted here, as S3
 * writes it. ObjectParts appears for multipart objects, each part with its size and checksum.
 */
export function renderObjectAttributes(result: ObjectAttributesResult, asked: ReadonlySet<ObjectAttributeName>): string {
  const v = result.version;
  const checksum = v.checksum;
  const parts = result.parts;
  return s3Document('GetObjectAttributesResponse', [
    asked.has('ETag') && el('ETag', v.etag),
    asked.has('Checksum') &&
      checksum !== null &&
      el('Checksum', [...checksumElements({ [checksum.algorithm]: checksum.value }), el('ChecksumType', checksumTypeName(checksum.type))]),
    asked.has('ObjectParts') &&
      parts !== undefined &&
      el('ObjectParts', [
        el('PartsCount', parts.totalPartsCount),
        el('PartNumberMarker', parts.partNumberMarker),
        el('NextPartNumberMarker', parts.nextPartNumberMarker),
        el('MaxParts', parts.maxParts),
        el('IsTruncated', parts.isTruncated),
        ...parts.parts.map((p) =>
          el('Part', [
            el('PartNumber', p.partNumber),
            el('Size', p.size),
            ...checksumElements(checksum === null ? undefined : partChecksums(p.digests, checksum.algorithm)),
          ]),
        ),
      ]),
    asked.has('StorageClass') && el('StorageClass', s3StorageClassName(v.attributes.storageClass)),
    asked.has('ObjectSize') && el('ObjectSize', v.size),
  ]);
}
