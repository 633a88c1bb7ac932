import { renderAdminError } from '../admin-api/admin-api.js';
import { StorageError, isStorageError } from '../core/errors.js';
import { decodePathPart } from '../dialects/common/decode-path-part.js';
import type { Dialect } from '../dialects/common/dialect.js';
import type { WireRequest, WireResponse } from '../dialects/common/wire.js';

export interface FrontDoorOptions {
  /** In detection order; the last one answers whatever no other claims (S3). */
  readonly dialects: readonly Dialect[];
  /** The admin API and the console, under /_cairn/. */
  readonly internal: (req: WireRequest) => Promise<WireResponse>;
}

/** Everything Cairn serves for itself lives under /_cairn/ (bucket names never start with '_'). */
export function isInternalPath(rawPath: string): boolean {
  return rawPath === '/_cairn' || rawPath.startsWith('/_cairn/') || rawPath === '/console' || rawPath.startsWith('/console/');
}

export function frontDoor(options: FrontDoorOptions): (req: WireRequest) => Promise<WireResponse> {
  const fallback = options.dialects.at(-1);
  if (fallback === undefined) throw new Error('at least one dialect is needed');
  return async (req) => {
    if (req.rawPath === '/_cairn/health') {
      req.log.operation = 'Health';
      return { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: '{"status":"ok"}\n' };
    }
    if (isInternalPath(req.rawPath)) return internal(options.internal, req);
    const dialect = options.dialects.find((d) => d.detect(req)) ?? fallback;
    req.log.dialect = dialect.name;
    return dialect.handle(req);
  };
}

/**
 * The admin API and the console answer in the admin API's JSON whatever happens: a path whose escapes do
 * not decode is InvalidURI before any handler sees it, and a handler that throws (it should not) is
 * answered, never left to the HTTP layer.
 */
async function internal(handler: (req: WireRequest) => Promise<WireResponse>, req: WireRequest): Promise<WireResponse> {
  try {
    decodePathPart(req.rawPath, req.rawPath);
    return await handler(req);
  } catch (error) {
    const e = isStorageError(error)
      ? error
      : error instanceof URIError
        ? new StorageError('InvalidURI', "Couldn't parse the specified URI.", { URI: req.rawPath })
        : new StorageError('InternalError', 'We encountered an internal error. Please try again.');
    req.log.errorCode = e.code;
    return renderAdminError(e, req.id);
  }
}
