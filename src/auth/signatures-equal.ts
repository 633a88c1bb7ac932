import { timingSafeEqual } from 'node:crypto';

const hex64 = /^[0-9a-fA-F]{64}$/;

/** Compares a computed hex SigV4 signature with a provided one in constant time. */
export function signaturesEqual(computedHex: string, providedHex: string): boolean {
  if (!hex64.test(providedHex)) return false;
  return timingSafeEqual(Buffer.from(computedHex, 'hex'), Buffer.from(providedHex, 'hex'));
}

/** Constant-time equality of two byte strings; lengths are not secret. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
