import type { CaseFamily } from './case.js';
import { adminFamilies } from './cases-admin.js';
import { glacierFamilies } from './cases-glacier.js';
import { ossFamilies } from './cases-oss.js';
import { s3Families } from './cases-s3.js';
import { transportFamilies } from './cases-transport.js';
import type { Dice } from './prng.js';

/**
 * How the server under hostile load runs: small parts allowed (the protected world stays small), no
 * scheduled lifecycle pass (nothing may write on its own while snapshots are compared), and two writer
 * threads whatever the machine (auto is one per core, ~10 MiB each), so the memory target means the same
 * everywhere.
 */
export const hostileServerArgs = ['--min-part-size', '1024', '--lifecycle-interval', '0', '--writer-threads', '2'];

/** Every family of the generator, named `dialect/family`; `only` keeps those whose names start with one of its entries. */
export function hostileFamilies(only: readonly string[] = []): readonly CaseFamily[] {
  return [
    ...s3Families.map((f) => ({ ...f, name: `s3/${f.name}` })),
    ...ossFamilies.map((f) => ({ ...f, name: `oss/${f.name}` })),
    ...glacierFamilies.map((f) => ({ ...f, name: `glacier/${f.name}` })),
    ...adminFamilies.map((f) => ({ ...f, name: `admin/${f.name}` })),
    ...transportFamilies.map((f) => ({ ...f, name: `transport/${f.name}` })),
  ].filter((f) => only.length === 0 || only.some((o) => f.name.startsWith(o)));
}

/** Draws a family, each as often as its weight says. */
export function pickFamily(d: Dice, families: readonly CaseFamily[]): CaseFamily {
  const total = families.reduce((n, f) => n + f.weight, 0);
  let roll = d.int(total);
  for (const f of families) {
    roll -= f.weight;
    if (roll < 0) return f;
  }
  return families.at(-1)!;
}

/** Runs `work` over `items`, `width` at a time. */
export async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}
