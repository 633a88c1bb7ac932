import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { Crc32Js } from '@aws-sdk/checksums/crc';
import { crc32, crc32Portable } from './crc32.js';

const checkInput = Buffer.from('123456789');

async function sdkCrc32(data: Uint8Array): Promise<number> {
  const hasher = new Crc32Js();
  hasher.update(data);
  return Buffer.from(await hasher.digest()).readUInt32BE(0);
}

describe('crc32', () => {
  it('gives the CRC-32 check value for "123456789" in both implementations', () => {
    assert.equal(crc32(checkInput), 0xcbf43926);
    assert.equal(crc32Portable(checkInput), 0xcbf43926);
  });

  it('gives 0 for no data, and leaves a running CRC unchanged on an empty chunk', () => {
    assert.equal(crc32(new Uint8Array(0)), 0);
    assert.equal(crc32Portable(new Uint8Array(0)), 0);
    assert.equal(crc32Portable(new Uint8Array(0), 0xcbf43926), 0xcbf43926);
  });

  it('computes the same value in JavaScript as zlib for every length 0..300 and every alignment', () => {
    const data = randomBytes(400);
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length <= 300; length++) {
        const slice = data.subarray(offset, offset + length);
        assert.equal(crc32Portable(slice), zlib.crc32(slice), `offset ${offset}, length ${length}`);
      }
    }
  });

  it('agrees with the AWS SDK on random data', async () => {
    for (const length of [1, 15, 16, 17, 1000, 65_537, 1 << 20]) {
      const data = randomBytes(length);
      const expected = await sdkCrc32(data);
      assert.equal(crc32(data), expected, `length ${length}`);
      assert.equal(crc32Portable(data), expected, `length ${length}`);
    }
  });

  it('continues a running CRC across chunk boundaries anywhere in the data', () => {
    const data = randomBytes(10_000);
    const whole = zlib.crc32(data);
    for (let round = 0; round < 50; round++) {
      let crc = 0;
      let offset = 0;
      while (offset < data.length) {
        const size = Math.floor(Math.random() * 700);
        crc = crc32Portable(data.subarray(offset, offset + size), crc);
        offset += size;
      }
      assert.equal(crc, whole);
    }
  });
});
