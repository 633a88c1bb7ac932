import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { DigestName, Digests } from '../types.js';
import {
  combinedCrc64Ecma,
  crc64HexToDecimal,
  createDigester,
  fullObjectChecksum,
  hexToBase64,
  multipartEtag,
  treeHashFromHashes,
  treeHashLeafSize,
} from './index.js';

const names: readonly DigestName[] = ['md5', 'crc32', 'crc32c', 'crc64nvme', 'crc64ecma', 'sha256-tree'];

function digestsOf(data: Uint8Array): Digests {
  const digester = createDigester(names);
  for (let offset = 0; offset < data.length; offset += 65_536) digester.update(data.subarray(offset, offset + 65_536));
  return digester.digest();
}

describe('checksums public API', () => {
  it("derives a multipart object's whole-object digests from the digests stored with its parts", () => {
    const partSize = 2 * treeHashLeafSize;
    const data = randomBytes(2 * partSize + 12_345);
    const parts = [0, partSize, 2 * partSize].map((offset) => data.subarray(offset, offset + partSize));
    const stored = parts.map((part) => ({ size: part.length, digests: digestsOf(part) }));
    const whole = digestsOf(data);

    for (const algorithm of ['crc32', 'crc32c', 'crc64nvme'] as const) {
      const partDigests = stored.map((p) => ({ digestHex: p.digests[algorithm]!, size: p.size }));
      assert.equal(fullObjectChecksum(algorithm, partDigests), hexToBase64(whole[algorithm]!), algorithm);
    }
    const ecma = stored.map((p) => ({ digestHex: p.digests.crc64ecma!, size: p.size }));
    assert.equal(combinedCrc64Ecma(ecma), crc64HexToDecimal(whole.crc64ecma!));
    const treeHashes = stored.map((p) => Buffer.from(p.digests['sha256-tree']!, 'hex'));
    assert.equal(treeHashFromHashes(treeHashes).toString('hex'), whole['sha256-tree']);
    assert.match(multipartEtag(stored.map((p) => p.digests.md5!)), /^[0-9a-f]{32}-3$/);
  });
});
