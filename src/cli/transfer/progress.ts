import { formatBytes } from '../print-table.js';

export type ProgressMode = 'tty' | 'plain' | 'quiet' | 'json';

export interface ProgressSink {
  /** Standard error for the bar and plain lines. */
  readonly err: (text: string) => void;
  /** Standard output for JSON events. */
  readonly out: (line: string) => void;
  readonly columns: () => number;
}

/** What a transfer reports: bytes moved, and events a script may want (one JSON line each with --json). */
export interface Progress {
  start(total: number, detail?: Record<string, unknown>): void;
  add(bytes: number): void;
  event(name: string, fields: Record<string, unknown>): void;
  /** Ends the bar (a final line) without an event. */
  finish(): void;
  /** The same kind of progress, labelled (upload, download, copy). */
  withLabel(label: string): Progress;
}

const TTY_INTERVAL_MS = 100;
const PLAIN_INTERVAL_MS = 2000;

/**
 * A progress bar with bytes, rate and ETA: on a TTY one line redrawn in place; otherwise a plain line
 * every two seconds; nothing with --quiet; JSON `progress` events with --json.
 */
export function createProgress(mode: ProgressMode, label: string, sink: ProgressSink, now: () => number = Date.now): Progress {
  let total = 0;
  let done = 0;
  let started = now();
  let last = 0;
  let drawn = false;
  let finished = false;
  const rate = () => {
    const s = (now() - started) / 1000;
    return s > 0 ? done / s : 0;
  };
  const line = () => {
    const r = rate();
    const pct = total > 0 ? Math.min(100, (done / total) * 100) : 100;
    const eta = r > 0 && total > done ? Math.ceil((total - done) / r) : 0;
    return {
      pct,
      r,
      eta,
      text: `${formatBytes(done)} / ${formatBytes(total)} (${pct.toFixed(0)}%)  ${formatRate(r)}  ETA ${formatEta(eta)}`,
    };
  };
  const draw = (force: boolean) => {
    if (mode === 'quiet') return;
    const t = now();
    if (!force && t - last < (mode === 'tty' ? TTY_INTERVAL_MS : PLAIN_INTERVAL_MS)) return;
    last = t;
    const l = line();
    if (mode === 'json') {
      sink.out(
        JSON.stringify({ event: 'progress', bytes: done, total, percent: Number(l.pct.toFixed(1)), bytesPerSecond: Math.round(l.r) }),
      );
    } else if (mode === 'plain') {
      sink.err(`${label}: ${l.text}\n`);
    } else {
      const width = Math.max(10, Math.min(30, sink.columns() - label.length - l.text.length - 6));
      const filled = Math.round((l.pct / 100) * width);
      sink.err(`\r\x1b[K${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${l.text}`);
      drawn = true;
    }
  };
  return {
    start(t, detail) {
      total = t;
      started = now();
      if (mode === 'json') sink.out(JSON.stringify({ event: 'start', total, ...detail }));
      draw(true);
    },
    add(bytes) {
      done += bytes;
      draw(false);
    },
    event(name, fields) {
      if (mode === 'json') sink.out(JSON.stringify({ event: name, ...fields }));
    },
    withLabel(l) {
      return createProgress(mode, l, sink, now);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (mode === 'plain' || mode === 'json') draw(true);
      else if (mode === 'tty') {
        draw(true);
        if (drawn) sink.err('\n');
      }
    },
  };
}

function formatRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

function formatEta(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
