import type { WireResponse } from '../../common/wire.js';

/** A Glacier JSON response. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}
