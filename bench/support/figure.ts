/** One reported number: a measurement, what it is compared with, and the target it must meet. */
export interface Figure {
  readonly bench: string;
  readonly metric: string;
  /** Median of the runs. */
  readonly value: number;
  readonly unit: string;
  /** The reference measured in the same run (median), or null for an absolute target. */
  readonly baseline: number | null;
  /** value / baseline, or null without a baseline. */
  readonly ratio: number | null;
  /** Human-readable target, e.g. ">= 0.9x" or "< 1000 ms"; null for a figure shown for context only. */
  readonly target: string | null;
  /** Whether the target is met; null without a target. */
  readonly met: boolean | null;
  /** Every run's value, in order (the median of these is `value`). */
  readonly samples: readonly number[];
  readonly baselineSamples?: readonly number[];
  readonly note?: string;
}

export type Check =
  | { readonly kind: 'ratio-at-least'; readonly min: number }
  | { readonly kind: 'ratio-between'; readonly min: number; readonly max: number }
  | { readonly kind: 'value-below'; readonly max: number }
  | { readonly kind: 'none' };

export interface FigureInput {
  readonly bench: string;
  readonly metric: string;
  readonly unit: string;
  readonly samples: readonly number[];
  readonly baselineSamples?: readonly number[];
  readonly check: Check;
  readonly note?: string;
}

/** Builds a figure from per-run samples: medians, the ratio, and whether the check passes. */
export function figure(input: FigureInput): Figure {
  const value = round(median(input.samples));
  const baseline = input.baselineSamples === undefined ? null : round(median(input.baselineSamples));
  const ratio = baseline === null || baseline === 0 ? null : round(value / baseline);
  const { target, met } = evaluate(input.check, value, ratio, input.unit);
  return {
    bench: input.bench,
    metric: input.metric,
    value,
    unit: input.unit,
    baseline,
    ratio,
    target,
    met,
    samples: input.samples.map(round),
    ...(input.baselineSamples === undefined ? {} : { baselineSamples: input.baselineSamples.map(round) }),
    ...(input.note === undefined ? {} : { note: input.note }),
  };
}

function evaluate(check: Check, value: number, ratio: number | null, unit: string): { target: string | null; met: boolean | null } {
  switch (check.kind) {
    case 'ratio-at-least':
      return { target: `ratio >= ${check.min}`, met: ratio !== null && ratio >= check.min };
    case 'ratio-between':
      return { target: `${check.min} <= ratio <= ${check.max}`, met: ratio !== null && ratio >= check.min && ratio <= check.max };
    case 'value-below':
      return { target: `< ${check.max} ${unit}`, met: value < check.max };
    case 'none':
      return { target: null, met: null };
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Three significant decimals at most: the machine is not more precise than that. */
function round(n: number): number {
  if (!Number.isFinite(n)) return n;
  const digits = Math.abs(n) >= 100 ? 1 : Math.abs(n) >= 1 ? 2 : 4;
  return Number(n.toFixed(digits));
}
