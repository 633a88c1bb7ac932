import { StorageError } from '../../core/errors.js';
import type { EncodingType } from './endpoint.js';

/** Reads an OSS request's decoded query parameters, validating them as OSS does. */
export class OssQuery {
  private readonly values = new Map<string, string>();

  constructor(pairs: readonly (readonly [string, string])[]) {
    for (const [k, v] of pairs) if (!this.values.has(k)) this.values.set(k, v);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  names(): IterableIterator<string> {
    return this.values.keys();
  }

  /** The value, or undefined when absent. */
  get(name: string): string | undefined {
    return this.values.get(name);
  }

  /** The value, or undefined when absent or empty (ali-oss sends `key-marker=` for "none"). */
  optional(name: string): string | undefined {
    const v = this.values.get(name);
    return v === undefined || v === '' ? undefined : v;
  }

  /** An integer in [min, max]; values above `clampAbove` are clamped to it (OSS's page sizes). */
  int(name: string, min: number, max: number, fallback: number, clampAbove?: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^\d{1,12}$/.test(raw)) throw invalid(name, raw);
    const n = Number(raw);
    if (clampAbove !== undefined && n > clampAbove) return clampAbove;
    if (n < min || n > max) throw invalid(name, raw);
    return n;
  }

  encodingType(): EncodingType | undefined {
    const raw = this.optional('encoding-type');
    if (raw === undefined) return undefined;
    if (raw.toLowerCase() !== 'url') throw invalid('encoding-type', raw, 'The encoding-type parameter must be url.');
    return 'url';
  }
}

function invalid(name: string, value: string, message = `The ${name} parameter is not valid.`): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}

/** `{ key: value }` when the value is present, `{}` otherwise (exactOptionalPropertyTypes). */
export function present<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
