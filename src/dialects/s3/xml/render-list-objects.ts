import { el, optionalEl } from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { encodeListValue } from './encode-list-value.js';
import { commonPrefixElements, contentsElement, type ListedObject } from './listed-object.js';
import { s3Document } from './response-elements.js';

export interface ListObjectsOutput {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly marker?: string;
  /** S3 sends it only when a delimiter was given; without one, clients resume after the last key. */
  readonly nextMarker?: string;
  readonly maxKeys: number;
  readonly isTruncated: boolean;
  readonly encodingType?: EncodingType;
  /** Owner is written for each object that has one: ListObjects (v1) always lists owners. */
  readonly objects: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
}

/**
 * `ListBucketResult` of ListObjects (v1). encoding-type=url applies to Delimiter, Marker, NextMarker, Key
 * and common prefixes; the Prefix is echoed as sent, as S3 does (boto3 decodes every other one of these
 * and leaves Prefix alone).
 */
export function renderListObjects(output: ListObjectsOutput): string {
  const enc = (value: string) => encodeListValue(value, output.encodingType);
  return s3Document('ListBucketResult', [
    el('Name', output.bucket),
    el('Prefix', output.prefix),
    el('Marker', enc(output.marker ?? '')),
    output.nextMarker !== undefined && el('NextMarker', enc(output.nextMarker)),
    el('MaxKeys', output.maxKeys),
    output.delimiter !== undefined && el('Delimiter', enc(output.delimiter)),
    optionalEl('EncodingType', output.encodingType),
    el('IsTruncated', output.isTruncated),
    ...output.objects.map((o) => contentsElement(o, output.encodingType, true)),
    ...commonPrefixElements(output.commonPrefixes, output.encodingType),
  ]);
}
