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

/**
 * Node hands header values over as latin-1, one character per byte. A client that sends a non-ASCII
 * value as UTF-8 bytes (botocore does) signed the UTF-8 text, so verification also tries the values read
 * as UTF-8. Returns undefined when no value has such bytes.
 */
export function headersReadAsUtf8(headers: Readonly<Record<string, string>>): Record<string, string> | undefined {
  let changed = false;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = value;
    if (!/[\x80-\xff]/.test(value)) continue;
    const bytes = Buffer.from(value, 'latin1');
    const text = bytes.toString('utf8');
    if (Buffer.from(text, 'utf8').equals(bytes)) {
      out[name] = text;
      changed = true;
    }
  }
  return changed ? out : undefined;
}
