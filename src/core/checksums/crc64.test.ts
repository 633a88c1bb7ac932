import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Crc64NvmeJs } from '@aws-sdk/checksums/crc';
import { crc64ecma, crc64nvme } from './crc64.js';

/** The CRC by its definition, a bit at a time: slow, obviously right, independent of the tables. */
function bitwiseCrc64(reflectedPolynomial: bigint, data: Uint8Array): bigint {
  const ones = 0xffffffffffffffffn;
  let c = ones;
  for (const byte of data) {
    c ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) c = c & 1n ? (c >> 1n) ^ reflectedPolynomial : c >> 1n;
  }
  return c ^ ones;
}
const nvmePolynomial = 0x9a6c9329ac4bc9b5n;
const xzPolynomial = 0xc96c5795d7870f42n;

async function sdkCrc64Nvme(data: Uint8Array): Promise<bigint> {
  const hasher = new Crc64NvmeJs();
  hasher.update(data);
  return Buffer.from(await hasher.digest()).readBigUInt64BE(0);
}

describe('crc64nvme', () => {
  it('gives the CRC-64/NVME check value for "123456789"', () => {
    assert.equal(crc64nvme(Buffer.from('123456789')), 0xae8b14860a799888n);
  });

  it('gives 0 for no data', () => {
    assert.equal(crc64nvme(new Uint8Array(0)), 0n);
  });

  it('agrees with the bitwise definition for every length 0..200 and every alignment', () => {
    const data = randomBytes(300);
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length <= 200; length++) {
        const slice = data.subarray(offset, offset + length);
        assert.equal(crc64nvme(slice), bitwiseCrc64(nvmePolynomial, slice), `offset ${offset}, length ${length}`);
      }
    }
  });

  it('agrees with the AWS SDK on random data', async () => {
    for (const length of [1, 7, 8, 9, 15, 16, 17, 1000, 65_537, 1 << 20]) {
      const data = randomBytes(length);
      assert.equal(crc64nvme(data), await sdkCrc64Nvme(data), `length ${length}`);
    }
  });

  it('continues a running CRC across chunk boundaries anywhere in the data', () => {
    const data = randomBytes(10_000);
    const whole = crc64nvme(data);
    for (let round = 0; round < 50; round++) {
      let crc = 0n;
      let offset = 0;
      while (offset < data.length) {
        const size = Math.floor(Math.random() * 700);
        crc = crc64nvme(data.subarray(offset, offset + size), crc);
        offset += size;
      }
      assert.equal(crc, whole);
    }
  });
});

describe('crc64ecma (CRC-64/XZ, OSS x-oss-hash-crc64ecma)', () => {
  it('gives the CRC-64/XZ check value for "123456789"', () => {
    assert.equal(crc64ecma(Buffer.from('123456789')), 0x995dc9bbdf1939fan);
  });

  it('gives the value of the OSS Go SDK test for its emergency broadcast sentence', () => {
    const sentence = Buffer.from('This is a test of the emergency broadcast system.');
    assert.equal(crc64ecma(sentence), 0x27db187fc15bbc72n);
  });

  it('gives 0 for no data', () => {
    assert.equal(crc64ecma(new Uint8Array(0)), 0n);
  });

  it('agrees with the bitwise definition for every length 0..200 and every alignment', () => {
    const data = randomBytes(300);
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length <= 200; length++) {
        const slice = data.subarray(offset, offset + length);
        assert.equal(crc64ecma(slice), bitwiseCrc64(xzPolynomial, slice), `offset ${offset}, length ${length}`);
      }
    }
  });

  it('agrees with the bitwise definition on 64 KiB of random data', () => {
    const data = randomBytes(65_536 + 5);
    assert.equal(crc64ecma(data), bitwiseCrc64(xzPolynomial, data));
  });

  it('continues a running CRC across chunk boundaries anywhere in the data', () => {
    const data = randomBytes(10_000);
    const whole = crc64ecma(data);
    for (let round = 0; round < 50; round++) {
      let crc = 0n;
      let offset = 0;
      while (offset < data.length) {
        const size = Math.floor(Math.random() * 700);
        crc = crc64ecma(data.subarray(offset, offset + size), crc);
        offset += size;
      }
      assert.equal(crc, whole);
    }
  });
});
