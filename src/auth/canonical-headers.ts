/**
 * The canonical headers block of a SigV4 canonical request: `name:value\n` for each signed header, in
 * the order given (SignedHeaders is already sorted), values trimmed with inner whitespace runs collapsed.
 * A signed header that is absent canonicalises to an empty value, so the signature simply fails.
 */
export function canonicalHeaders(headers: Readonly<Record<string, string>>, signedHeaders: readonly string[]): string {
  let out = '';
  for (const name of signedHeaders) out += `${name}:${canonicalHeaderValue(headers[name] ?? '')}\n`;
  return out;
}

export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}
