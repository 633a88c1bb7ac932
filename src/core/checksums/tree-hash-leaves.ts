import { createHash, type Hash } from 'node:crypto';
import { treeHashLeafSize } from './tree-hash.js';

/**
 * Collects the SHA-256 of every 1 MiB leaf of a stream (32 bytes each), so that the tree hash of any
 * tree-hash-aligned range of it is `treeHashFromHashes` over a slice, without reading the bytes again.
 */
export class TreeHashLeaves {
  #leaf: Hash = createHash('sha256');
  #leafBytes = 0;
  readonly #leaves: Buffer[] = [];

  update(chunk: Uint8Array): this {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(treeHashLeafSize - this.#leafBytes, chunk.length - offset);
      this.#leaf.update(chunk.subarray(offset, offset + take));
      this.#leafBytes += take;
      offset += take;
      if (this.#leafBytes === treeHashLeafSize) this.#finishLeaf();
    }
    return this;
  }

  /** The leaf digests concatenated; an empty stream has the one leaf SHA-256(""). */
  leaves(): Buffer {
    if (this.#leafBytes > 0 || this.#leaves.length === 0) this.#finishLeaf();
    return Buffer.concat(this.#leaves);
  }

  #finishLeaf(): void {
    this.#leaves.push(this.#leaf.digest());
    this.#leaf = createHash('sha256');
    this.#leafBytes = 0;
  }
}

/** Splits concatenated leaf digests into 32-byte hashes [from, to). */
export function leafSlice(leaves: Buffer, from: number, to: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = from; i < to; i++) out.push(leaves.subarray(i * 32, i * 32 + 32));
  return out;
}
