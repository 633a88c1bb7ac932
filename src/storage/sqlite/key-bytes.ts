/** Keys are compared as UTF-8 bytes. */
export function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/**
 * The smallest byte string greater than every string that starts with `prefix`, or undefined when no
 * such string exists (the prefix is all 0xff bytes, impossible in UTF-8 but handled anyway).
 */
export function prefixSuccessor(prefix: string): Buffer | undefined {
  const bytes = Buffer.from(prefix, 'utf8');
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0xff) end--;
  if (end === 0) return undefined;
  const out = Buffer.from(bytes.subarray(0, end));
  out[end - 1] = (out[end - 1] ?? 0) + 1;
  return out;
}
