import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Crc32cJs, Crc32Js, Crc64NvmeJs } from '@aws-sdk/checksums/crc';
import type { DigestName } from '../types.js';
import { createDigester } from './digester.js';

const allNames: readonly DigestName[] = ['md5', 'sha1', 'sha256', 'crc32', 'crc32c', 'crc64nvme', 'crc64ecma', 'sha256-tree'];

function digestInChunks(names: readonly DigestName[], data: Uint8Array, chunkSize: number) {
  const digester = createDigester(names);
  for (let offset = 0; offset < data.length; offset += chunkSize) digester.update(data.subarray(offset, offset + chunkSize));
  return digester.digest();
}

describe('createDigester', () => {
  it('computes every digest of "123456789" in one pass, CRCs as big-endian hex', () => {
    const digester = createDigester(allNames);
    digester.update(Buffer.from('1234'));
    digester.update(Buffer.from('56789'));
    assert.deepEqual(digester.digest(), {
      md5: '25f9e794323b453885f5181f1b624d0b',
      sha1: 'f7c3bc1d808e04732adf679965ccc34ca7ae3441',
      sha256: '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225',
      crc32: 'cbf43926',
      crc32c: 'e3069283',
      crc64nvme: 'ae8b14860a799888',
      crc64ecma: '995dc9bbdf1939fa',
      'sha256-tree': '15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225',
    });
  });

  it('gives the digests of no data when nothing was written', () => {
    assert.deepEqual(createDigester(allNames).digest(), {
      md5: 'd41d8cd98f00b204e9800998ecf8427e',
      sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      crc32: '00000000',
      crc32c: '00000000',
      crc64nvme: '0000000000000000',
      crc64ecma: '0000000000000000',
      'sha256-tree': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
  });

  it('computes only the digests asked for, once each however often named', () => {
    const digester = createDigester(['crc32c', 'md5', 'crc32c']);
    digester.update(Buffer.from('123456789'));
    assert.deepEqual(digester.digest(), { crc32c: 'e3069283', md5: '25f9e794323b453885f5181f1b624d0b' });
    assert.deepEqual(createDigester([]).digest(), {});
  });

  it('gives the same digests whatever the chunking', () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const whole = digestInChunks(allNames, data, data.length);
    for (const chunkSize of [1, 4093, 65_536, 1_048_577]) {
      const sample = chunkSize === 1 ? data.subarray(0, 50_000) : data;
      const expected = chunkSize === 1 ? digestInChunks(allNames, sample, sample.length) : whole;
      assert.deepEqual(digestInChunks(allNames, sample, chunkSize), expected, `chunk size ${chunkSize}`);
    }
    assert.equal(whole.md5, createHash('md5').update(data).digest('hex'));
    assert.equal(whole.sha256, createHash('sha256').update(data).digest('hex'));
  });

  it('gives the CRC bytes the AWS SDK puts on the wire', async () => {
    const data = randomBytes(100_003);
    const digests = digestInChunks(['crc32', 'crc32c', 'crc64nvme'], data, 16_384);
    for (const [name, sdk] of [
      ['crc32', new Crc32Js()],
      ['crc32c', new Crc32cJs()],
      ['crc64nvme', new Crc64NvmeJs()],
    ] as const) {
      sdk.update(data);
      assert.equal(digests[name], Buffer.from(await sdk.digest()).toString('hex'), name);
    }
  });

  it('answers the same object when asked twice, and refuses data after digest', () => {
    const digester = createDigester(['md5', 'sha256-tree']);
    digester.update(Buffer.from('abc'));
    assert.equal(digester.digest(), digester.digest());
    assert.throws(() => digester.update(Buffer.from('d')));
  });

  it('refuses an unknown digest name', () => {
    assert.throws(() => createDigester(['md4' as DigestName]), RangeError);
  });
});
