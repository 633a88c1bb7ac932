/** True when this machine stores integers little-endian (x86, ARM): a CRC can then read its input a word at a time. */
export const littleEndianHost: boolean = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
