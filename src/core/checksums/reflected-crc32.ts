import { littleEndianHost } from './little-endian-host.js';

/**
 * Feeds `chunk` into a running CRC. `crc` is the finished CRC of everything before the chunk (0 for no data)
 * and the result is the finished CRC including it, so `f(b, f(a)) === f(a ‖ b)`.
 */
export type Crc32Update = (chunk: Uint8Array, crc?: number) => number;

const slices = 16;

/**
 * A table-driven, slicing-by-16 CRC-32 with reflected input and output and init = xorout = 0xFFFFFFFF
 * (the shape of CRC-32 and CRC-32C), for the given reflected polynomial.
 */
export function reflectedCrc32(reflectedPolynomial: number): Crc32Update {
  const table = sliceTable(reflectedPolynomial);
  return (chunk, crc = 0) => update(table, chunk, crc);
}

/**
 * One kernel shared by every polynomial, its table passed in: V8 optimises it once and well. (A closure per
 * polynomial over its own tables ran at half the speed once two polynomials were in use.)
 * Indices are masked to 0..255 or bounded by the loop, so every `!` is a proven in-range read.
 */
function update(t: Int32Array, chunk: Uint8Array, crc: number): number {
  let c = ~crc;
  let i = 0;
  const n = chunk.length;
  if (littleEndianHost) {
    while (i < n && ((chunk.byteOffset + i) & 3) !== 0) {
      c = t[(c ^ chunk[i]!) & 255]! ^ (c >>> 8);
      i++;
    }
    const wordCount = ((n - i) >>> 4) << 2;
    if (wordCount > 0) {
      const words = new Int32Array(chunk.buffer, chunk.byteOffset + i, wordCount);
      for (let w = 0; w < wordCount; w += 4) {
        c ^= words[w]!;
        const b = words[w + 1]!;
        const d = words[w + 2]!;
        const e = words[w + 3]!;
        // Slice k occupies t[256k .. 256k+255]; the first byte of the 16 needs the most zero bytes after it.
        c =
          t[3840 + (c & 255)]! ^
          t[3584 + ((c >>> 8) & 255)]! ^
          t[3328 + ((c >>> 16) & 255)]! ^
          t[3072 + (c >>> 24)]! ^
          t[2816 + (b & 255)]! ^
          t[2560 + ((b >>> 8) & 255)]! ^
          t[2304 + ((b >>> 16) & 255)]! ^
          t[2048 + (b >>> 24)]! ^
          t[1792 + (d & 255)]! ^
          t[1536 + ((d >>> 8) & 255)]! ^
          t[1280 + ((d >>> 16) & 255)]! ^
          t[1024 + (d >>> 24)]! ^
          t[768 + (e & 255)]! ^
          t[512 + ((e >>> 8) & 255)]! ^
          t[256 + ((e >>> 16) & 255)]! ^
          t[e >>> 24]!;
      }
      i += wordCount * 4;
    }
  }
  // The tail, and all of it on a big-endian host (correct there, just slower).
  for (; i < n; i++) c = t[(c ^ chunk[i]!) & 255]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** Slice k, at t[256k + b], is the CRC register after byte b followed by k zero bytes. */
function sliceTable(reflectedPolynomial: number): Int32Array {
  const t = new Int32Array(256 * slices);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ reflectedPolynomial : c >>> 1;
    t[b] = c;
  }
  for (let k = 256; k < 256 * slices; k++) {
    const previous = t[k - 256]!;
    t[k] = (previous >>> 8) ^ t[previous & 255]!;
  }
  return t;
}
