import type { StorageError } from '../../core/errors.js';
import type { WireResponse } from '../common/wire.js';
import { wordError } from '../common/error-wording.js';
import { glacierErrors } from './error-table.js';

/** Glacier's JSON error: `{code, message, type}` with the table's status. No x-amzn-ErrorType (AWS sends none). */
export function renderGlacierError(error: StorageError): WireResponse {
  const entry = glacierErrors[error.code];
  const message = wordError(entry.message, error);
  return {
    status: entry.status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: entry.code, message, type: entry.type }),
  };
}
