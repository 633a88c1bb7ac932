import * as zlibModule from 'node:zlib';

/** node:zlib with crc32 (Node >= 20.15), typed for the tests that compute expected checksums. */
export const zlib = zlibModule as typeof zlibModule & { crc32(data: Uint8Array, value?: number): number };
