import type { PartRecord } from '../../../core/types.js';
import { el, optionalEl, xmlDocument, type XmlChild, type XmlElement } from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { ossEtag, ossTimestamp } from '../headers/object-headers.js';

/**
 * OSS's XML response documents. No namespace on the root (oss2 looks elements up without one), every
 * documented element present even when empty (oss2 raises on a missing one), timestamps with `.000Z`.
 */

export interface OssOwner {
  readonly id: string;
  readonly displayName: string;
}

/** With encoding-type=url, names are percent-encoded: a space is %20, never '+'. */
export function encodeName(value: string, encoding: EncodingType | undefined): string {
  return encoding === 'url' ? encodeURIComponent(value) : value;
}

function owner(o: OssOwner): XmlElement {
  return el('Owner', [el('ID', o.id), el('DisplayName', o.displayName)]);
}

export interface BucketSummary {
  readonly name: string;
  readonly createdAt: number;
  readonly storageClass: string;
}

export interface EndpointNames {
  /** `oss-cn-hangzhou` */
  readonly location: string;
  /** `cn-hangzhou` */
  readonly region: string;
}

function endpointElements(names: EndpointNames): XmlElement[] {
  return [
    el('ExtranetEndpoint', `${names.location}.aliyuncs.com`),
    el('IntranetEndpoint', `${names.location}-internal.aliyuncs.com`),
    el('Location', names.location),
  ];
}

export function renderListBuckets(p: {
  readonly owner: OssOwner;
  readonly buckets: readonly BucketSummary[];
  readonly names: EndpointNames;
  readonly prefix?: string;
  readonly marker?: string;
  readonly maxKeys?: number;
  readonly isTruncated: boolean;
  readonly nextMarker?: string;
}): string {
  const paged = p.prefix !== undefined || p.marker !== undefined || p.maxKeys !== undefined;
  return xmlDocument(
    el('ListAllMyBucketsResult', [
      paged && el('Prefix', p.prefix ?? ''),
      paged && el('Marker', p.marker ?? ''),
      paged && optionalEl('MaxKeys', p.maxKeys),
      el('IsTruncated', p.isTruncated),
      optionalEl('NextMarker', p.nextMarker),
      owner(p.owner),
      el(
        'Buckets',
        p.buckets.map((b) =>
          el('Bucket', [
            el('CreationDate', ossTimestamp(b.createdAt)),
            ...endpointElements(p.names),
            el('Name', b.name),
            el('Region', p.names.region),
            el('StorageClass', b.storageClass),
          ]),
        ),
      ),
    ]),
  );
}

export function renderBucketInfo(p: { readonly bucket: BucketSummary; readonly owner: OssOwner; readonly names: EndpointNames }): string {
  return xmlDocument(
    el('BucketInfo', [
      el('Bucket', [
        el('AccessMonitor', 'Disabled'),
        el('CreationDate', ossTimestamp(p.bucket.createdAt)),
        ...endpointElements(p.names),
        el('Name', p.bucket.name),
        el('Region', p.names.region),
        el('StorageClass', p.bucket.storageClass),
        el('TransferAcceleration', 'Disabled'),
        el('CrossRegionReplication', 'Disabled'),
        el('DataRedundancyType', 'LRS'),
        owner(p.owner),
        el('AccessControlList', [el('Grant', 'private')]),
        el('Comment', ''),
        el('BucketPolicy', [el('LogBucket', ''), el('LogPrefix', '')]),
      ]),
    ]),
  );
}

export function renderLocation(location: string): string {
  return xmlDocument(el('LocationConstraint', location));
}

export interface ListedObject {
  readonly key: string;
  readonly lastModified: number;
  readonly etag: string;
  readonly type: string;
  readonly size: number;
  readonly storageClass: string;
  readonly owner?: OssOwner;
}

function contents(o: ListedObject, encoding: EncodingType | undefined): XmlElement {
  return el('Contents', [
    el('Key', encodeName(o.key, encoding)),
    el('LastModified', ossTimestamp(o.lastModified)),
    el('ETag', ossEtag(o.etag)),
    el('Type', o.type),
    el('Size', o.size),
    el('StorageClass', o.storageClass),
    o.owner !== undefined && owner(o.owner),
  ]);
}

function commonPrefixes(prefixes: readonly string[], encoding: EncodingType | undefined): XmlElement[] {
  return prefixes.map((p) => el('CommonPrefixes', [el('Prefix', encodeName(p, encoding))]));
}

export function renderListObjects(p: {
  readonly bucket: string;
  readonly prefix: string;
  readonly marker: string;
  readonly maxKeys: number;
  readonly delimiter: string;
  readonly isTruncated: boolean;
  readonly nextMarker?: string;
  readonly encodingType?: EncodingType;
  readonly objects: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
}): string {
  const e = p.encodingType;
  return xmlDocument(
    el('ListBucketResult', [
      el('Name', p.bucket),
      el('Prefix', encodeName(p.prefix, e)),
      el('Marker', encodeName(p.marker, e)),
      el('MaxKeys', p.maxKeys),
      el('Delimiter', encodeName(p.delimiter, e)),
      optionalEl('EncodingType', e),
      el('IsTruncated', p.isTruncated),
      p.nextMarker !== undefined && el('NextMarker', encodeName(p.nextMarker, e)),
      ...p.objects.map((o) => contents(o, e)),
      ...commonPrefixes(p.commonPrefixes, e),
    ]),
  );
}

export function renderListObjectsV2(p: {
  readonly bucket: string;
  readonly prefix: string;
  readonly maxKeys: number;
  readonly delimiter: string;
  readonly startAfter?: string;
  readonly continuationToken?: string;
  readonly nextContinuationToken?: string;
  readonly isTruncated: boolean;
  readonly encodingType?: EncodingType;
  readonly objects: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
}): string {
  const e = p.encodingType;
  return xmlDocument(
    el('ListBucketResult', [
      el('Name', p.bucket),
      el('Prefix', encodeName(p.prefix, e)),
      p.startAfter !== undefined && el('StartAfter', encodeName(p.startAfter, e)),
      p.continuationToken !== undefined && el('ContinuationToken', p.continuationToken),
      el('MaxKeys', p.maxKeys),
      el('Delimiter', encodeName(p.delimiter, e)),
      optionalEl('EncodingType', e),
      el('IsTruncated', p.isTruncated),
      el('KeyCount', p.objects.length + p.commonPrefixes.length),
      p.nextContinuationToken !== undefined && el('NextContinuationToken', p.nextContinuationToken),
      ...p.objects.map((o) => contents(o, e)),
      ...commonPrefixes(p.commonPrefixes, e),
    ]),
  );
}

export function renderInitiateMultipartUpload(p: { bucket: string; key: string; uploadId: string; encodingType?: EncodingType }): string {
  return xmlDocument(
    el('InitiateMultipartUploadResult', [
      el('Bucket', p.bucket),
      el('Key', encodeName(p.key, p.encodingType)),
      el('UploadId', p.uploadId),
      optionalEl('EncodingType', p.encodingType),
    ]),
  );
}

export function renderCompleteMultipartUpload(p: {
  location: string;
  bucket: string;
  key: string;
  etag: string;
  encodingType?: EncodingType;
}): string {
  return xmlDocument(
    el('CompleteMultipartUploadResult', [
      optionalEl('EncodingType', p.encodingType),
      el('Location', p.location),
      el('Bucket', p.bucket),
      el('Key', encodeName(p.key, p.encodingType)),
      el('ETag', ossEtag(p.etag)),
    ]),
  );
}

export function renderCopyObjectResult(p: { etag: string; lastModified: number }): string {
  return xmlDocument(el('CopyObjectResult', [el('ETag', ossEtag(p.etag)), el('LastModified', ossTimestamp(p.lastModified))]));
}

export function renderCopyPartResult(p: { etag: string; lastModified: number }): string {
  return xmlDocument(el('CopyPartResult', [el('LastModified', ossTimestamp(p.lastModified)), el('ETag', ossEtag(p.etag))]));
}

export interface ListedUpload {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: number;
  readonly storageClass: string;
}

export function renderListMultipartUploads(p: {
  readonly bucket: string;
  readonly keyMarker: string;
  readonly uploadIdMarker: string;
  readonly nextKeyMarker: string;
  readonly nextUploadIdMarker: string;
  readonly delimiter: string;
  readonly prefix: string;
  readonly maxUploads: number;
  readonly isTruncated: boolean;
  readonly encodingType?: EncodingType;
  readonly uploads: readonly ListedUpload[];
  readonly commonPrefixes: readonly string[];
}): string {
  const e = p.encodingType;
  return xmlDocument(
    el('ListMultipartUploadsResult', [
      optionalEl('EncodingType', e),
      el('Bucket', p.bucket),
      el('KeyMarker', encodeName(p.keyMarker, e)),
      el('UploadIdMarker', p.uploadIdMarker),
      el('NextKeyMarker', encodeName(p.nextKeyMarker, e)),
      el('NextUploadIdMarker', p.nextUploadIdMarker),
      el('Delimiter', encodeName(p.delimiter, e)),
      el('Prefix', encodeName(p.prefix, e)),
      el('MaxUploads', p.maxUploads),
      el('IsTruncated', p.isTruncated),
      ...p.uploads.map((u) =>
        el('Upload', [
          el('Key', encodeName(u.key, e)),
          el('UploadId', u.uploadId),
          el('StorageClass', u.storageClass),
          el('Initiated', ossTimestamp(u.initiated)),
        ]),
      ),
      ...commonPrefixes(p.commonPrefixes, e),
    ]),
  );
}

export function renderListParts(p: {
  readonly bucket: string;
  readonly key: string;
  readonly uploadId: string;
  readonly storageClass: string;
  readonly partNumberMarker: number;
  readonly nextPartNumberMarker: number;
  readonly maxParts: number;
  readonly isTruncated: boolean;
  readonly encodingType?: EncodingType;
  readonly parts: readonly PartRecord[];
  /** The CRC-64 of a part in OSS's decimal form, when it has one. */
  readonly crc64: (part: PartRecord) => string | undefined;
}): string {
  const e = p.encodingType;
  const parts: XmlChild[] = p.parts.map((part) =>
    el('Part', [
      el('PartNumber', part.partNumber),
      el('LastModified', ossTimestamp(part.lastModified)),
      el('ETag', ossEtag(part.etag)),
      optionalEl('HashCrc64ecma', p.crc64(part)),
      el('Size', part.size),
    ]),
  );
  return xmlDocument(
    el('ListPartsResult', [
      optionalEl('EncodingType', e),
      el('Bucket', p.bucket),
      el('Key', encodeName(p.key, e)),
      el('UploadId', p.uploadId),
      el('StorageClass', p.storageClass),
      el('PartNumberMarker', p.partNumberMarker),
      el('NextPartNumberMarker', p.nextPartNumberMarker),
      el('MaxParts', p.maxParts),
      el('IsTruncated', p.isTruncated),
      ...parts,
    ]),
  );
}

export function renderDeleteResult(p: { readonly deleted: readonly string[]; readonly encodingType?: EncodingType }): string {
  return xmlDocument(
    el('DeleteResult', [
      optionalEl('EncodingType', p.encodingType),
      ...p.deleted.map((k) => el('Deleted', [el('Key', encodeName(k, p.encodingType))])),
    ]),
  );
}
