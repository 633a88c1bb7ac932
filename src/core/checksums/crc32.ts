import zlib from 'node:zlib';
import { reflectedCrc32, type Crc32Update } from './reflected-crc32.js';

/** CRC-32 computed in JavaScript; what `crc32` uses where node:zlib has no crc32 (Node < 20.15). */
export const crc32Portable: Crc32Update = reflectedCrc32(0xedb88320);

// Read as a property, not a named import: importing a missing named export from node:zlib fails at load time.
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 (ISO-HDLC, as zlib and S3's `x-amz-checksum-crc32`). Check value: "123456789" -> 0xCBF43926. */
export const crc32: Crc32Update = zlibCrc32 === undefined ? crc32Portable : (chunk, crc = 0) => zlibCrc32(chunk, crc);
