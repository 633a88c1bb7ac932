import { percentDecodeToString } from './uri-encode.js';

/**
 * The parameters of a raw query string, percent-decoded ('+' kept literally: authentication parameters
 * never contain one). The first occurrence of a name wins.
 */
export function queryParams(rawQuery: string): Map<string, string> {
  const out = new Map<string, string>();
  if (rawQuery === '') return out;
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = percentDecodeToString(eq < 0 ? piece : piece.slice(0, eq));
    if (!out.has(name)) out.set(name, eq < 0 ? '' : percentDecodeToString(piece.slice(eq + 1)));
  }
  return out;
}
