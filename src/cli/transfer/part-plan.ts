export const MiB = 1024 * 1024;
export const MAX_PARTS = 10_000;

/** The part size to use for `size` bytes: at least the one asked for, large enough for at most 10,000 parts. */
export function choosePartSize(size: number, wanted: number): number {
  const needed = Math.ceil(size / MAX_PARTS);
  return needed <= wanted ? wanted : Math.ceil(needed / MiB) * MiB;
}

/** Byte range [start, end) of part `n` (1-based). */
export function partRange(n: number, partSize: number, size: number): [number, number] {
  const start = (n - 1) * partSize;
  return [start, Math.min(size, start + partSize)];
}

export function partCount(size: number, partSize: number): number {
  return Math.max(1, Math.ceil(size / partSize));
}

/**
 * Runs `task` for every item with at most `concurrency` at once; the first failure stops new tasks
 * and is thrown once the running ones have settled.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && signal?.aborted !== true && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
