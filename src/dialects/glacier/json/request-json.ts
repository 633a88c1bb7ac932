import { StorageError } from '../../../core/errors.js';
import { readSmallBody } from '../../../core/ingest/read-small-body.js';
import type { GlacierHandlerContext } from '../handlers/handler-context.js';

// Glacier's JSON request documents: the body read whole as one object, and its typed members.

const MAX_JSON_BODY = 64 * 1024;

/** The request's JSON body as an object ({} when empty); SerializationException when it is not JSON. */
export async function readJsonBody(h: GlacierHandlerContext): Promise<Record<string, unknown>> {
  const body = h.body();
  // Held in the buffer budget until the request is over: the parsed object lives that long too.
  const bytes = await readSmallBody(
    { stream: body, ...(body.contentLength === undefined ? {} : { length: body.contentLength }) },
    MAX_JSON_BODY,
    h.req.body,
  );
  if (bytes.length === 0) return {};
  let value: unknown;
  try {
    // Strict UTF-8: invalid bytes are MalformedJSON, never replaced with U+FFFD.
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new StorageError('MalformedJSON', 'The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new StorageError('MalformedJSON', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** A string member of a JSON body; InvalidArgument when it has another type. */
export function stringMember(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new StorageError('InvalidArgument', `${name} must be a string.`, { ArgumentName: name });
  return v;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const v = stringMember(body, name);
  if (v === undefined) throw new StorageError('MissingParameter', `Required parameter missing: ${name}`, { ParameterName: name });
  return v;
}
