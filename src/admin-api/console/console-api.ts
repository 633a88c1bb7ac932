import { timingSafeEqual } from 'node:crypto';
import { StorageError, isStorageError } from '../../core/errors.js';
import { DOCUMENT_WEIGHT, readBounded } from '../../core/ingest/buffer-budget.js';
import type { WireRequest, WireResponse } from '../../dialects/common/wire.js';
import { queryValue } from '../../dialects/common/wire.js';
import { adminStatus } from '../admin-errors.js';
import { AbortJobs } from './abort-jobs.js';
import { json, type ConsoleApiDeps, type ConsoleCall } from './console-call.js';
import { consoleEndpoints } from './console-endpoints.js';
import { ConsoleError } from './console-errors.js';
import { routeConsole } from './console-routes.js';
import { ConsoleSessions } from './console-sessions.js';
import { currentSession, signIn, signOut, usable } from './session-endpoints.js';
import { clearedSessionCookie, sessionIdFrom } from './session-cookie.js';

const MAX_JSON_BODY = 256 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * The console's JSON API under /_cairn/console/api/v1/. Authenticated by the session cookie that
 * sign-in sets; every state-changing call must also carry the session's CSRF token in x-cairn-csrf.
 * Each endpoint calls core functions and asks the authorizer, as the signed-in principal, exactly what
 * the S3 dialect would ask for the same operation.
 */
export interface ConsoleApi {
  handle(req: WireRequest): Promise<WireResponse>;
  /** Stops the Delete All jobs between two batches. */
  stop(): Promise<void>;
}

export function createConsoleApi(deps: ConsoleApiDeps): ConsoleApi {
  const sessions = new ConsoleSessions(deps.sessionLifetimeMs, deps.ctx.clock);
  const jobs = new AbortJobs(deps.ctx);
  const handle = async (req: WireRequest): Promise<WireResponse> => {
    req.log.dialect = 'console';
    try {
      const route = routeConsole(req.method, req.rawPath);
      if (route === undefined) throw new ConsoleError(404, 'NotFound', `No console endpoint ${req.method} ${req.rawPath}`);
      req.log.operation = `Console.${route.name}`;
      if (route.name === 'signIn') {
        sameOrigin(req);
        return await signIn(deps, sessions, req, await readJson(req));
      }
      const sessionId = sessionIdFrom(req.headers.cookie);
      const found = sessionId === undefined ? undefined : sessions.find(sessionId);
      if (found === undefined) throw new ConsoleError(401, 'NotSignedIn', 'Sign in to use the console.');
      if (found === 'expired') throw new ConsoleError(401, 'SessionExpired', 'Your session has expired. Sign in again.');
      const key = await deps.lookupKey(found.principal.accessKeyId);
      if (key === undefined || !usable(key)) {
        sessions.end(found.id);
        throw new ConsoleError(401, 'SessionExpired', 'The access key of this session was deleted or disabled. Sign in again.');
      }
      req.log.accessKeyId = found.principal.accessKeyId;
      if (!SAFE_METHODS.has(req.method)) checkCsrf(req, found.csrfToken);
      const call: ConsoleCall = {
        deps,
        req,
        session: found,
        principal: found.principal,
        params: route.params,
        jobs,
        query: (name) => queryValue(req, name),
        body: () => readJson(req),
      };
      if (route.name === 'session') return await currentSession(call);
      if (route.name === 'signOut') return await signOut(call, sessions);
      return await consoleEndpoints[route.name](call);
    } catch (error) {
      return renderError(deps, req, error);
    }
  };
  // Server-Timing: what the endpoint took on the server, body included for JSON answers (the benchmark reads it).
  const timed = async (req: WireRequest): Promise<WireResponse> => {
    const started = performance.now();
    const res = await handle(req);
    return { ...res, headers: { ...res.headers, 'server-timing': `app;dur=${(performance.now() - started).toFixed(2)}` } };
  };
  return { handle: timed, stop: () => jobs.stop() };
}

function checkCsrf(req: WireRequest, token: string): void {
  const given = Buffer.from(req.headers['x-cairn-csrf'] ?? '', 'utf8');
  const want = Buffer.from(token, 'utf8');
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    throw new ConsoleError(403, 'InvalidCsrfToken', "This request lacks the console session's CSRF token (x-cairn-csrf); reload the page.");
  }
}

/** A sign-in posted from a page of another origin is refused (no login CSRF). */
function sameOrigin(req: WireRequest): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    host = '';
  }
  if (host !== req.headers.host) throw new ConsoleError(403, 'InvalidCsrfToken', 'Sign in from the console page itself.');
}

function renderError(deps: ConsoleApiDeps, req: WireRequest, error: unknown): WireResponse {
  if (error instanceof ConsoleError) {
    req.log.errorCode = error.code;
    const headers: Record<string, string> = error.status === 401 ? { 'set-cookie': clearedSessionCookie(req.secure === true) } : {};
    return json(error.status, { error: { code: error.code, message: error.message, requestId: req.id } }, headers);
  }
  const e = isStorageError(error) ? error : new StorageError('InternalError', 'We encountered an internal error. Please try again.');
  if (!isStorageError(error)) deps.ctx.log.error('console request failed', { requestId: req.id, error: String(error) });
  req.log.errorCode = e.code;
  const field = e.details.ArgumentName;
  return json(adminStatus[e.code], {
    error: {
      code: e.code,
      message: e.message,
      ...(field === undefined ? {} : { field: String(field) }),
      ...(Object.keys(e.details).length === 0 ? {} : { details: e.details }),
      requestId: req.id,
    },
  });
}

/** The body as JSON ({} when empty), read within the server's buffer budget until the request is over; strict UTF-8. */
async function readJson(req: WireRequest): Promise<unknown> {
  const length = req.headers['content-length'];
  const bytes = await readBounded(req.body as AsyncIterable<Uint8Array>, {
    limit: MAX_JSON_BODY,
    declared: length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined,
    heldUntil: req.body,
    weight: DOCUMENT_WEIGHT,
    tooLarge: () => new StorageError('RequestBodyTooLarge', 'The request body is too large.', { MaxMessageLengthBytes: MAX_JSON_BODY }),
  });
  if (bytes.length === 0) return {};
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new StorageError('MalformedJSON', 'The request body is not valid JSON.');
  }
}
