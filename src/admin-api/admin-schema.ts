import { StorageError } from '../core/errors.js';

/**
 * The admin API's validation primitives. A schema turns one untrusted value (a query parameter's text,
 * or a member of a JSON body) into a typed value, or throws InvalidArgument naming the field and the
 * reason. Nothing is coerced or guessed: a value of the wrong type is refused, never read as "absent".
 */
export interface Schema<T> {
  /** What the field accepts, for messages and docs/admin-api.md ("an integer from 1 to 1000"). */
  readonly accepts: string;
  /** An object schema's member names (for the docs test). */
  readonly members?: readonly string[];
  parse(value: unknown, field: string): T;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;
export type Shape = Readonly<Record<string, Schema<unknown>>>;
export type InferShape<S extends Shape> = { readonly [K in keyof S]: Infer<S[K]> };

export function invalidField(field: string, reason: string, value?: unknown): StorageError {
  return new StorageError('InvalidArgument', `${field}: ${reason}`, {
    ArgumentName: field,
    ...(value === undefined ? {} : { ArgumentValue: preview(value) }),
  });
}

function preview(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? typeName(value));
  } catch {
    // Nested too deep to print (JSON.parse takes depths JSON.stringify cannot): say what it is instead.
    text = typeName(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `undefined` when the field is absent; a present value must satisfy `inner`. JSON null is not absent. */
export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return {
    accepts: `${inner.accepts} (optional)`,
    parse: (value, field) => (value === undefined ? undefined : inner.parse(value, field)),
  };
}

export function required<T>(inner: Schema<T>): Schema<T> {
  return {
    accepts: inner.accepts,
    parse: (value, field) => {
      if (value === undefined) throw new StorageError('MissingParameter', `${field}: is required`, { ArgumentName: field });
      return inner.parse(value, field);
    },
  };
}

/** `inner`, then a check across fields (which throws invalidField itself). */
export function refine<T>(inner: Schema<T>, check: (value: T) => void): Schema<T> {
  return {
    ...inner,
    parse: (value, field) => {
      const parsed = inner.parse(value, field);
      check(parsed);
      return parsed;
    },
  };
}

// --- JSON body members ------------------------------------------------------------------------------

export function jsonString(options: { readonly minLength?: number; readonly maxLength: number }): Schema<string> {
  const min = options.minLength ?? 0;
  const accepts = `a string of ${min} to ${options.maxLength} characters`;
  return {
    accepts,
    parse: (value, field) => {
      if (typeof value !== 'string') throw invalidField(field, `must be ${accepts}, not ${typeName(value)}`, value);
      if (value.length < min || value.length > options.maxLength) throw invalidField(field, `must be ${accepts}`, value);
      return value;
    },
  };
}

export const jsonBoolean: Schema<boolean> = {
  accepts: 'true or false',
  parse: (value, field) => {
    if (typeof value !== 'boolean') throw invalidField(field, `must be true or false, not ${typeName(value)}`, value);
    return value;
  },
};

/** Only the literal `true`: a switch whose absence and whose `false` both mean "not this". */
export const jsonTrue: Schema<true> = {
  accepts: 'true',
  parse: (value, field) => {
    if (value !== true) throw invalidField(field, `must be true when given, not ${preview(value)}`, value);
    return true;
  },
};

/** An ISO 8601 time as a string (a bare date is midnight UTC), as epoch milliseconds. Numbers are refused. */
export const jsonIsoTime: Schema<number> = {
  accepts: 'an ISO 8601 time string such as 2026-01-31T00:00:00Z',
  parse: (value, field) => {
    if (typeof value !== 'string') throw invalidField(field, `must be an ISO 8601 time string, not ${typeName(value)}`, value);
    return isoTime(value, field);
  },
};

export function jsonStringArray(options: {
  readonly minItems: number;
  readonly maxItems: number;
  readonly item: Schema<string>;
}): Schema<string[]> {
  const accepts = `an array of ${options.minItems} to ${options.maxItems} items, each ${options.item.accepts}`;
  return {
    accepts,
    parse: (value, field) => {
      if (!Array.isArray(value)) throw invalidField(field, `must be ${accepts}, not ${typeName(value)}`, value);
      if (value.length < options.minItems || value.length > options.maxItems)
        throw invalidField(field, `must hold ${options.minItems} to ${options.maxItems} items`);
      return value.map((item, i) => options.item.parse(item, `${field}[${i}]`));
    },
  };
}

/** A JSON object with exactly these members (any may be optional); an unknown member is refused, so a typo never widens what a request does. */
export function jsonObject<S extends Shape>(shape: S): Schema<InferShape<S>> {
  return {
    accepts: 'a JSON object',
    members: Object.keys(shape),
    parse: (value, field) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalidField(field, `must be a JSON object, not ${typeName(value)}`, value);
      }
      const record = value as Record<string, unknown>;
      for (const name of Object.keys(record)) {
        if (!Object.hasOwn(shape, name)) {
          const known = Object.keys(shape);
          throw invalidField(
            field === 'body' ? name : `${field}.${name}`,
            `is not a member this endpoint accepts (${known.length === 0 ? 'none' : known.join(', ')})`,
          );
        }
      }
      const out: Record<string, unknown> = {};
      for (const [name, schema] of Object.entries(shape)) {
        out[name] = schema.parse(Object.hasOwn(record, name) ? record[name] : undefined, field === 'body' ? name : `${field}.${name}`);
      }
      return out as InferShape<S>;
    },
  };
}

// --- query parameters (always text) ---------------------------------------------------------------

export function queryInteger(min: number, max: number): Schema<number> {
  const accepts = `an integer from ${min} to ${max}`;
  return {
    accepts,
    parse: (value, field) => {
      const text = String(value);
      const n = /^[0-9]{1,16}$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) throw invalidField(field, `must be ${accepts}`, text);
      return n;
    },
  };
}

export function queryText(maxLength: number): Schema<string> {
  return {
    accepts: `text of at most ${maxLength} characters`,
    parse: (value, field) => {
      const text = String(value);
      if (text.length > maxLength) throw invalidField(field, `must be at most ${maxLength} characters`, text);
      return text;
    },
  };
}

export function queryOneOf<const T extends string>(values: readonly T[]): Schema<T> {
  const accepts = `one of ${values.join(', ')}`;
  return {
    accepts,
    parse: (value, field) => {
      const text = String(value);
      if (!(values as readonly string[]).includes(text)) throw invalidField(field, `must be ${accepts}`, text);
      return text as T;
    },
  };
}

/** A switch: present bare or `true` is on, `false` is off; anything else is refused. */
export const queryFlag: Schema<boolean> = {
  accepts: 'empty, true or false',
  parse: (value, field) => {
    const text = String(value);
    if (text === '' || text === 'true') return true;
    if (text === 'false') return false;
    throw invalidField(field, 'must be empty, true or false', text);
  },
};

export const queryIsoTime: Schema<number> = {
  accepts: 'an ISO 8601 time such as 2026-01-31T00:00:00Z',
  parse: (value, field) => isoTime(String(value), field),
};

/** Query parameters by name: unknown or repeated ones are refused; SigV4 presigning parameters pass. */
export function parseQueryParams<S extends Shape>(pairs: readonly (readonly [string, string])[], shape: S): InferShape<S> {
  const seen = new Map<string, string>();
  for (const [name, value] of pairs) {
    if (name.startsWith('X-Amz-')) continue;
    if (!Object.hasOwn(shape, name)) {
      const known = Object.keys(shape);
      throw invalidField(name, `is not a query parameter this endpoint accepts (${known.length === 0 ? 'none' : known.join(', ')})`);
    }
    if (seen.has(name)) throw invalidField(name, 'is given more than once');
    seen.set(name, value);
  }
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) out[name] = schema.parse(seen.get(name), name);
  return out as InferShape<S>;
}

const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A bare date is midnight UTC and a time without a zone is UTC too: the server's time zone never matters. */
function isoTime(text: string, field: string): number {
  const m = ISO_TIME.exec(text.trim());
  const ms =
    m?.[1] === undefined || !isCalendarDate(m[1]) || (m[2] !== undefined && Number(m[2].slice(0, 2)) > 23)
      ? Number.NaN
      : Date.parse(m[2] === undefined ? `${m[1]}T00:00:00Z` : `${m[1]}T${m[2]}${m[3] ?? 'Z'}`);
  if (!Number.isFinite(ms)) throw invalidField(field, 'must be an ISO 8601 time such as 2026-01-31T00:00:00Z', text);
  return ms;
}

/** Date.parse rolls 2026-02-30 over into March; a date that does not exist is refused instead. */
function isCalendarDate(date: string): boolean {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}
