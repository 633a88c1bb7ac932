import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { TreeHasher, treeHashFromHashes, treeHashLeafSize } from './tree-hash.js';

const MiB = treeHashLeafSize;

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

function treeHashOf(data: Uint8Array, chunkSize = data.length || 1): string {
  const hasher = new TreeHasher();
  for (let offset = 0; offset < data.length; offset += chunkSize) hasher.update(data.subarray(offset, offset + chunkSize));
  return hasher.digest();
}

/** The algorithm as the Glacier guide states it: hash 1 MiB leaves, then pair level by level. */
function naiveTreeHash(data: Uint8Array): string {
  let level: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += MiB) level.push(sha256(data.subarray(offset, offset + MiB)));
  if (level.length === 0) level.push(sha256(new Uint8Array(0)));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i]!;
      const right = level[i + 1];
      next.push(right === undefined ? left : sha256(Buffer.concat([left, right])));
    }
    level = next;
  }
  return level[0]!.toString('hex');
}

/** The multipart vector's payload: byte i = (7i + 3) mod 251. */
function patterned(length: number): Buffer {
  const data = Buffer.alloc(length);
  for (let i = 0; i < length; i++) data[i] = (7 * i + 3) % 251;
  return data;
}

function partTreeHashes(data: Uint8Array, partSize: number): Buffer[] {
  const hashes: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += partSize) {
    hashes.push(Buffer.from(treeHashOf(data.subarray(offset, offset + partSize)), 'hex'));
  }
  return hashes;
}

const vectors: { name: string; data: () => Uint8Array; treeHash: string }[] = [
  { name: 'empty', data: () => new Uint8Array(0), treeHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { name: '"a"', data: () => Buffer.from('a'), treeHash: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb' },
  {
    name: '1 MiB of 0x61',
    data: () => Buffer.alloc(MiB, 0x61),
    treeHash: '9bc1b2a288b26af7257a36277ae3816a7d4f16e89c1e7e77d0a5c48bad62b360',
  },
  {
    name: '1 MiB + 1 byte of 0x61',
    data: () => Buffer.alloc(MiB + 1, 0x61),
    treeHash: '8dd49bbc6297567fac3852c2deddcdbc57358bc403c10d4f6dc64b143ad9b27b',
  },
  {
    name: '3 MiB + 5 bytes of 0x78',
    data: () => Buffer.alloc(3 * MiB + 5, 0x78),
    treeHash: 'b99aee269ec6c573766cf3de9dea272369ecb6940e467e26fdba47437bd8188a',
  },
  {
    name: '7 MiB of 0x00',
    data: () => Buffer.alloc(7 * MiB),
    treeHash: '091961d52b7a7681230b75c5652a1750690133b6762b02f012513265e80dde30',
  },
];

describe('TreeHasher', () => {
  for (const vector of vectors) {
    it(`gives the Glacier test vector for ${vector.name}, whole and in odd-sized chunks`, () => {
      const data = vector.data();
      assert.equal(treeHashOf(data), vector.treeHash);
      for (const chunkSize of [1_000_003, 65_537, 4096 + 7]) assert.equal(treeHashOf(data, chunkSize), vector.treeHash);
    });
  }

  it('equals the plain SHA-256 for payloads up to one leaf', () => {
    for (const length of [1, 100, MiB - 1, MiB]) {
      const data = randomBytes(length);
      assert.equal(treeHashOf(data), sha256(data).toString('hex'));
    }
  });

  it('agrees with the level-by-level definition for 1 to 17 leaves and ragged last leaves', () => {
    const data = randomBytes(17 * MiB);
    for (let leaves = 1; leaves <= 17; leaves++) {
      for (const tail of [0, 1, 777]) {
        const length = Math.min(data.length, (leaves - 1) * MiB + (tail === 0 ? MiB : tail));
        const slice = data.subarray(0, length);
        assert.equal(treeHashOf(slice, 300_001), naiveTreeHash(slice), `${leaves} leaves, tail ${tail}`);
      }
    }
  });

  it('returns the same digest when asked twice, and refuses more data after it', () => {
    const hasher = new TreeHasher().update(Buffer.from('abc'));
    assert.equal(hasher.digest(), hasher.digest());
    assert.throws(() => hasher.update(Buffer.from('d')));
  });
});

describe('treeHashFromHashes', () => {
  it('builds the payload tree hash from its leaf hashes', () => {
    const data = randomBytes(5 * MiB + 99);
    const leaves = partTreeHashes(data, MiB);
    assert.equal(treeHashFromHashes(leaves).toString('hex'), treeHashOf(data));
  });

  it('returns a single hash unchanged', () => {
    const only = sha256(Buffer.from('x'));
    assert.deepEqual(treeHashFromHashes([only]), only);
  });

  it('gives the Glacier multipart vector from the tree hashes of 2 MiB parts', () => {
    const data = patterned(7 * MiB + 123);
    const whole = '648e17872ee3e858635526cdc4d47e30aba397dd9c368bf9610786b9a3006ba7';
    assert.equal(treeHashOf(data), whole);
    assert.equal(treeHashFromHashes(partTreeHashes(data, 2 * MiB)).toString('hex'), whole);
  });

  it('does not give the whole tree hash from 3 MiB parts, which is why Glacier parts are 1 MiB x 2^k', () => {
    const data = patterned(7 * MiB + 123);
    const fromParts = treeHashFromHashes(partTreeHashes(data, 3 * MiB)).toString('hex');
    assert.equal(fromParts, '100cd349df9800624888b60e45d11296174eba2bb84651ed60ac762d13e277a9');
    assert.notEqual(fromParts, treeHashOf(data));
  });

  it('gives the archive tree hash from part tree hashes for parts of 1, 2, 4 and 8 MiB and any archive size', () => {
    const data = randomBytes(19 * MiB);
    for (const partSize of [MiB, 2 * MiB, 4 * MiB, 8 * MiB]) {
      for (const length of [1, partSize, partSize + 1, 3 * partSize - 1, 19 * MiB - 5, 19 * MiB]) {
        const slice = data.subarray(0, length);
        const fromParts = treeHashFromHashes(partTreeHashes(slice, partSize)).toString('hex');
        assert.equal(fromParts, naiveTreeHash(slice), `part size ${partSize / MiB} MiB, length ${length}`);
      }
    }
  });

  it('refuses an empty list and values that are not 32 bytes', () => {
    assert.throws(() => treeHashFromHashes([]), RangeError);
    assert.throws(() => treeHashFromHashes([new Uint8Array(31)]), RangeError);
  });
});
