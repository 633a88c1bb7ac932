import { percentDecode, uriEncode } from './uri-encode.js';

/**
 * The canonical query strings a SigV4 signature over this raw query may have used, the likeliest first:
 * each name and value percent-decoded and re-encoded with AWS's UriEncode, sorted by name then value,
 * joined as `name=value` with '&' (a parameter without '=' gets an empty value). `omit` drops a
 * parameter (X-Amz-Signature of a presigned URL).
 *
 * A literal '+' is ambiguous (a plus, or a form-encoded space): SDKs never send one, but when a query
 * has one both readings are offered.
 */
export function canonicalQueryCandidates(rawQuery: string, omit?: string): string[] {
  const literal = canonicalQuery(rawQuery, omit);
  if (!rawQuery.includes('+')) return [literal];
  const spaced = canonicalQuery(rawQuery.replace(/\+/g, '%20'), omit);
  return spaced === literal ? [literal] : [literal, spaced];
}

export function canonicalQuery(rawQuery: string, omit?: string): string {
  if (rawQuery === '') return '';
  const pairs: [string, string][] = [];
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawName = eq < 0 ? piece : piece.slice(0, eq);
    const rawValue = eq < 0 ? '' : piece.slice(eq + 1);
    const name = uriEncode(percentDecode(rawName));
    if (omit !== undefined && name === omit) continue;
    pairs.push([name, uriEncode(percentDecode(rawValue))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}
