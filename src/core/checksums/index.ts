/** The digests Cairn computes in its one pass over uploaded bytes, and what it derives from them at complete. */
export { crc32 } from './crc32.js';
export { crc32c } from './crc32c.js';
export { crc64ecma, crc64nvme } from './crc64.js';
export type { Crc32Update } from './reflected-crc32.js';
export type { Crc64Update } from './reflected-crc64.js';
export { crcCombine, type CombinableCrc } from './crc-combine.js';
export { TreeHasher, treeHashFromHashes, treeHashLeafSize } from './tree-hash.js';
export { TreeHashLeaves, leafSlice } from './tree-hash-leaves.js';
export { createDigester, type Digester } from './digester.js';
export {
  base64ToHex,
  crc32ToHex,
  crc64DecimalToHex,
  crc64HexToDecimal,
  crc64ToHex,
  hexToBase64,
  hexToBytes,
  hexToCrc32,
  hexToCrc64,
} from './encoding.js';
export {
  combinedCrc64Ecma,
  compositeChecksum,
  fullObjectChecksum,
  multipartEtag,
  supportsMultipartChecksumType,
  type CompositeChecksumAlgorithm,
  type FullObjectChecksumAlgorithm,
  type PartDigest,
} from './multipart-checksum.js';
