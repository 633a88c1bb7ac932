import { reflectedCrc64, type Crc64Update } from './reflected-crc64.js';

/** CRC-64/NVME, as S3's `x-amz-checksum-crc64nvme`. Check value: "123456789" -> 0xAE8B14860A799888. */
export const crc64nvme: Crc64Update = reflectedCrc64(0x9a6c9329ac4bc9b5n);

/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected), which OSS calls crc64ecma (`x-oss-hash-crc64ecma`).
 * Check value: "123456789" -> 0x995DC9BBDF1939FA.
 */
export const crc64ecma: Crc64Update = reflectedCrc64(0xc96c5795d7870f42n);
