import type { EncodingType } from '../endpoint.js';

/**
 * A key, prefix, delimiter or marker as a list response writes it. With `encoding-type=url` it is
 * percent-encoded as UTF-8, '/' kept readable, space as %20 and '+' as %2B, so that both
 * decodeURIComponent and form decoders (boto3's unquote_plus, Go's QueryUnescape) get the key back;
 * this is also the only way to list keys holding characters XML 1.0 cannot carry.
 */
export function encodeListValue(value: string, encodingType: EncodingType | undefined): string {
  if (encodingType !== 'url') return value;
  // encodeURIComponent throws on a lone surrogate, which no key decoded from UTF-8 contains.
  return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')).replace(/%2F/g, '/');
}
