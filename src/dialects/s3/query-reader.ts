import { StorageError } from '../../core/errors.js';
import type { EncodingType } from './endpoint.js';

const INT32_MAX = 2_147_483_647;

/**
 * Typed access to the decoded query parameters of one request. A parameter the router reads may be
 * given once: two values for the same name would let the policy check and the handler disagree.
 */
export class QueryReader {
  private readonly values = new Map<string, string[]>();

  constructor(query: readonly (readonly [string, string])[]) {
    for (const [name, value] of query) {
      const list = this.values.get(name);
      if (list === undefined) this.values.set(name, [value]);
      else list.push(value);
    }
  }

  names(): IterableIterator<string> {
    return this.values.keys();
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** The value ('' for a parameter without '='), undefined when absent. */
  get(name: string): string | undefined {
    const list = this.values.get(name);
    if (list === undefined) return undefined;
    if (list.length > 1) {
      throw invalidArgument(`Query parameter ${name} may be given only once.`, name, list.join(','));
    }
    return list[0];
  }

  /** Like get, but an empty value counts as absent (S3 treats `delimiter=` as no delimiter). */
  optional(name: string): string | undefined {
    const value = this.get(name);
    return value === '' ? undefined : value;
  }

  /** versionId: absent, or a non-empty string. */
  versionId(): string | undefined {
    const value = this.get('versionId');
    if (value === '') throw invalidArgument('Version id cannot be the empty string', 'versionId', '');
    return value;
  }

  encodingType(): EncodingType | undefined {
    const value = this.get('encoding-type');
    if (value === undefined) return undefined;
    if (value !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', value);
    return value;
  }

  /** A list size (max-keys, max-uploads, max-parts): 0..2^31-1 accepted, capped at `cap`. */
  listLimit(name: string, label: string, cap: number): number {
    const value = this.int(name, label, 0, INT32_MAX);
    return value === undefined ? cap : Math.min(value, cap);
  }

  /**
   * An integer argument. Text that is not an integer, or does not fit 32 bits, gets S3's "Provided ...
   * not an integer" message; an integer outside [min, max] gets "Argument ... must be an integer
   * between"; `label` is the name S3 uses in that second message (maxKeys for max-keys).
   */
  int(name: string, label: string, min: number, max: number): number | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const value = /^-?[0-9]{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || Math.abs(value) > INT32_MAX) {
      throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, raw);
    }
    if (value < min || value > max) {
      throw invalidArgument(`Argument ${label} must be an integer between ${min} and ${max}`, name, raw);
    }
    return value;
  }

  /** partNumber of UploadPart, UploadPartCopy, GetObject and HeadObject. */
  partNumber(): number | undefined {
    const raw = this.get('partNumber');
    if (raw === undefined) return undefined;
    const value = /^[0-9]{1,5}$/.test(raw) ? Number(raw) : 0;
    if (value < 1 || value > 10_000) {
      throw invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', raw);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw invalidArgument(`Invalid value for ${name}, expected true or false`, name, raw);
  }
}

export function invalidArgument(message: string, name: string, value: string): StorageError {
  return new StorageError('InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
}

/** `{ [name]: value }`, or `{}` when the value is absent: spreads optional fields under exactOptionalPropertyTypes. */
export function present<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}
