import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Crc32cJs } from '@aws-sdk/checksums/crc';
import { crc32c } from './crc32c.js';

async function sdkCrc32c(data: Uint8Array): Promise<number> {
  const hasher = new Crc32cJs();
  hasher.update(data);
  return Buffer.from(await hasher.digest()).readUInt32BE(0);
}

describe('crc32c', () => {
  it('gives the CRC-32C check value for "123456789"', () => {
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  });

  it('gives the iSCSI test values of RFC 3720 B.4', () => {
    const ascending = Uint8Array.from({ length: 32 }, (_, i) => i);
    assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
    assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
    assert.equal(crc32c(ascending), 0x46dd794e);
    assert.equal(crc32c(ascending.reverse()), 0x113fdb5c);
  });

  it('gives 0 for no data', () => {
    assert.equal(crc32c(new Uint8Array(0)), 0);
  });

  it('agrees with the AWS SDK for every length 0..300 and every alignment', async () => {
    const data = randomBytes(400);
    for (let offset = 0; offset < 8; offset++) {
      for (let length = 0; length <= 300; length++) {
        const slice = data.subarray(offset, offset + length);
        assert.equal(crc32c(slice), await sdkCrc32c(slice), `offset ${offset}, length ${length}`);
      }
    }
  });

  it('agrees with the AWS SDK on large random data', async () => {
    const data = randomBytes((1 << 20) + 13);
    assert.equal(crc32c(data), await sdkCrc32c(data));
  });

  it('continues a running CRC across chunk boundaries anywhere in the data', () => {
    const data = randomBytes(10_000);
    const whole = crc32c(data);
    for (let round = 0; round < 50; round++) {
      let crc = 0;
      let offset = 0;
      while (offset < data.length) {
        const size = Math.floor(Math.random() * 700);
        crc = crc32c(data.subarray(offset, offset + size), crc);
        offset += size;
      }
      assert.equal(crc, whole);
    }
  });
});
