import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  base64ToHex,
  crc32ToHex,
  crc64DecimalToHex,
  crc64HexToDecimal,
  crc64ToHex,
  hexToBase64,
  hexToBytes,
  hexToCrc32,
  hexToCrc64,
} from './encoding.js';

describe('hex and base64', () => {
  it('round-trips random digests of every length S3 uses', () => {
    for (const length of [0, 1, 2, 3, 4, 8, 16, 20, 32]) {
      const hex = randomBytes(length).toString('hex');
      assert.equal(base64ToHex(hexToBase64(hex)), hex);
    }
  });

  it('encodes the CRC-32C check value as S3 does on the wire', () => {
    assert.equal(hexToBase64('e3069283'), '4waSgw==');
    assert.equal(base64ToHex('4waSgw=='), 'e3069283');
  });

  it('accepts upper-case hex and answers in lower case', () => {
    assert.equal(base64ToHex(hexToBase64('E3069283')), 'e3069283');
    assert.deepEqual(hexToBytes('ABcd'), Buffer.from([0xab, 0xcd]));
  });

  it('refuses odd-length or non-hex strings', () => {
    for (const bad of ['a', 'xyz0', '0x12', ' 12']) assert.throws(() => hexToBytes(bad), RangeError);
  });

  it('refuses unpadded, url-safe, non-canonical or otherwise malformed base64', () => {
    for (const bad of ['4waSgw', '4waSgw=', 'a_b-', '4waSgx==', '4wa Sgw==', '====']) {
      assert.throws(() => base64ToHex(bad), RangeError, bad);
    }
  });
});

describe('CRC values and hex', () => {
  it('writes CRCs as zero-padded big-endian hex', () => {
    assert.equal(crc32ToHex(0), '00000000');
    assert.equal(crc32ToHex(0xcbf43926), 'cbf43926');
    assert.equal(crc64ToHex(0x1n), '0000000000000001');
    assert.equal(crc64ToHex(0xae8b14860a799888n), 'ae8b14860a799888');
  });

  it('reads them back', () => {
    assert.equal(hexToCrc32('00f43926'), 0x00f43926);
    assert.equal(hexToCrc64('995dc9bbdf1939fa'), 0x995dc9bbdf1939fan);
  });

  it('refuses values outside the CRC width', () => {
    assert.throws(() => crc32ToHex(2 ** 32), RangeError);
    assert.throws(() => crc32ToHex(-1), RangeError);
    assert.throws(() => crc64ToHex(1n << 64n), RangeError);
    assert.throws(() => hexToCrc32('123'), RangeError);
    assert.throws(() => hexToCrc64('00'), RangeError);
  });
});

describe('OSS x-oss-hash-crc64ecma decimal form', () => {
  it('gives the unsigned decimal of the CRC-64/XZ check value', () => {
    assert.equal(crc64HexToDecimal('995dc9bbdf1939fa'), '11051210869376104954');
    assert.equal(crc64DecimalToHex('11051210869376104954'), '995dc9bbdf1939fa');
  });

  it('writes 0 for the CRC of no data and the full range up to 2^64 - 1', () => {
    assert.equal(crc64HexToDecimal('0000000000000000'), '0');
    assert.equal(crc64HexToDecimal('ffffffffffffffff'), '18446744073709551615');
    assert.equal(crc64DecimalToHex('18446744073709551615'), 'ffffffffffffffff');
  });

  it('refuses negative, signed, padded, fractional or too-large decimals', () => {
    for (const bad of ['-1', '+1', '01', '1.0', '', '18446744073709551616']) {
      assert.throws(() => crc64DecimalToHex(bad), RangeError, bad);
    }
  });
});
