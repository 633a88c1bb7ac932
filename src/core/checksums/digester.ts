import { createHash } from 'node:crypto';
import type { DigestName, Digests } from '../types.js';
import { crc32 } from './crc32.js';
import { crc32c } from './crc32c.js';
import { crc64ecma, crc64nvme } from './crc64.js';
import { crc32ToHex, crc64ToHex } from './encoding.js';
import type { Crc32Update } from './reflected-crc32.js';
import type { Crc64Update } from './reflected-crc64.js';
import { TreeHasher } from './tree-hash.js';

/** Computes several digests in one pass over a stream of chunks. */
export interface Digester {
  update(chunk: Uint8Array): void;
  /** The requested digests as lowercase hex; the same object if asked again. No update may follow. */
  digest(): Digests;
}

interface RunningDigest {
  update(chunk: Uint8Array): void;
  hex(): string;
}

const runningDigests = {
  md5: () => nodeHash('md5'),
  sha1: () => nodeHash('sha1'),
  sha256: () => nodeHash('sha256'),
  crc32: () => runningCrc32(crc32),
  crc32c: () => runningCrc32(crc32c),
  crc64nvme: () => runningCrc64(crc64nvme),
  crc64ecma: () => runningCrc64(crc64ecma),
  'sha256-tree': () => {
    const hasher = new TreeHasher();
    return {
      update(chunk) {
        hasher.update(chunk);
      },
      hex: () => hasher.digest(),
    };
  },
} as const satisfies Record<DigestName, () => RunningDigest>;

export function createDigester(names: readonly DigestName[]): Digester {
  const running = [...new Set(names)].map((name) => {
    const make = runningDigests[name] as (() => RunningDigest) | undefined;
    if (make === undefined) throw new RangeError(`unknown digest ${JSON.stringify(name)}`);
    return { name, digest: make() };
  });
  let result: Digests | undefined;
  return {
    update(chunk) {
      if (result !== undefined) throw new Error('Digester: update after digest');
      for (const { digest } of running) digest.update(chunk);
    },
    digest() {
      if (result === undefined) {
        const digests: Digests = {};
        for (const { name, digest } of running) digests[name] = digest.hex();
        result = Object.freeze(digests);
      }
      return result;
    },
  };
}

function nodeHash(algorithm: 'md5' | 'sha1' | 'sha256'): RunningDigest {
  const hash = createHash(algorithm);
  return {
    update(chunk) {
      hash.update(chunk);
    },
    hex: () => hash.digest('hex'),
  };
}

function runningCrc32(update: Crc32Update): RunningDigest {
  let crc = 0;
  return {
    update(chunk) {
      crc = update(chunk, crc);
    },
    hex: () => crc32ToHex(crc),
  };
}

function runningCrc64(update: Crc64Update): RunningDigest {
  let crc = 0n;
  return {
    update(chunk) {
      crc = update(chunk, crc);
    },
    hex: () => crc64ToHex(crc),
  };
}
