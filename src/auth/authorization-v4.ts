import { authorizationMalformed } from './auth-errors.js';
import { SIGV4_ALGORITHM } from './string-to-sign.js';

export interface AuthorizationV4 {
  readonly credential: string;
  /** As sent: lowercase names joined with ';'. */
  readonly signedHeaders: string;
  readonly signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` (spaces after commas optional). */
export function parseAuthorizationV4(header: string): AuthorizationV4 {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SIGV4_ALGORITHM} `)) throw authorizationMalformed(`the authorization mechanism is not ${SIGV4_ALGORITHM}`);
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGV4_ALGORITHM.length + 1).split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq < 0) throw authorizationMalformed(`the component '${p}' is not of the form name=value`);
    fields.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (credential === undefined || credential === '') throw authorizationMalformed('missing Credential');
  if (signedHeaders === undefined || signedHeaders === '') throw authorizationMalformed('missing SignedHeaders');
  if (signature === undefined || signature === '') throw authorizationMalformed('missing Signature');
  return { credential, signedHeaders, signature };
}
