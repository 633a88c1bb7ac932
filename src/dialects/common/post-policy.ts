import { StorageError } from '../../core/errors.js';

/**
 * The policy document of a browser POST upload (S3 POST Object, OSS PostObject): an expiration and a
 * list of conditions on the form fields. Condition operators and `expiration`/`conditions` are
 * case-sensitive; field names are not.
 */
export interface PostPolicy {
  readonly expiresAt: number;
  readonly conditions: readonly PolicyCondition[];
}

export type PolicyCondition =
  | { readonly op: 'eq' | 'starts-with'; readonly field: string; readonly value: string }
  | { readonly op: 'content-length-range'; readonly min: number; readonly max: number };

function invalidPolicy(message: string): StorageError {
  return new StorageError('InvalidArgument', `Invalid Policy: ${message}`, { ArgumentName: 'policy' });
}

function denied(message: string): StorageError {
  return new StorageError('AccessDenied', `Invalid according to Policy: ${message}`);
}

export function parsePostPolicy(base64: string): PostPolicy {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw invalidPolicy('Invalid JSON.');
  const { expiration, conditions } = doc as { expiration?: unknown; conditions?: unknown };
  if (typeof expiration !== 'string') throw invalidPolicy('Policy missing expiration.');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(expiration) || Number.isNaN(Date.parse(expiration))) {
    throw invalidPolicy("Invalid 'expiration' value: must be in ISO8601 GMT date format.");
  }
  if (!Array.isArray(conditions)) throw invalidPolicy('Policy missing conditions.');
  return { expiresAt: Date.parse(expiration), conditions: conditions.map(parseCondition) };
}

function parseCondition(c: unknown): PolicyCondition {
  if (Array.isArray(c)) {
    const [rawOp, a, b] = c as unknown[];
    // Operators match case-insensitively (S3 takes "StArTs-WiTh"); `expiration` and `conditions` do not.
    const op = typeof rawOp === 'string' ? rawOp.toLowerCase() : rawOp;
    if (op === 'content-length-range') {
      if (c.length !== 3) throw invalidPolicy('Invalid content-length-range: expected a minimum and a maximum.');
      const min = toInteger(a);
      const max = toInteger(b);
      if (min === undefined || max === undefined || min < 0 || max < min) {
        throw invalidPolicy('Invalid content-length-range: the bounds must be integers, 0 <= minimum <= maximum.');
      }
      return { op, min, max };
    }
    if ((op === 'eq' || op === 'starts-with') && c.length === 3 && typeof a === 'string' && a.startsWith('$') && typeof b === 'string') {
      return { op, field: a.slice(1).toLowerCase(), value: b };
    }
    throw invalidPolicy(`Invalid condition: ${JSON.stringify(c)}`);
  }
  if (typeof c === 'object' && c !== null) {
    const entries = Object.entries(c);
    const [entry] = entries;
    if (entries.length === 1 && entry !== undefined && typeof entry[1] === 'string') {
      return { op: 'eq', field: entry[0].toLowerCase(), value: entry[1] };
    }
  }
  throw invalidPolicy(`Invalid condition: ${JSON.stringify(c)}`);
}

function toInteger(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Checks the form against the policy (not the file's length: see `contentLengthRange`). Every condition
 * must hold, and (S3; `exempt` undefined for OSS, which checks only the conditions) every field but the
 * signature, policy, file and `x-ignore-*` must be named by one.
 */
export function checkPostPolicy(
  policy: PostPolicy,
  fields: ReadonlyMap<string, string>,
  now: number,
  exempt: ReadonlySet<string> | undefined,
): void {
  if (now > policy.expiresAt) throw denied('Policy expired.');
  const covered = new Set<string>();
  for (const c of policy.conditions) {
    if (c.op === 'content-length-range') continue;
    covered.add(c.field);
    const value = fields.get(c.field);
    if (value === undefined && c.op === 'starts-with' && c.value === '') continue;
    if (value === undefined) throw denied(`Policy Condition failed: ["${c.op}", "$${c.field}", "${c.value}"]`);
    const ok = c.op === 'eq' ? value === c.value : value.startsWith(c.value);
    if (!ok) throw denied(`Policy Condition failed: ["${c.op}", "$${c.field}", "${c.value}"]`);
  }
  if (exempt === undefined) return;
  for (const name of fields.keys()) {
    if (exempt.has(name) || name.startsWith('x-ignore-') || name.startsWith('x-amz-checksum-') || covered.has(name)) continue;
    throw denied(`Extra input fields: ${name}`);
  }
}

/** The allowed file sizes, when the policy limits them. */
export function contentLengthRange(policy: PostPolicy): { readonly min: number; readonly max: number } | undefined {
  for (const c of policy.conditions) if (c.op === 'content-length-range') return { min: c.min, max: c.max };
  return undefined;
}
