import { littleEndianHost } from './little-endian-host.js';

/**
 * Feeds `chunk` into a running CRC-64. `crc` is the finished CRC of everything before the chunk (0n for no
 * data) and the result is the finished CRC including it, so `f(b, f(a)) === f(a ‖ b)`.
 */
export type Crc64Update = (chunk: Uint8Array, crc?: bigint) => bigint;

const slices = 16;
const ones64 = 0xffffffffffffffffn;

/**
 * A table-driven, slicing-by-16 CRC-64 with reflected input and output and init = xorout = all ones (the
 * shape of CRC-64/NVME and CRC-64/XZ), for the given reflected polynomial.
 */
export function reflectedCrc64(reflectedPolynomial: bigint): Crc64Update {
  const { lo, hi } = sliceTables(reflectedPolynomial);
  return (chunk, crc = 0n) => update(lo, hi, chunk, crc);
}

/**
 * The 64-bit register lives in two int32 halves, with a table for each half: BigInt is used only to convert
 * at the call boundary, as BigInt arithmetic per byte is far too slow. One kernel for every polynomial
 * keeps V8's optimised code monomorphic (see reflected-crc32.ts).
 * Indices are masked to 0..255 or bounded by the loop, so every `!` is a proven in-range read.
 */
function update(lo: Int32Array, hi: Int32Array, chunk: Uint8Array, crc: bigint): bigint {
  const register = crc ^ ones64;
  let rLo = Number(register & 0xffffffffn) | 0;
  let rHi = Number(register >> 32n) | 0;
  let i = 0;
  const n = chunk.length;
  if (littleEndianHost) {
    while (i < n && ((chunk.byteOffset + i) & 3) !== 0) {
      const x = (rLo ^ chunk[i]!) & 255;
      rLo = ((rLo >>> 8) | (rHi << 24)) ^ lo[x]!;
      rHi = (rHi >>> 8) ^ hi[x]!;
      i++;
    }
    const wordCount = ((n - i) >>> 4) << 2;
    if (wordCount > 0) {
      const words = new Int32Array(chunk.buffer, chunk.byteOffset + i, wordCount);
      for (let w = 0; w < wordCount; w += 4) {
        const a = rLo ^ words[w]!;
        const b = rHi ^ words[w + 1]!;
        const c = words[w + 2]!;
        const d = words[w + 3]!;
        // Slice k occupies [256k .. 256k+255]; the first byte of the 16 needs the most zero bytes after it.
        const x15 = 3840 + (a & 255),
          x14 = 3584 + ((a >>> 8) & 255),
          x13 = 3328 + ((a >>> 16) & 255),
          x12 = 3072 + (a >>> 24);
        const x11 = 2816 + (b & 255),
          x10 = 2560 + ((b >>> 8) & 255),
          x9 = 2304 + ((b >>> 16) & 255),
          x8 = 2048 + (b >>> 24);
        const x7 = 1792 + (c & 255),
          x6 = 1536 + ((c >>> 8) & 255),
          x5 = 1280 + ((c >>> 16) & 255),
          x4 = 1024 + (c >>> 24);
        const x3 = 768 + (d & 255),
          x2 = 512 + ((d >>> 8) & 255),
          x1 = 256 + ((d >>> 16) & 255),
          x0 = d >>> 24;
        rLo =
          lo[x15]! ^
          lo[x14]! ^
          lo[x13]! ^
          lo[x12]! ^
          lo[x11]! ^
          lo[x10]! ^
          lo[x9]! ^
          lo[x8]! ^
          lo[x7]! ^
          lo[x6]! ^
          lo[x5]! ^
          lo[x4]! ^
          lo[x3]! ^
          lo[x2]! ^
          lo[x1]! ^
          lo[x0]!;
        rHi =
          hi[x15]! ^
          hi[x14]! ^
          hi[x13]! ^
          hi[x12]! ^
          hi[x11]! ^
          hi[x10]! ^
          hi[x9]! ^
          hi[x8]! ^
          hi[x7]! ^
          hi[x6]! ^
          hi[x5]! ^
          hi[x4]! ^
          hi[x3]! ^
          hi[x2]! ^
          hi[x1]! ^
          hi[x0]!;
      }
      i += wordCount * 4;
    }
  }
  // The tail, and all of it on a big-endian host (correct there, just slower).
  for (; i < n; i++) {
    const x = (rLo ^ chunk[i]!) & 255;
    rLo = ((rLo >>> 8) | (rHi << 24)) ^ lo[x]!;
    rHi = (rHi >>> 8) ^ hi[x]!;
  }
  return ((BigInt(rHi >>> 0) << 32n) | BigInt(rLo >>> 0)) ^ ones64;
}

/** Slice k, at [256k + b], is the low / high half of the CRC register after byte b and k zero bytes. */
function sliceTables(reflectedPolynomial: bigint): { lo: Int32Array; hi: Int32Array } {
  const lo = new Int32Array(256 * slices);
  const hi = new Int32Array(256 * slices);
  for (let b = 0; b < 256; b++) {
    let c = BigInt(b);
    for (let bit = 0; bit < 8; bit++) c = c & 1n ? (c >> 1n) ^ reflectedPolynomial : c >> 1n;
    lo[b] = Number(c & 0xffffffffn);
    hi[b] = Number(c >> 32n);
  }
  for (let k = 256; k < 256 * slices; k++) {
    const previousLo = lo[k - 256]!;
    const previousHi = hi[k - 256]!;
    const x = previousLo & 255;
    lo[k] = ((previousLo >>> 8) | (previousHi << 24)) ^ lo[x]!;
    hi[k] = (previousHi >>> 8) ^ hi[x]!;
  }
  return { lo, hi };
}
