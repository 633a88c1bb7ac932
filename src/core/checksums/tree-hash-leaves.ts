import { LeafSplitter } from './tree-hash.js';

/**
 * Collects the SHA-256 of every 1 MiB leaf of a stream (32 bytes each), so that the tree hash of any
 * tree-hash-aligned range of it is `treeHashFromHashes` over a slice, without reading the bytes again.
 */
export class TreeHashLeaves {
  readonly #leaves: Buffer[] = [];
  readonly #splitter = new LeafSplitter((leaf) => this.#leaves.push(leaf));

  update(chunk: Uint8Array): this {
    this.#splitter.update(chunk);
    return this;
  }

  /** The leaf digests concatenated; an empty stream has the one leaf SHA-256(""). Call once, at the end. */
  leaves(): Buffer {
    this.#splitter.finish();
    return Buffer.concat(this.#leaves);
  }
}

/** Splits concatenated leaf digests into 32-byte hashes [from, to). */
export function leafSlice(leaves: Buffer, from: number, to: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = from; i < to; i++) out.push(leaves.subarray(i * 32, i * 32 + 32));
  return out;
}
