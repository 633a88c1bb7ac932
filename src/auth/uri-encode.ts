/** RFC 3986 unreserved characters, which AWS never percent-encodes. */
const unreserved = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~') unreserved[c.charCodeAt(0)] = 1;
const SLASH = 0x2f;
const hex = '0123456789ABCDEF';
const plain = /^[A-Za-z0-9\-._~]*$/;
const plainWithSlash = /^[A-Za-z0-9\-._~/]*$/;

/**
 * AWS's UriEncode: every byte of the UTF-8 form except the unreserved characters becomes %XX with
 * uppercase hex; '/' is kept when `keepSlash` (canonical URIs).
 */
export function uriEncode(input: string | Uint8Array, keepSlash = false): string {
  if (typeof input === 'string') {
    if ((keepSlash ? plainWithSlash : plain).test(input)) return input;
    input = Buffer.from(input, 'utf8');
  }
  let out = '';
  for (const b of input) {
    if (unreserved[b] === 1 || (keepSlash && b === SLASH)) out += String.fromCharCode(b);
    else out += '%' + hex[b >> 4]! + hex[b & 15]!;
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Decodes %XX escapes into raw bytes, leaving malformed escapes and '+' as they are. Works on bytes so
 * that escapes of invalid UTF-8 survive a round trip through uriEncode.
 */
export function percentDecode(input: string): Buffer {
  const bytes = Buffer.from(input, 'utf8');
  if (!bytes.includes(0x25)) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x25 && i + 2 < bytes.length) {
      const hi = hexValue(bytes[i + 1]!);
      const lo = hexValue(bytes[i + 2]!);
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/** Decodes %XX escapes into a string (UTF-8); '+' stays '+'. */
export function percentDecodeToString(input: string): string {
  return percentDecode(input).toString('utf8');
}
