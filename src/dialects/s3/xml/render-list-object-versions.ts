import { el, optionalEl } from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { encodeListValue } from './encode-list-value.js';
import { commonPrefixElements, versionElement, type ListedVersion } from './listed-object.js';
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
  /** Versions and delete markers in list order. */
  readonly versions: readonly ListedVersion[];
  readonly commonPrefixes: readonly string[];
}

/**
 * `ListVersionsResult`: Version and DeleteMarker elements in key order, newest first within a key.
 * encoding-type=url applies to Prefix, Delimiter, KeyMarker, NextKeyMarker and Key.
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
    ...output.versions.map((v) => versionElement(v, output.encodingType)),
    ...commonPrefixElements(output.commonPrefixes, output.encodingType),
  ]);
}
