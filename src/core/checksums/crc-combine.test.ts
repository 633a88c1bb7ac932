import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { crcCombine, type CombinableCrc } from './crc-combine.js';
import { crc32 } from './crc32.js';
import { crc32c } from './crc32c.js';
import { crc64ecma, crc64nvme } from './crc64.js';

const crcs: Record<CombinableCrc, (data: Uint8Array) => number | bigint> = {
  crc32: (data) => crc32(data),
  crc32c: (data) => crc32c(data),
  crc64nvme: (data) => crc64nvme(data),
  crc64ecma: (data) => crc64ecma(data),
};
const names: Record<CombinableCrc, string> = {
  crc32: 'CRC-32',
  crc32c: 'CRC-32C',
  crc64nvme: 'CRC-64/NVME',
  crc64ecma: 'CRC-64/XZ',
};

function randomLength(): number {
  const r = Math.random();
  if (r < 0.2) return Math.floor(Math.random() * 3); // 0, 1 or 2 bytes
  if (r < 0.6) return Math.floor(Math.random() * 100);
  return Math.floor(Math.random() * 70_000);
}

for (const algorithm of Object.keys(crcs) as CombinableCrc[]) {
  const crc = crcs[algorithm];

  describe(`crcCombine ${algorithm}`, () => {
    it(`combines ${names[algorithm]} of two parts into the CRC of their concatenation`, () => {
      for (let round = 0; round < 200; round++) {
        const a = randomBytes(randomLength());
        const b = randomBytes(randomLength());
        const combined = crcCombine(algorithm, crc(a), crc(b), b.length);
        assert.equal(combined, crc(Buffer.concat([a, b])), `|A| = ${a.length}, |B| = ${b.length}`);
      }
    });

    it('returns the first CRC unchanged when the second part is empty', () => {
      const a = crc(randomBytes(100));
      assert.equal(crcCombine(algorithm, a, crc(new Uint8Array(0)), 0), a);
    });

    it('returns the second CRC when the first part is empty', () => {
      const b = randomBytes(1000);
      assert.equal(crcCombine(algorithm, crc(new Uint8Array(0)), crc(b), b.length), crc(b));
    });

    it('folds any split of the data, with empty and 1-byte parts, back into the CRC of the whole', () => {
      const data = randomBytes(200_000);
      const whole = crc(data);
      for (let round = 0; round < 20; round++) {
        let acc = crc(new Uint8Array(0));
        let offset = 0;
        while (offset < data.length) {
          const size = Math.min(randomLength(), data.length - offset);
          const part = data.subarray(offset, offset + size);
          acc = crcCombine(algorithm, acc, crc(part), size);
          offset += size;
        }
        assert.equal(acc, whole);
      }
    });

    it('handles the CRC of 16 MiB + 3 zero bytes appended (a long run of length bits)', () => {
      const a = randomBytes(33);
      const zeros = new Uint8Array(16 * 1024 * 1024 + 3);
      const expected = crc(Buffer.concat([a, zeros]));
      assert.equal(crcCombine(algorithm, crc(a), crc(zeros), zeros.length), expected);
    });

    it('is associative for part lengths of many GiB, as a 10,000-part object has', () => {
      const [a, b, c] = [crc(randomBytes(8)), crc(randomBytes(8)), crc(randomBytes(8))] as const;
      for (const [lengthB, lengthC] of [
        [5 * 2 ** 30, 5 * 2 ** 30 + 1],
        [2 ** 40 + 12345, 3],
        [2 ** 52 - 1, 2 ** 20],
      ] as const) {
        const left = crcCombine(algorithm, crcCombine(algorithm, a, b, lengthB), c, lengthC);
        const right = crcCombine(algorithm, a, crcCombine(algorithm, b, c, lengthC), lengthB + lengthC);
        assert.equal(left, right, `|B| = ${lengthB}, |C| = ${lengthC}`);
      }
    });
  });
}

describe('crcCombine input checks', () => {
  it('refuses a negative, fractional or unsafe length', () => {
    for (const length of [-1, 1.5, 2 ** 53, Number.NaN]) {
      assert.throws(() => crcCombine('crc32c', 1, 2, length), RangeError);
    }
  });

  it('refuses a CRC of the wrong width', () => {
    assert.throws(() => crcCombine('crc32', 2 ** 32, 0, 1), RangeError);
    assert.throws(() => crcCombine('crc32', 0n, 0, 1), RangeError);
    assert.throws(() => crcCombine('crc64nvme', 1n << 64n, 0n, 1), RangeError);
    assert.throws(() => crcCombine('crc64ecma', 0, 0n, 1), RangeError);
  });
});
