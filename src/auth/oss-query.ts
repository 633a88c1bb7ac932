import { percentDecodeToString } from './uri-encode.js';

/**
 * The parameters of a raw OSS query string in order, names and values percent-decoded with '+' read as a
 * space (the Go SDK's rule; ali-oss never sends a raw '+'). A parameter without '=' has the value ''.
 */
export function ossQueryPairs(rawQuery: string): [string, string][] {
  const out: [string, string][] = [];
  if (rawQuery === '') return out;
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? '' : piece.slice(eq + 1);
    out.push([decode(name), decode(value)]);
  }
  return out;
}

function decode(s: string): string {
  return percentDecodeToString(s.replace(/\+/g, ' '));
}
