import type { Figure } from './figure.js';

export interface BenchOptions {
  /** Scaled-down smoke version: small sizes, one run. */
  readonly quick: boolean;
  /** Runs per measurement; figures are medians over them. */
  readonly runs: number;
  /** A scratch directory for data dirs; removed at the end. */
  readonly workDir: string;
  /** Node flags for Cairn server processes (e.g. --cpu-prof --cpu-prof-dir=DIR). */
  readonly cairnNodeArgs: readonly string[];
  /** Progress, to standard error. */
  readonly log: (line: string) => void;
}

export interface Benchmark {
  readonly name: string;
  readonly description: string;
  run(options: BenchOptions): Promise<Figure[]>;
}

export const MiB = 1024 * 1024;

/** Decimal megabytes per second, the unit disk and network figures are usually quoted in. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

/** Each run visits the servers in a different order, so that drift on a shared machine spreads evenly. */
export function rotated<T>(items: readonly T[], run: number): T[] {
  const k = run % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
