import type { ObjectTag, ObjectVersionRecord, VersioningState } from '../../../core/types.js';
import {
  childrenNamed,
  el,
  expectRoot,
  malformedXml,
  optionalChild,
  parseXml,
  requiredChild,
  xmlDocument,
  type XmlElement,
} from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { ossEtag, ossObjectType, ossTimestamp } from '../headers/object-headers.js';
import { encodeName, type OssOwner } from './response-xml.js';
import { ossStorageClassName } from '../headers/storage-class.js';

/** `<VersioningConfiguration><Status>Enabled|Suspended</Status>`, as PutBucketVersioning sends it. */
export function parseOssVersioning(xml: string): 'enabled' | 'suspended' {
  const status = optionalChild(expectRoot(parseXml(xml), 'VersioningConfiguration'), 'Status')?.text.trim();
  if (status === 'Enabled') return 'enabled';
  if (status === 'Suspended') return 'suspended';
  throw malformedXml();
}

export function renderOssVersioning(state: VersioningState): string {
  return xmlDocument(
    el('VersioningConfiguration', state === 'unversioned' ? [] : [el('Status', state === 'enabled' ? 'Enabled' : 'Suspended')]),
  );
}

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>...`: OSS's tag document for objects and buckets alike. */
export function parseOssTagging(xml: string): ObjectTag[] {
  return childrenNamed(requiredChild(expectRoot(parseXml(xml), 'Tagging'), 'TagSet'), 'Tag').map((t) => ({
    key: requiredChild(t, 'Key').text,
    value: optionalChild(t, 'Value')?.text ?? '',
  }));
}

export function renderOssTagging(tags: readonly ObjectTag[]): string {
  return xmlDocument(
    el('Tagging', [
      el(
        'TagSet',
        tags.map((t) => el('Tag', [el('Key', t.key), el('Value', t.value)])),
      ),
    ]),
  );
}

/** ListObjectVersions (GetBucketVersions): Version and DeleteMarker entries in key order, newest first. */
export function renderOssListVersions(p: {
  readonly bucket: string;
  readonly prefix: string;
  readonly keyMarker: string;
  readonly versionIdMarker: string;
  readonly maxKeys: number;
  readonly delimiter: string;
  readonly isTruncated: boolean;
  readonly nextKeyMarker?: string;
  readonly nextVersionIdMarker?: string;
  readonly encodingType?: EncodingType;
  readonly versions: readonly ObjectVersionRecord[];
  readonly commonPrefixes: readonly string[];
  readonly owner: OssOwner;
}): string {
  const e = p.encodingType;
  const ownerEl = el('Owner', [el('ID', p.owner.id), el('DisplayName', p.owner.displayName)]);
  const entry = (v: ObjectVersionRecord): XmlElement => {
    const head = [el('Key', encodeName(v.key, e)), el('VersionId', v.versionId ?? 'null'), el('IsLatest', v.isLatest)];
    if (v.deleteMarker) return el('DeleteMarker', [...head, el('LastModified', ossTimestamp(v.lastModified)), ownerEl]);
    return el('Version', [
      ...head,
      el('LastModified', ossTimestamp(v.lastModified)),
      el('ETag', ossEtag(v.etag)),
      el('Type', ossObjectType(v)),
      el('Size', v.size),
      el('StorageClass', ossStorageClassName(v.attributes.storageClass)),
      ownerEl,
    ]);
  };
  return xmlDocument(
    el('ListVersionsResult', [
      el('Name', p.bucket),
      el('Prefix', encodeName(p.prefix, e)),
      el('KeyMarker', encodeName(p.keyMarker, e)),
      el('VersionIdMarker', p.versionIdMarker),
      el('MaxKeys', p.maxKeys),
      el('Delimiter', encodeName(p.delimiter, e)),
      el('IsTruncated', p.isTruncated),
      p.nextKeyMarker !== undefined && el('NextKeyMarker', encodeName(p.nextKeyMarker, e)),
      p.nextVersionIdMarker !== undefined && el('NextVersionIdMarker', p.nextVersionIdMarker),
      ...(e === undefined ? [] : [el('EncodingType', e)]),
      ...p.versions.map(entry),
      ...p.commonPrefixes.map((c) => el('CommonPrefixes', [el('Prefix', encodeName(c, e))])),
    ]),
  );
}
