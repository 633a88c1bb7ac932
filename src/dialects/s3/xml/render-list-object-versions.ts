import { el, optionalEl } from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { encodeListValue } from './encode-list-value.js';
import { commonPrefixElements, versionElement, type ListedObject } from './listed-object.js';
import { s3Document } from './response-elements.js';

export interface ListObjectVersionsOutput {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly keyMarker?: string;
  readonly versionIdMarker?: string;
  readonly nextKeyMarker?: string;
  readonly nextVersionIdMarker?: string;
  readonly maxKeys: number;
  readonly isTruncated: boolean;
  readonly encodingType?: EncodingType;
  readonly objects: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
}

/**
 * `ListVersionsResult` for an unversioned bucket: every object is one Version with VersionId `null`
 * and IsLatest true. encoding-type=url applies to Prefix, Delimiter, KeyMarker, NextKeyMarker and Key.
 */
export function renderListObjectVersions(output: ListObjectVersionsOutput): string {
  const enc = (value: string) => encodeListValue(value, output.encodingType);
  return s3Document('ListVersionsResult', [
    el('Name', output.bucket),
    el('Prefix', enc(output.prefix)),
    el('KeyMarker', enc(output.keyMarker ?? '')),
    el('VersionIdMarker', output.versionIdMarker ?? ''),
    output.nextKeyMarker !== undefined && el('NextKeyMarker', enc(output.nextKeyMarker)),
    optionalEl('NextVersionIdMarker', output.nextVersionIdMarker),
    el('MaxKeys', output.maxKeys),
    output.delimiter !== undefined && el('Delimiter', enc(output.delimiter)),
    optionalEl('EncodingType', output.encodingType),
    el('IsTruncated', output.isTruncated),
    ...output.objects.map((o) => versionElement(o, output.encodingType)),
    ...commonPrefixElements(output.commonPrefixes, output.encodingType),
  ]);
}
