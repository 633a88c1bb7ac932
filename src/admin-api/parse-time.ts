import { StorageError } from '../core/errors.js';

/** An ISO 8601 time (a bare date is midnight UTC), or InvalidArgument naming the parameter. */
export function parseTime(text: string, name: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new StorageError('InvalidArgument', `${name} must be an ISO 8601 time such as 2026-01-31T00:00:00Z.`, {
      ArgumentName: name,
      ArgumentValue: text,
    });
  return ms;
}
