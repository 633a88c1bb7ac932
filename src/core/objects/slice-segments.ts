import type { ObjectLayoutPart } from '../ports/metadata-store.js';
import type { Segment } from '../types.js';

/** The blob segments that hold object bytes [start, end]. */
export function sliceSegments(layout: readonly ObjectLayoutPart[], start: number, end: number): Segment[] {
  const out: Segment[] = [];
  for (const part of layout) {
    let segStart = part.offset;
    for (const seg of part.segments) {
      const segEnd = segStart + seg.length - 1;
      if (segEnd >= start && segStart <= end) {
        const from = Math.max(start, segStart);
        const to = Math.min(end, segEnd);
        out.push({ blobId: seg.blobId, blobOffset: seg.blobOffset + (from - segStart), length: to - from + 1 });
      }
      segStart += seg.length;
    }
  }
  return out;
}
