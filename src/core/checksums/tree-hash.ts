import { createHash, type Hash } from 'node:crypto';

/** Glacier hashes its payloads in leaves of 1 MiB. */
export const treeHashLeafSize = 1024 * 1024;

const sha256Length = 32;

/** Cuts a stream into 1 MiB leaves and hands each leaf's SHA-256 to `onLeaf` as it completes. */
export class LeafSplitter {
  #leaf: Hash = createHash('sha256');
  #leafBytes = 0;
  #leaves = 0;

  constructor(private readonly onLeaf: (digest: Buffer) => void) {}

  update(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(treeHashLeafSize - this.#leafBytes, chunk.length - offset);
      this.#leaf.update(chunk.subarray(offset, offset + take));
      this.#leafBytes += take;
      offset += take;
      if (this.#leafBytes === treeHashLeafSize) this.#finishLeaf();
    }
  }

  /** Ends the last, shorter leaf; an empty stream has the one leaf SHA-256(""). */
  finish(): void {
    if (this.#leafBytes > 0 || this.#leaves === 0) this.#finishLeaf();
  }

  #finishLeaf(): void {
    this.onLeaf(this.#leaf.digest());
    this.#leaf = createHash('sha256');
    this.#leafBytes = 0;
    this.#leaves++;
  }
}

/**
 * Glacier's SHA-256 tree hash, computed while the bytes stream past. It keeps no payload bytes at all: one
 * running SHA-256 for the current leaf, and the roots of the finished perfect subtrees (at most one per
 * power of two, so about log2 of the leaf count).
 */
export class TreeHasher {
  readonly #splitter = new LeafSplitter((leaf) => this.#addLeaf(leaf));
  /** Roots of finished perfect subtrees, left to right, with strictly decreasing leaf counts. */
  readonly #subtrees: { root: Buffer; leaves: number }[] = [];
  #result: string | undefined;

  update(chunk: Uint8Array): this {
    if (this.#result !== undefined) throw new Error('TreeHasher: update after digest');
    this.#splitter.update(chunk);
    return this;
  }

  /** Lowercase hex of the root. An empty payload hashes to SHA-256 of nothing, as botocore computes it. */
  digest(): string {
    if (this.#result === undefined) {
      this.#splitter.finish();
      // Folding the subtrees from the right gives the level-by-level tree, where a lone last node is promoted.
      let root = this.#subtrees[this.#subtrees.length - 1]!.root;
      for (let i = this.#subtrees.length - 2; i >= 0; i--) root = hashPair(this.#subtrees[i]!.root, root);
      this.#result = root.toString('hex');
    }
    return this.#result;
  }

  #addLeaf(leaf: Buffer): void {
    this.#subtrees.push({ root: leaf, leaves: 1 });
    for (;;) {
      const right = this.#subtrees[this.#subtrees.length - 1]!;
      const left = this.#subtrees[this.#subtrees.length - 2];
      if (left === undefined || left.leaves !== right.leaves) break;
      this.#subtrees.splice(-2, 2, { root: hashPair(left.root, right.root), leaves: left.leaves * 2 });
    }
  }
}

/**
 * The root of the tree over `hashes` (raw 32-byte SHA-256 values, left to right): pairs hashed level by
 * level, a lone last node promoted unchanged. From leaf hashes this is the tree hash of the payload; from
 * the tree hashes of parts that are each 1 MiB × 2^k (all but the last of one size), it is the tree hash of
 * the whole archive, because each such part is exactly one subtree of the archive's tree.
 */
export function treeHashFromHashes(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) throw new RangeError('a tree hash needs at least one hash');
  let level: Buffer[] = hashes.map((hash) => {
    if (hash.length !== sha256Length) throw new RangeError(`not a SHA-256 value: ${hash.length} bytes`);
    return Buffer.from(hash);
  });
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashPair(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

function hashPair(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(left).update(right).digest();
}
