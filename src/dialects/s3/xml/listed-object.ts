import type { ChecksumAlgorithm, ChecksumType } from '../../../core/types.js';
import { el, type XmlElement } from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { encodeListValue } from './encode-list-value.js';
import { checksumAlgorithmName, isoTime, optionalChecksumType, ownerElement, quotedEtag, type S3Owner } from './response-elements.js';

/** One object as the list responses show it. */
export interface ListedObject {
  readonly key: string;
  readonly lastModified: number;
  /** Bare or quoted; written quoted. */
  readonly etag: string;
  readonly size: number;
  /** S3's name for it: STANDARD, STANDARD_IA, GLACIER... */
  readonly storageClass: string;
  readonly owner?: S3Owner;
  readonly checksumAlgorithm?: ChecksumAlgorithm;
  readonly checksumType?: ChecksumType;
}

/** `<Contents>` of ListObjects and ListObjectsV2; Owner only when asked for and known. */
export function contentsElement(object: ListedObject, encodingType: EncodingType | undefined, withOwner: boolean): XmlElement {
  return el('Contents', [el('Key', encodeListValue(object.key, encodingType)), ...objectFacts(object, withOwner)]);
}

/** A version as ListObjectVersions shows it. */
export interface ListedVersion extends ListedObject {
  /** 'null' for the null version. */
  readonly versionId: string;
  readonly isLatest: boolean;
  readonly deleteMarker: boolean;
}

/** `<Version>` or `<DeleteMarker>` of ListObjectVersions. */
export function versionElement(version: ListedVersion, encodingType: EncodingType | undefined): XmlElement {
  const head = [
    el('Key', encodeListValue(version.key, encodingType)),
    el('VersionId', version.versionId),
    el('IsLatest', version.isLatest),
  ];
  if (version.deleteMarker) {
    return el('DeleteMarker', [
      ...head,
      el('LastModified', isoTime(version.lastModified)),
      version.owner !== undefined && ownerElement('Owner', version.owner),
    ]);
  }
  return el('Version', [...head, ...objectFacts(version, true)]);
}

function objectFacts(object: ListedObject, withOwner: boolean): XmlElement[] {
  const facts = [el('LastModified', isoTime(object.lastModified)), el('ETag', quotedEtag(object.etag))];
  if (object.checksumAlgorithm !== undefined) {
    facts.push(el('ChecksumAlgorithm', checksumAlgorithmName(object.checksumAlgorithm)));
  }
  const type = optionalChecksumType(object.checksumType);
  if (type !== undefined) facts.push(type);
  facts.push(el('Size', object.size));
  if (withOwner && object.owner !== undefined) facts.push(ownerElement('Owner', object.owner));
  facts.push(el('StorageClass', object.storageClass));
  return facts;
}

export function commonPrefixElements(prefixes: readonly string[], encodingType: EncodingType | undefined): XmlElement[] {
  return prefixes.map((prefix) => el('CommonPrefixes', [el('Prefix', encodeListValue(prefix, encodingType))]));
}
