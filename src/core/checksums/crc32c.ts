import { reflectedCrc32, type Crc32Update } from './reflected-crc32.js';

/** CRC-32C (Castagnoli, iSCSI), as S3's `x-amz-checksum-crc32c`. Check value: "123456789" -> 0xE3069283. */
export const crc32c: Crc32Update = reflectedCrc32(0x82f63b78);
