import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { isMegabyteAligned, isTreeHashAligned } from './tree-hash-range.js';

const MiB = 1024 * 1024;

/** The definition: the root of the range's own tree is a node of the archive's tree (leaves labelled by index). */
function alignedByDefinition(start: number, end: number, size: number): boolean {
  if (!isMegabyteAligned(start, end, size)) return false;
  const leaves = Math.ceil(size / MiB);
  const label = (from: number, to: number): string[] => {
    let level = Array.from({ length: to - from }, (_, i) => String(from + i));
    while (level.length > 1) {
      const next: string[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(level[i + 1] === undefined ? level[i]! : `(${level[i]},${level[i + 1]})`);
      level = next;
    }
    return level;
  };
  const nodes = new Set<string>();
  let level = Array.from({ length: leaves }, (_, i) => String(i));
  for (const n of level) nodes.add(n);
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(level[i + 1] === undefined ? level[i]! : `(${level[i]},${level[i + 1]})`);
    for (const n of next) nodes.add(n);
    level = next;
  }
  const s = start / MiB;
  const e = end === size - 1 ? leaves : (end + 1) / MiB;
  return nodes.has(label(s, e)[0]!);
}

describe('tree-hash-aligned ranges', () => {
  it('follows the guide: any range starting at 0, single leaves, and the 2^k rules', () => {
    const size = 7 * MiB + 100;
    assert.equal(isTreeHashAligned(0, size - 1, size), true);
    assert.equal(isTreeHashAligned(0, MiB - 1, size), true);
    assert.equal(isTreeHashAligned(MiB, 2 * MiB - 1, size), true);
    assert.equal(isTreeHashAligned(2 * MiB, 4 * MiB - 1, size), true);
    assert.equal(isTreeHashAligned(MiB, 3 * MiB - 1, size), false, 'an odd start spans one leaf only');
    assert.equal(isTreeHashAligned(4 * MiB, size - 1, size), true, 'the last subtree');
    assert.equal(isTreeHashAligned(6 * MiB, size - 1, size), true);
    assert.equal(isTreeHashAligned(0, 3 * MiB - 1, size), false);
    assert.equal(isTreeHashAligned(10, MiB - 1, size), false, 'not megabyte aligned');
  });

  it('agrees with the definition for every megabyte-aligned range of archives up to 17 MiB', () => {
    for (const size of [1, MiB - 1, MiB, MiB + 1, 3 * MiB, 5 * MiB + 7, 8 * MiB, 13 * MiB + 1, 17 * MiB - 1]) {
      const leaves = Math.ceil(size / MiB);
      for (let s = 0; s < leaves; s++) {
        for (let e = s + 1; e <= leaves; e++) {
          const start = s * MiB;
          const end = e === leaves ? size - 1 : e * MiB - 1;
          assert.equal(isTreeHashAligned(start, end, size), alignedByDefinition(start, end, size), `size ${size} range ${s}-${e}`);
        }
      }
    }
  });

  it('tells megabyte alignment', () => {
    assert.equal(isMegabyteAligned(0, 2 * MiB - 1, 5 * MiB), true);
    assert.equal(isMegabyteAligned(MiB, 5 * MiB - 1, 5 * MiB), true);
    assert.equal(isMegabyteAligned(MiB, 2 * MiB, 5 * MiB), false);
    assert.equal(isMegabyteAligned(1, MiB - 1, 5 * MiB), false);
    assert.equal(isMegabyteAligned(MiB, 3 * MiB + 9, 3 * MiB + 10), true, 'ends at the last byte');
    assert.equal(isMegabyteAligned(0, 5 * MiB, 5 * MiB), false, 'beyond the archive');
    // Keep createHash referenced for readers comparing with the reference's sketch.
    assert.equal(createHash('sha256').update('').digest('hex').length, 64);
  });
});
