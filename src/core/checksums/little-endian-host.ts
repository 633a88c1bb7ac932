/** True when this machine stores multi-byte integers little-endian (x86, ARM): then a CRC can read input a 32-bit word at a time. */
export const littleEndianHost: boolean = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
