import { treeHashLeafSize } from '../../core/checksums/index.js';

const MiB = treeHashLeafSize;

/** Starts on a 1 MiB boundary and ends on one or at the archive's last byte (inclusive `end`). */
export function isMegabyteAligned(start: number, end: number, size: number): boolean {
  return start % MiB === 0 && ((end + 1) % MiB === 0 || end === size - 1) && start <= end && end < size;
}

/**
 * The range's own tree is a subtree of the archive's: in 1 MiB leaves, it starts at a multiple of some
 * 2^L and spans 2^L leaves, or runs from there to the archive's last leaf.
 */
export function isTreeHashAligned(start: number, end: number, size: number): boolean {
  if (!isMegabyteAligned(start, end, size)) return false;
  const leaves = Math.ceil(size / MiB);
  const s = start / MiB;
  const e = end === size - 1 ? leaves : (end + 1) / MiB;
  for (let span = 1; s % span === 0; span *= 2) {
    if (e === Math.min(s + span, leaves)) return true;
    if (s + span >= leaves) return false;
  }
  return false;
}
