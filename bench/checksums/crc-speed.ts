// Throughput of Cairn's digests over 64 MiB of random data, node's MD5 in the same run as the baseline.
// Run: npx tsc -p tsconfig.json && node dist/bench/checksums/crc-speed.js [--mib N] [--runs N]
import { createHash } from 'node:crypto';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Crc32cJs, Crc64NvmeJs } from '@aws-sdk/checksums/crc';
import { crc32Portable } from '../../src/core/checksums/crc32.js';
import {
  TreeHasher,
  combinedCrc64Ecma,
  crc32,
  crc32c,
  crc64ecma,
  crc64nvme,
  createDigester,
  fullObjectChecksum,
  type PartDigest,
} from '../../src/core/checksums/index.js';

const { values } = parseArgs({ options: { mib: { type: 'string', default: '64' }, runs: { type: 'string', default: '5' } } });
const size = Number(values.mib) * 1024 * 1024;
const runs = Number(values.runs);
const data = randomBytes(size);
/** Request bodies arrive in chunks; 64 KiB is what node's http parser and fs streams typically hand over. */
const chunkSize = 64 * 1024;

type Feed = (chunk: Uint8Array) => void;
interface Case {
  name: string;
  /** A fresh computation: a feed for the chunks and a finish that produces the result. */
  start: () => { feed: Feed; finish: () => unknown };
}

function running32(update: (chunk: Uint8Array, crc?: number) => number): Case['start'] {
  return () => {
    let crc = 0;
    return { feed: (chunk) => void (crc = update(chunk, crc)), finish: () => crc };
  };
}
function running64(update: (chunk: Uint8Array, crc?: bigint) => bigint): Case['start'] {
  return () => {
    let crc = 0n;
    return { feed: (chunk) => void (crc = update(chunk, crc)), finish: () => crc };
  };
}
function hashing(make: () => { update(chunk: Uint8Array): unknown; digest(): unknown }): Case['start'] {
  return () => {
    const hasher = make();
    return { feed: (chunk) => void hasher.update(chunk), finish: () => hasher.digest() };
  };
}

const cases: Case[] = [
  { name: 'md5 (node:crypto, baseline)', start: hashing(() => createHash('md5')) },
  { name: 'sha256 (node:crypto)', start: hashing(() => createHash('sha256')) },
  { name: 'crc32 (node:zlib)', start: running32(crc32) },
  { name: 'crc32 (our tables, fallback)', start: running32(crc32Portable) },
  { name: 'crc32c', start: running32(crc32c) },
  { name: 'crc64nvme', start: running64(crc64nvme) },
  { name: 'crc64ecma (CRC-64/XZ)', start: running64(crc64ecma) },
  { name: 'sha256-tree (Glacier)', start: hashing(() => new TreeHasher()) },
  { name: 'digester md5+crc32c', start: hashing(() => createDigester(['md5', 'crc32c'])) },
  { name: 'digester md5+crc64nvme+crc64ecma', start: hashing(() => createDigester(['md5', 'crc64nvme', 'crc64ecma'])) },
  { name: 'AWS SDK Crc32cJs (for comparison)', start: hashing(() => new Crc32cJs()) },
  { name: 'AWS SDK Crc64NvmeJs (for comparison)', start: hashing(() => new Crc64NvmeJs()) },
];

async function bestSeconds(run: () => Promise<void> | void): Promise<number> {
  await run(); // warm-up: let V8 optimise before timing
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

function mbPerSecond(seconds: number): string {
  return (size / 1e6 / seconds).toFixed(0).padStart(6);
}

console.log(`${size / 1024 / 1024} MiB of random data, best of ${runs} runs, MB/s = 10^6 bytes per second, node ${process.version}`);
console.log(`${'digest'.padEnd(40)} ${'one call'.padStart(9)} ${'64 KiB chunks'.padStart(14)}`);
for (const { name, start } of cases) {
  const whole = await bestSeconds(async () => {
    const { feed, finish } = start();
    feed(data);
    await finish();
  });
  const chunked = await bestSeconds(async () => {
    const { feed, finish } = start();
    for (let offset = 0; offset < size; offset += chunkSize) feed(data.subarray(offset, offset + chunkSize));
    await finish();
  });
  console.log(`${name.padEnd(40)} ${mbPerSecond(whole).padStart(9)} ${mbPerSecond(chunked).padStart(14)}`);
}

// Complete-time work: combining the stored CRCs of a 10,000-part upload (5 MiB parts, a short last one).
const partCount = 10_000;
const parts = (hexLength: number): PartDigest[] =>
  Array.from({ length: partCount }, (_, i) => ({
    digestHex: randomBytes(hexLength / 2).toString('hex'),
    size: i === partCount - 1 ? 1234 : 5 * 1024 * 1024,
  }));
const crc32Parts = parts(8);
const crc64Parts = parts(16);
for (const [name, combine] of [
  ['fullObjectChecksum crc32c', () => fullObjectChecksum('crc32c', crc32Parts)],
  ['fullObjectChecksum crc64nvme', () => fullObjectChecksum('crc64nvme', crc64Parts)],
  ['combinedCrc64Ecma', () => combinedCrc64Ecma(crc64Parts)],
] as const) {
  const seconds = await bestSeconds(() => void combine());
  console.log(`${`${name}, ${partCount} parts`.padEnd(40)} ${(seconds * 1000).toFixed(1).padStart(9)} ms`);
}
