import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc64ToHex, crc64ecma } from '../../../core/checksums/index.js';
import { coreEtag, crc64Header, ossEtag, ossTimestamp } from './object-headers.js';
import { ossStorageClassName, parseOssStorageClass } from './storage-class.js';

describe('x-oss-hash-crc64ecma', () => {
  it('is the CRC-64/XZ in unsigned decimal (Go SDK v2 vectors)', () => {
    const header = (s: string) => crc64Header({ crc64ecma: crc64ToHex(crc64ecma(Buffer.from(s), 0n)) })['x-oss-hash-crc64ecma'];
    assert.equal(header('123456789'), '11051210869376104954');
    assert.equal(header('This is a test of the emergency broadcast system.'), BigInt('0x27DB187FC15BBC72').toString(10));
    assert.equal(header(''), '0');
  });

  it('is left out when the object has no CRC-64 (written through S3)', () => {
    assert.deepEqual(crc64Header({ md5: 'd41d8cd98f00b204e9800998ecf8427e' }), {});
  });
});

describe('OSS wire forms', () => {
  it('quotes ETags in upper case and reads them back in the core’s form', () => {
    assert.equal(ossEtag('5b3c1a2e053d763e1b002cc607c5a0fe-3'), '"5B3C1A2E053D763E1B002CC607C5A0FE-3"');
    assert.equal(coreEtag('"5B3C1A2E053D763E1B002CC607C5A0FE"'), '5b3c1a2e053d763e1b002cc607c5a0fe');
  });

  it('writes XML times with .000Z, as oss2 requires', () => {
    assert.equal(ossTimestamp(Date.UTC(2012, 1, 23, 4, 18, 23, 456)), '2012-02-23T04:18:23.000Z');
  });

  it('maps the five OSS storage classes onto the core’s and refuses others', () => {
    for (const name of ['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive']) {
      const core = parseOssStorageClass(name);
      assert.ok(core !== undefined);
      assert.equal(ossStorageClassName(core), name);
    }
    assert.equal(parseOssStorageClass('IA'), 'infrequent-access');
    assert.throws(() => parseOssStorageClass('STANDARD_IA'));
  });
});
