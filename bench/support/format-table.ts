import type { Figure } from './figure.js';

/** A short human table of the figures: one row each, target and whether it is met. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.bench,
    f.metric,
    `${f.value} ${f.unit}`,
    f.baseline === null ? '' : `${f.baseline} ${f.unit}`,
    f.ratio === null ? '' : `${f.ratio}x`,
    f.target ?? '',
    f.met === null ? '' : f.met ? 'met' : 'MISSED',
  ]);
  const header = ['bench', 'figure', 'value', 'baseline', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
