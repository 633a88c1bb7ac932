import { el, optionalEl } from '../../common/xml.js';
import type { EncodingType } from '../endpoint.js';
import { encodeListValue } from './encode-list-value.js';
import { commonPrefixElements, contentsElement, type ListedObject } from './listed-object.js';
import { s3Document } from './response-elements.js';

export interface ListObjectsV2Output {
  readonly bucket: string;
  readonly prefix: string;
  readonly delimiter?: string;
  readonly maxKeys: number;
  readonly isTruncated: boolean;
  /** Echoed as the client sent it. */
  readonly continuationToken?: string;
  /** Present when truncated: encodeContinuationToken of the last key or common prefix listed. */
  readonly nextContinuationToken?: string;
  readonly startAfter?: string;
  readonly encodingType?: EncodingType;
  /** Owner is written only with fetch-owner=true. */
  readonly fetchOwner: boolean;
  readonly objects: readonly ListedObject[];
  readonly commonPrefixes: readonly string[];
}

/**
 * `ListBucketResult` of ListObjectsV2. KeyCount counts keys and common prefixes, as S3 does.
 * encoding-type=url applies to Prefix, Delimiter, StartAfter and Key; tokens are opaque and never encoded.
 */
export function renderListObjectsV2(output: ListObjectsV2Output): string {
  const enc = (value: string) => encodeListValue(value, output.encodingType);
  return s3Document('ListBucketResult', [
    el('Name', output.bucket),
    el('Prefix', enc(output.prefix)),
    optionalEl('ContinuationToken', output.continuationToken),
    output.startAfter !== undefined && el('StartAfter', enc(output.startAfter)),
    el('KeyCount', output.objects.length + output.commonPrefixes.length),
    el('MaxKeys', output.maxKeys),
    output.delimiter !== undefined && el('Delimiter', enc(output.delimiter)),
    optionalEl('EncodingType', output.encodingType),
    el('IsTruncated', output.isTruncated),
    optionalEl('NextContinuationToken', output.nextContinuationToken),
    ...output.objects.map((o) => contentsElement(o, output.encodingType, output.fetchOwner)),
    ...commonPrefixElements(output.commonPrefixes, output.encodingType),
  ]);
}
