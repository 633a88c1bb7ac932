import { StorageError } from '../../core/errors.js';
import { invalidField } from './console-errors.js';

/**
 * The console endpoints' input checks: a JSON body is an object of known members, each of the expected
 * type and bounds; query parameters likewise. Nothing is coerced; the 400 names the field.
 */
export type JsonBody = Readonly<Record<string, unknown>>;

export function bodyObject(value: unknown, members: readonly string[]): JsonBody {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidField('body', 'must be a JSON object');
  for (const name of Object.keys(value)) if (!members.includes(name)) throw invalidField(name, 'is not a member this endpoint takes');
  return value as JsonBody;
}

export function requiredString(body: JsonBody, name: string, max: number, min = 1): string {
  const v = body[name];
  if (v === undefined) throw new StorageError('MissingParameter', `${name}: is required`, { ArgumentName: name });
  return checkedString(v, name, max, min);
}

export function optionalString(body: JsonBody, name: string, max: number): string | undefined {
  const v = body[name];
  return v === undefined ? undefined : checkedString(v, name, max, 0);
}

function checkedString(v: unknown, name: string, max: number, min: number): string {
  if (typeof v !== 'string') throw invalidField(name, `must be a string of ${min} to ${max} characters`);
  if (v.length < min || v.length > max) throw invalidField(name, `must be a string of ${min} to ${max} characters`);
  return v;
}

export function optionalBoolean(body: JsonBody, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw invalidField(name, 'must be true or false');
  return v;
}

export function requiredInteger(body: JsonBody, name: string, min: number, max: number): number {
  const v = body[name];
  if (v === undefined) throw new StorageError('MissingParameter', `${name}: is required`, { ArgumentName: name });
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw invalidField(name, `must be an integer from ${min} to ${max}`);
  return v;
}

export function requiredArray(body: JsonBody, name: string, min: number, max: number): unknown[] {
  const v = body[name];
  if (v === undefined) throw new StorageError('MissingParameter', `${name}: is required`, { ArgumentName: name });
  if (!Array.isArray(v) || v.length < min || v.length > max) throw invalidField(name, `must be an array of ${min} to ${max} items`);
  return v;
}

export function queryInteger(text: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,16}$/.test(text) || Number(text) < min || Number(text) > max)
    throw invalidField(name, `must be an integer from ${min} to ${max}`);
  return Number(text);
}

export function queryOneOf<T extends string>(text: string | undefined, name: string, values: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!(values as readonly string[]).includes(text)) throw invalidField(name, `must be one of ${values.join(', ')}`);
  return text as T;
}

export function queryText(text: string | undefined, name: string, max: number): string | undefined {
  if (text !== undefined && text.length > max) throw invalidField(name, `must be at most ${max} characters`);
  return text;
}

/** An opaque page token: base64url of a small JSON value. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(text: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (text === undefined || text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidField('pageToken', 'is not a token this listing gave');
  }
  if (!check(value)) throw invalidField('pageToken', 'is not a token this listing gave');
  return value;
}
