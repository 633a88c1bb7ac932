/**
 * Conversions between the forms a digest takes: lowercase hex in Cairn's records (`Digests`), base64 on S3's
 * wire (`x-amz-checksum-*`), and for CRC-64/XZ the unsigned decimal of OSS's `x-oss-hash-crc64ecma`.
 * Malformed input throws a RangeError; the dialects validate what clients send before it gets here.
 */

const hexPattern = /^(?:[0-9a-fA-F]{2})*$/;
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const decimalPattern = /^(?:0|[1-9][0-9]*)$/;
const maxUint64 = 0xffffffffffffffffn;

/** Raw bytes of a hex string (either case). */
export function hexToBytes(hex: string): Buffer {
  if (!hexPattern.test(hex)) throw new RangeError(`not hex: ${JSON.stringify(hex)}`);
  return Buffer.from(hex, 'hex');
}

export function hexToBase64(hex: string): string {
  return hexToBytes(hex).toString('base64');
}

/** Lowercase hex of canonical, padded base64 (what S3 clients send). */
export function base64ToHex(base64: string): string {
  if (!base64Pattern.test(base64)) throw new RangeError(`not base64: ${JSON.stringify(base64)}`);
  const bytes = Buffer.from(base64, 'base64');
  // Non-zero bits in the padding ("AB==" vs "AA==") decode silently; refuse them so one value has one spelling.
  if (bytes.toString('base64') !== base64) throw new RangeError(`not canonical base64: ${JSON.stringify(base64)}`);
  return bytes.toString('hex');
}

/** A 32-bit CRC as 8 lowercase hex digits: its big-endian bytes, as S3 encodes it. */
export function crc32ToHex(crc: number): string {
  if (!Number.isInteger(crc) || crc < 0 || crc > 0xffffffff) throw new RangeError(`not a 32-bit CRC: ${crc}`);
  return crc.toString(16).padStart(8, '0');
}

/** A 64-bit CRC as 16 lowercase hex digits: its big-endian bytes, as S3 encodes it. */
export function crc64ToHex(crc: bigint): string {
  if (crc < 0n || crc > maxUint64) throw new RangeError(`not a 64-bit CRC: ${crc}`);
  return crc.toString(16).padStart(16, '0');
}

export function hexToCrc32(hex: string): number {
  if (hex.length !== 8) throw new RangeError(`not a 32-bit CRC in hex: ${JSON.stringify(hex)}`);
  return hexToBytes(hex).readUInt32BE(0);
}

export function hexToCrc64(hex: string): bigint {
  if (hex.length !== 16) throw new RangeError(`not a 64-bit CRC in hex: ${JSON.stringify(hex)}`);
  return hexToBytes(hex).readBigUInt64BE(0);
}

/** OSS's `x-oss-hash-crc64ecma` form of a CRC-64 kept as hex: its unsigned decimal. */
export function crc64HexToDecimal(hex: string): string {
  return hexToCrc64(hex).toString(10);
}

/** The hex form of an `x-oss-hash-crc64ecma` value. */
export function crc64DecimalToHex(decimal: string): string {
  if (!decimalPattern.test(decimal)) throw new RangeError(`not an unsigned decimal: ${JSON.stringify(decimal)}`);
  return crc64ToHex(BigInt(decimal));
}
