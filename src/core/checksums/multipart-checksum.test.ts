import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { Crc32cJs, Crc32Js, Crc64NvmeJs } from '@aws-sdk/checksums/crc';
import { createDigester } from './digester.js';
import {
  combinedCrc64Ecma,
  compositeChecksum,
  fullObjectChecksum,
  multipartEtag,
  supportsMultipartChecksumType,
  type CompositeChecksumAlgorithm,
  type FullObjectChecksumAlgorithm,
  type PartDigest,
} from './multipart-checksum.js';

/** The AWS SDK's checksum of some bytes, raw: what it would send base64-encoded. */
async function sdkChecksum(algorithm: 'crc32' | 'crc32c' | 'crc64nvme' | 'sha1' | 'sha256', data: Uint8Array): Promise<Buffer> {
  if (algorithm === 'sha1' || algorithm === 'sha256') return createHash(algorithm).update(data).digest();
  const hasher = { crc32: () => new Crc32Js(), crc32c: () => new Crc32cJs(), crc64nvme: () => new Crc64NvmeJs() }[algorithm]();
  hasher.update(data);
  return Buffer.from(await hasher.digest());
}

/** Cuts data at random points into parts, empty and 1-byte parts included. */
function randomSplit(data: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const r = Math.random();
    const size = r < 0.15 ? 0 : r < 0.3 ? 1 : Math.floor(Math.random() * 40_000);
    parts.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return parts;
}

function partDigests(algorithm: FullObjectChecksumAlgorithm | 'crc64ecma', parts: readonly Buffer[]): PartDigest[] {
  return parts.map((part) => {
    const digester = createDigester([algorithm]);
    digester.update(part);
    return { digestHex: digester.digest()[algorithm]!, size: part.length };
  });
}

const compositeAlgorithms: readonly CompositeChecksumAlgorithm[] = ['crc32', 'crc32c', 'sha1', 'sha256'];
const fullObjectAlgorithms: readonly FullObjectChecksumAlgorithm[] = ['crc32', 'crc32c', 'crc64nvme'];

describe('compositeChecksum', () => {
  it('gives the known COMPOSITE CRC-32 and SHA-256 of parts "1234" and "56789"', () => {
    // Expected values computed independently with Python's zlib and hashlib.
    const crc = (s: string) => zlib.crc32(s).toString(16).padStart(8, '0');
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    assert.equal(compositeChecksum('crc32', [crc('1234'), crc('56789')]), 'rBMwBw==-2');
    assert.equal(compositeChecksum('sha256', [sha('1234'), sha('56789')]), 'bnRBBTileCDVQlLT/6fZJGrqcf3O3X6G8kD8V7zZqxQ=-2');
  });

  for (const algorithm of compositeAlgorithms) {
    it(`hashes the concatenated raw ${algorithm} part checksums with ${algorithm} and appends the part count`, async () => {
      for (const partCount of [1, 2, 3, 17]) {
        const parts = Array.from({ length: partCount }, () => randomBytes(Math.floor(Math.random() * 5000)));
        const raw = await Promise.all(parts.map((part) => sdkChecksum(algorithm, part)));
        const expected = `${(await sdkChecksum(algorithm, Buffer.concat(raw))).toString('base64')}-${partCount}`;
        assert.equal(
          compositeChecksum(
            algorithm,
            raw.map((r) => r.toString('hex')),
          ),
          expected,
        );
      }
    });
  }

  it('differs from the checksum of the data even for a single part', async () => {
    const data = randomBytes(1000);
    const partCrc = await sdkChecksum('crc32c', data);
    assert.notEqual(compositeChecksum('crc32c', [partCrc.toString('hex')]), `${partCrc.toString('base64')}-1`);
  });

  it('refuses no parts, a digest of the wrong length, and CRC-64/NVME', () => {
    assert.throws(() => compositeChecksum('sha256', []), RangeError);
    assert.throws(() => compositeChecksum('crc32', ['00000000', '0000']), RangeError);
    assert.throws(() => compositeChecksum('sha1', ['zz'.repeat(20)]), RangeError);
    assert.throws(() => compositeChecksum('crc64nvme' as CompositeChecksumAlgorithm, ['0'.repeat(16)]), RangeError);
  });
});

describe('fullObjectChecksum', () => {
  for (const algorithm of fullObjectAlgorithms) {
    it(`equals the AWS SDK's ${algorithm} of the concatenated data for random splits with empty and 1-byte parts`, async () => {
      for (let round = 0; round < 10; round++) {
        const data = randomBytes(Math.floor(Math.random() * 300_000));
        const parts = randomSplit(data);
        const expected = (await sdkChecksum(algorithm, data)).toString('base64');
        assert.equal(fullObjectChecksum(algorithm, partDigests(algorithm, parts)), expected, `${parts.length} parts`);
      }
    });
  }

  it('gives the CRC of "123456789" from parts "1234" and "56789", without a suffix', () => {
    assert.equal(fullObjectChecksum('crc32', partDigests('crc32', [Buffer.from('1234'), Buffer.from('56789')])), 'y/Q5Jg==');
  });

  it('refuses SHA algorithms and digests of the wrong length', () => {
    assert.throws(() => fullObjectChecksum('sha256' as FullObjectChecksumAlgorithm, []), RangeError);
    assert.throws(() => fullObjectChecksum('crc64nvme', [{ digestHex: '00000000', size: 1 }]), RangeError);
  });
});

describe('multipartEtag', () => {
  it('is the hex MD5 of the concatenated raw part MD5s with the part count', () => {
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    // Value computed independently with Python's hashlib.
    assert.equal(multipartEtag([md5('a'), md5('b')]), '96e024ba2074fe77e8e965ba43a704be-2');
  });

  it('matches an independent computation for many parts, upper-case hex accepted', () => {
    const md5s = Array.from({ length: 10_000 }, () => randomBytes(16));
    const expected = `${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-10000`;
    assert.equal(multipartEtag(md5s.map((m) => m.toString('hex').toUpperCase())), expected);
  });

  it('refuses no parts and a value that is not an MD5', () => {
    assert.throws(() => multipartEtag([]), RangeError);
    assert.throws(() => multipartEtag(['"d41d8cd98f00b204e9800998ecf8427e"']), RangeError);
  });
});

describe('combinedCrc64Ecma', () => {
  it('gives the OSS decimal CRC-64 of "123456789" from parts "1234" and "56789"', () => {
    assert.equal(combinedCrc64Ecma(partDigests('crc64ecma', [Buffer.from('1234'), Buffer.from('56789')])), '11051210869376104954');
  });

  it('equals the CRC-64/XZ of the concatenated data for random splits', () => {
    const data = randomBytes(250_000);
    const whole = createDigester(['crc64ecma']);
    whole.update(data);
    const expected = BigInt(`0x${whole.digest().crc64ecma!}`).toString(10);
    for (let round = 0; round < 10; round++) {
      assert.equal(combinedCrc64Ecma(partDigests('crc64ecma', randomSplit(data))), expected);
    }
  });

  it('gives "0" for an object of no parts or only empty parts', () => {
    assert.equal(combinedCrc64Ecma([]), '0');
    assert.equal(combinedCrc64Ecma([{ digestHex: '0000000000000000', size: 0 }]), '0');
  });
});

describe('supportsMultipartChecksumType', () => {
  it('allows COMPOSITE for CRC-32, CRC-32C, SHA-1, SHA-256 and FULL_OBJECT for the CRCs only', () => {
    assert.deepEqual(
      (['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const).map((a) => [
        supportsMultipartChecksumType(a, 'composite'),
        supportsMultipartChecksumType(a, 'full-object'),
      ]),
      [
        [true, true],
        [true, true],
        [false, true],
        [true, false],
        [true, false],
      ],
    );
  });
});
