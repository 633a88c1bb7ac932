import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

export interface OptionDef {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** For the usage text. */
  readonly help?: string;
  readonly value?: string;
}

export type OptionDefs = Readonly<Record<string, OptionDef>>;

type ValueOf<D extends OptionDef> = D['type'] extends 'boolean'
  ? D['multiple'] extends true
    ? boolean[]
    : boolean
  : D['multiple'] extends true
    ? string[]
    : string;

export type ParsedValues<O extends OptionDefs> = { readonly [K in keyof O]?: ValueOf<O[K]> };

export interface ParsedCommand<O extends OptionDefs> {
  readonly values: ParsedValues<O>;
  readonly positionals: readonly string[];
}

/**
 * util.parseArgs, strict: an unknown flag, a missing value or a stray argument throws a UsageError that
 * carries the command's usage. `positionals` is the number of positional arguments the command takes.
 */
export function parseCommandArgs<O extends OptionDefs>(
  args: readonly string[],
  options: O,
  positionals: { readonly min: number; readonly max: number },
  usage: string,
): ParsedCommand<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, d]) => [
          name,
          { type: d.type, ...(d.short === undefined ? {} : { short: d.short }), ...(d.multiple === true ? { multiple: true } : {}) },
        ]),
      ),
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError(shortMessage(e), usage);
  }
  const n = parsed.positionals.length;
  if (n > positionals.max) throw new UsageError(`unexpected argument '${parsed.positionals[positionals.max] ?? ''}'`, usage);
  if (n < positionals.min) throw new UsageError(n === 0 ? 'missing argument' : 'missing arguments', usage);
  return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals };
}

function shortMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return ((text.split('\n')[0] ?? text).split('. ')[0] ?? text).replace(/\.$/, '');
}

/** `  --name VALUE   help` lines for a usage text. */
export function describeOptions(options: OptionDefs): string {
  const rows = Object.entries(options)
    .filter(([, d]) => d.help !== undefined)
    .map(([name, d]) => [
      `${d.short === undefined ? '    ' : `-${d.short}, `}--${name}${d.type === 'string' ? ` ${d.value ?? 'VALUE'}` : ''}`,
      d.help ?? '',
    ]);
  const width = Math.max(0, ...rows.map((r) => (r[0] ?? '').length));
  return rows.map(([a, b]) => `  ${(a ?? '').padEnd(width)}  ${b}`).join('\n');
}
