import { timingSafeEqual } from 'node:crypto';
import type { AccessKey, Principal } from '../../core/types.js';
import type { WireRequest, WireResponse } from '../../dialects/common/wire.js';
import { isServerAdmin, iso, json, type ConsoleApiDeps, type ConsoleCall } from './console-call.js';
import { ConsoleError } from './console-errors.js';
import { bodyObject, requiredString } from './console-input.js';
import type { ConsoleSession, ConsoleSessions } from './console-sessions.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';

/**
 * POST session {accessKeyId, secretAccessKey}: the one place a secret is checked. The answer sets the
 * session cookie and gives the page its CSRF token; the secret is not kept.
 */
export async function signIn(deps: ConsoleApiDeps, sessions: ConsoleSessions, req: WireRequest, input: unknown): Promise<WireResponse> {
  const body = bodyObject(input, ['accessKeyId', 'secretAccessKey']);
  const accessKeyId = requiredString(body, 'accessKeyId', 128);
  const secret = requiredString(body, 'secretAccessKey', 256);
  const key = await deps.lookupKey(accessKeyId);
  if (key === undefined || !usable(key) || !sameSecret(key.secretAccessKey, secret)) {
    throw new ConsoleError(403, 'InvalidCredentials', 'The access key ID or the secret access key is wrong, or the key is not active.');
  }
  req.log.accessKeyId = key.accessKeyId;
  const principal: Principal = { accountId: key.accountId, userName: key.userName, accessKeyId: key.accessKeyId };
  const session = sessions.create(principal);
  return json(200, sessionJson(deps, session), {
    'set-cookie': sessionCookie(session.id, deps.sessionLifetimeMs / 1000, req.secure === true),
  });
}

/** GET session: who is signed in, until when, and the CSRF token (a page reloaded keeps its session). */
export async function currentSession(call: ConsoleCall): Promise<WireResponse> {
  return json(200, sessionJson(call.deps, call.session));
}

export async function signOut(call: ConsoleCall, sessions: ConsoleSessions): Promise<WireResponse> {
  sessions.end(call.session.id);
  return json(200, { signedOut: true }, { 'set-cookie': clearedSessionCookie(call.req.secure === true) });
}

/** Keys that IAM marks inactive cannot sign in (and end the sessions they opened). */
export function usable(key: AccessKey): boolean {
  return (key as { readonly status?: string }).status !== 'Inactive';
}

function sameSecret(stored: string, given: string): boolean {
  const a = Buffer.from(stored, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function sessionJson(deps: ConsoleApiDeps, s: ConsoleSession) {
  return {
    principal: { accountId: s.principal.accountId, userName: s.principal.userName, accessKeyId: s.principal.accessKeyId },
    admin: isServerAdmin(deps, s.principal),
    csrfToken: s.csrfToken,
    expiresAt: iso(s.expiresAt),
  };
}
