// A stacked bar chart in plain SVG (no chart library): one bar per period, one segment per series.
// Colours come from the stylesheet (series-N classes), so the page needs no inline style.
import { useId } from 'preact/hooks';

export interface Series {
  readonly id: string;
  readonly label: string;
  readonly values: readonly number[];
}

export function StackedBars({
  title,
  labels,
  series,
  format,
}: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  format: (v: number) => string;
}) {
  const id = useId();
  const W = 760;
  const H = 260;
  const left = 74;
  const bottom = 28;
  const top = 10;
  const n = labels.length;
  const totals = labels.map((_, i) => series.reduce((s, x) => s + (x.values[i] ?? 0), 0));
  const max = Math.max(...totals, 0);
  const scale = max === 0 ? 0 : (H - bottom - top) / max;
  const slot = (W - left - 8) / Math.max(1, n);
  const bar = Math.max(2, slot * 0.7);
  const ticks = max === 0 ? [0] : [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const every = Math.max(1, Math.ceil(n / 8));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>
          {labels.length > 0 ? `${labels[0]} to ${labels[labels.length - 1]}; highest ${format(max)}.` : 'No data.'}
        </desc>
        {ticks.map((t, i) => {
          const y = H - bottom - t * scale;
          return (
            <g key={i} class="tick">
              <line x1={left} x2={W - 4} y1={y} y2={y} />
              <text x={left - 6} y={y + 4} text-anchor="end">
                {format(t)}
              </text>
            </g>
          );
        })}
        {labels.map((label, i) => {
          let y = H - bottom;
          const x = left + i * slot + (slot - bar) / 2;
          return (
            <g key={label}>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                const h = v * scale;
                y -= h;
                return v <= 0 ? null : (
                  <rect key={s.id} class={`series-${k % 10}`} x={x} y={y} width={bar} height={h}>
                    <title>{`${label} · ${s.label}: ${format(v)}`}</title>
                  </rect>
                );
              })}
              {i % every === 0 && (
                <text class="x-label" x={x + bar / 2} y={H - 8} text-anchor="middle">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend">
          {series.map((s, k) => (
            <li key={s.id}>
              <svg width="12" height="12" aria-hidden="true">
                <rect class={`series-${k % 10}`} width="12" height="12" />
              </svg>{' '}
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
