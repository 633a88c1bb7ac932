/**
 * The layout of an encrypted ("sealed") blob. A sealed blob is a fixed header followed by packages:
 * the plaintext is cut into packages of PACKAGE_BYTES (the last may be shorter), each encrypted with
 * AES-256-GCM under the blob's own data key and followed by its 16-byte tag. A package's IV is the
 * blob's 4-byte nonce prefix and the package's index as a 64-bit big-endian number, so no IV repeats
 * under a key, and any range of plaintext is read by opening only the packages that hold it.
 *
 * Header (80 bytes): "CAIRNSE1" | nonce prefix (4) | wrap IV (12) | wrapped data key (32) | wrap tag (16) |
 * plaintext length (8, big-endian; written when the blob is finished, so that a reader knows how long
 * the last package is). GCM needs a whole package to check its tag, so reads always cover whole packages.
 * The data key is wrapped (AES-256-GCM) by the key named in the object's metadata: the server master key
 * (SSE-S3), a KMS key (SSE-KMS) or a key derived from the customer's key (SSE-C).
 */
export const MAGIC = Buffer.from('CAIRNSE1', 'latin1');
export const HEADER_BYTES = 80;
export const PACKAGE_BYTES = 64 * 1024;
export const TAG_BYTES = 16;
export const SEALED_PACKAGE_BYTES = PACKAGE_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;
export const NONCE_PREFIX_BYTES = 4;

export interface SealedHeader {
  readonly noncePrefix: Buffer;
  readonly wrapIv: Buffer;
  readonly wrappedKey: Buffer;
  readonly wrapTag: Buffer;
  /** 0 until the write finishes. */
  readonly plainLength: number;
}

export function encodeHeader(h: SealedHeader): Buffer {
  const out = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(out, 0);
  h.noncePrefix.copy(out, 8);
  h.wrapIv.copy(out, 12);
  h.wrappedKey.copy(out, 24);
  h.wrapTag.copy(out, 56);
  out.writeBigUInt64BE(BigInt(h.plainLength), 72);
  return out;
}

export function decodeHeader(bytes: Buffer): SealedHeader {
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, 8).equals(MAGIC)) throw new Error('not a sealed blob (bad header)');
  return {
    noncePrefix: bytes.subarray(8, 12),
    wrapIv: bytes.subarray(12, 24),
    wrappedKey: bytes.subarray(24, 56),
    wrapTag: bytes.subarray(56, 72),
    plainLength: Number(bytes.readBigUInt64BE(72)),
  };
}

/** The IV of package `index`. */
export function packageIv(noncePrefix: Buffer, index: number): Buffer {
  const iv = Buffer.alloc(12);
  noncePrefix.copy(iv, 0);
  iv.writeBigUInt64BE(BigInt(index), 4);
  return iv;
}

/** Where the plaintext length goes once it is known. */
export const PLAIN_LENGTH_OFFSET = 72;

export function plainLengthField(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}

/** Bytes a sealed blob of `plainLength` plaintext bytes takes on disk. */
export function sealedLength(plainLength: number): number {
  return HEADER_BYTES + plainLength + Math.ceil(plainLength / PACKAGE_BYTES) * TAG_BYTES;
}

/** The whole packages of a blob of `blobPlainLength` bytes that hold plaintext [offset, offset + length). */
export function sealedRange(
  offset: number,
  length: number,
  blobPlainLength: number,
): { readonly firstPackage: number; readonly start: number; readonly length: number } {
  const firstPackage = Math.floor(offset / PACKAGE_BYTES);
  const lastPackage = Math.floor((offset + length - 1) / PACKAGE_BYTES);
  const start = HEADER_BYTES + firstPackage * SEALED_PACKAGE_BYTES;
  const lastPlain = Math.min(PACKAGE_BYTES, blobPlainLength - lastPackage * PACKAGE_BYTES);
  const end = HEADER_BYTES + lastPackage * SEALED_PACKAGE_BYTES + lastPlain + TAG_BYTES;
  return { firstPackage, start, length: end - start };
}
