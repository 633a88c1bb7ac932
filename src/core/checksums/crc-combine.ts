/**
 * CRC combination: from crc(A), crc(B) and the length of B alone, the CRC of A ‖ B, in time logarithmic in
 * that length (zlib's crc32_combine method, generalised to our four CRCs). This is how a multipart object
 * gets its whole-object CRC at complete time without reading its bytes again.
 *
 * Why it works: for these CRCs (reflected, init = xorout = all ones) crc(A ‖ B) = crc(A)·x^(8·|B|) ⊕ crc(B)
 * in GF(2)[x] mod the polynomial, since the init and xorout terms cancel. Polynomials are kept in the CRC's
 * own reflected form: the highest bit is x^0.
 */

export type CombinableCrc = 'crc32' | 'crc32c' | 'crc64nvme' | 'crc64ecma';

const reflectedPolynomials = {
  crc32: 0xedb88320,
  crc32c: 0x82f63b78,
  crc64nvme: 0x9a6c9329ac4bc9b5n,
  crc64ecma: 0xc96c5795d7870f42n,
} as const satisfies Record<CombinableCrc, number | bigint>;

/** Enough powers x^(2^k) for any byte length below 2^53 (8·length < 2^56). */
const powerCount = 64;

export function crcCombine(algorithm: 'crc32' | 'crc32c', crcA: number, crcB: number, lengthB: number): number;
export function crcCombine(algorithm: 'crc64nvme' | 'crc64ecma', crcA: bigint, crcB: bigint, lengthB: number): bigint;
export function crcCombine(algorithm: CombinableCrc, crcA: number | bigint, crcB: number | bigint, lengthB: number): number | bigint;
export function crcCombine(algorithm: CombinableCrc, crcA: number | bigint, crcB: number | bigint, lengthB: number): number | bigint {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) throw new RangeError(`invalid length ${lengthB}`);
  if (algorithm === 'crc32' || algorithm === 'crc32c') {
    return combine32(algorithm, checkedCrc32(crcA), checkedCrc32(crcB), lengthB);
  }
  return combine64(algorithm, checkedCrc64(crcA), checkedCrc64(crcB), lengthB);
}

function checkedCrc32(crc: number | bigint): number {
  if (typeof crc !== 'number' || !Number.isInteger(crc) || crc < 0 || crc > 0xffffffff) {
    throw new RangeError(`not a 32-bit CRC: ${crc}`);
  }
  return crc;
}

function checkedCrc64(crc: number | bigint): bigint {
  if (typeof crc !== 'bigint' || crc < 0n || crc > 0xffffffffffffffffn) throw new RangeError(`not a 64-bit CRC: ${crc}`);
  return crc;
}

// ---- 32-bit: plain numbers -------------------------------------------------------------------------------

const x0Of32 = 0x80000000;
const powers32 = new Map<CombinableCrc, number[]>();
/** The parts of an upload are mostly of one size: remembering the last x^(8·length) saves most of the work. */
const lastShift32 = new Map<CombinableCrc, { length: number; shift: number }>();

function combine32(algorithm: 'crc32' | 'crc32c', a: number, b: number, lengthB: number): number {
  const polynomial = reflectedPolynomials[algorithm];
  let powers = powers32.get(algorithm);
  if (powers === undefined) {
    powers = [x0Of32 >>> 1]; // x^1
    for (let k = 1; k < powerCount; k++) powers.push(multiply32(powers[k - 1]!, powers[k - 1]!, polynomial));
    powers32.set(algorithm, powers);
  }
  const last = lastShift32.get(algorithm);
  let shift: number;
  if (last?.length === lengthB) {
    shift = last.shift;
  } else {
    // x^(8·lengthB) by square-and-multiply over the bits of 8·lengthB (three low zero bits, hence k = 3).
    shift = x0Of32;
    for (let n = lengthB, k = 3; n > 0; n = Math.floor(n / 2), k++) {
      if (n % 2 === 1) shift = multiply32(powers[k]!, shift, polynomial);
    }
    lastShift32.set(algorithm, { length: lengthB, shift });
  }
  return (multiply32(shift, a, polynomial) ^ b) >>> 0;
}

function multiply32(a: number, b: number, polynomial: number): number {
  let product = 0;
  for (let bit = x0Of32; bit !== 0; bit >>>= 1) {
    if ((a & bit) !== 0) product ^= b;
    b = b & 1 ? (b >>> 1) ^ polynomial : b >>> 1;
  }
  return product >>> 0;
}

// ---- 64-bit: two uint32 halves (BigInt would make a 10,000-part combine take a noticeable pause) -------

interface Poly64 {
  readonly hi: number;
  readonly lo: number;
}

const powers64 = new Map<CombinableCrc, Poly64[]>();
const lastShift64 = new Map<CombinableCrc, { length: number; shift: Poly64 }>();

function combine64(algorithm: 'crc64nvme' | 'crc64ecma', a: bigint, b: bigint, lengthB: number): bigint {
  const polynomial = split(reflectedPolynomials[algorithm]);
  let powers = powers64.get(algorithm);
  if (powers === undefined) {
    powers = [{ hi: 0x40000000, lo: 0 }]; // x^1
    for (let k = 1; k < powerCount; k++) powers.push(multiply64(powers[k - 1]!, powers[k - 1]!, polynomial));
    powers64.set(algorithm, powers);
  }
  const last = lastShift64.get(algorithm);
  let shift: Poly64;
  if (last?.length === lengthB) {
    shift = last.shift;
  } else {
    shift = { hi: 0x80000000, lo: 0 }; // x^0
    for (let n = lengthB, k = 3; n > 0; n = Math.floor(n / 2), k++) {
      if (n % 2 === 1) shift = multiply64(powers[k]!, shift, polynomial);
    }
    lastShift64.set(algorithm, { length: lengthB, shift });
  }
  const shifted = multiply64(shift, split(a), polynomial);
  return join(shifted) ^ b;
}

function multiply64(a: Poly64, b: Poly64, polynomial: Poly64): Poly64 {
  let hi = 0;
  let lo = 0;
  let bHi = b.hi;
  let bLo = b.lo;
  for (let i = 0; i < 64; i++) {
    const bitSet = i < 32 ? (a.hi >>> (31 - i)) & 1 : (a.lo >>> (63 - i)) & 1;
    if (bitSet !== 0) {
      hi ^= bHi;
      lo ^= bLo;
    }
    const carry = bLo & 1;
    bLo = ((bLo >>> 1) | (bHi << 31)) >>> 0;
    bHi = bHi >>> 1;
    if (carry !== 0) {
      bHi = (bHi ^ polynomial.hi) >>> 0;
      bLo = (bLo ^ polynomial.lo) >>> 0;
    }
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function split(value: bigint): Poly64 {
  return { hi: Number(value >> 32n), lo: Number(value & 0xffffffffn) };
}

function join(value: Poly64): bigint {
  return (BigInt(value.hi) << 32n) | BigInt(value.lo);
}
