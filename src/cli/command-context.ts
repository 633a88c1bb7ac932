import type { ProgressMode, ProgressSink } from './transfer/progress.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** What a command may touch of the outside world; tests and the real process supply their own. */
export interface CommandContext {
  readonly env: Env;
  /** One line to standard output (data, tables, JSON). */
  readonly out: (line: string) => void;
  /** Text to standard error (messages, the progress bar); no newline added. */
  readonly err: (text: string) => void;
  /** Raw bytes to standard output (cat, cp to '-'). */
  readonly stdout: NodeJS.WritableStream;
  readonly stdinIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly columns: () => number;
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM. */
  readonly signal: AbortSignal;
  /** Asks a yes/no question on the terminal. */
  readonly ask: (question: string) => Promise<boolean>;
}

export interface Command {
  readonly name: string;
  /** One line for `cairn help`. */
  readonly summary: string;
  /** The full usage text for `cairn help NAME` and usage errors. */
  readonly usage: string;
  readonly run: (args: readonly string[], ctx: CommandContext) => Promise<number>;
}

export function progressMode(
  values: { quiet?: boolean | undefined; json?: boolean | undefined; progress?: string | undefined },
  ctx: CommandContext,
): ProgressMode {
  if (values.json === true) return 'json';
  if (values.quiet === true) return 'quiet';
  if (values.progress === 'plain') return 'plain';
  if (values.progress === 'tty') return 'tty';
  return ctx.stderrIsTTY ? 'tty' : 'plain';
}

export function progressSink(ctx: CommandContext): ProgressSink {
  return { err: ctx.err, out: ctx.out, columns: ctx.columns };
}
