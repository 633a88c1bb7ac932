import type { CorsGrant } from '../../core/cors/cors-rules.js';

/** Access-Control-* headers of a preflight answer (methods, headers, max age) or of an actual response. */
export function corsResponseHeaders(grant: CorsGrant, preflight: boolean): Record<string, string> {
  const h: Record<string, string> = { 'access-control-allow-origin': grant.allowOrigin };
  if (grant.allowCredentials) h['access-control-allow-credentials'] = 'true';
  if (grant.exposeHeaders.length > 0) h['access-control-expose-headers'] = grant.exposeHeaders.join(', ');
  h['access-control-allow-methods'] = grant.allowMethods.join(', ');
  if (preflight) {
    if (grant.allowHeaders.length > 0) h['access-control-allow-headers'] = grant.allowHeaders.join(', ');
    if (grant.maxAgeSeconds !== undefined) h['access-control-max-age'] = String(grant.maxAgeSeconds);
  }
  return h;
}

/** Adds `Vary: Origin` (and the preflight request headers) to whatever Vary a response already has. */
export function withVary(
  headers: Readonly<Record<string, string | readonly string[]>>,
  preflight: boolean,
): Record<string, string | readonly string[]> {
  const names = preflight ? ['Origin', 'Access-Control-Request-Headers', 'Access-Control-Request-Method'] : ['Origin'];
  const existing = headers.vary;
  const current = typeof existing === 'string' ? existing : undefined;
  return { ...headers, vary: current === undefined || current === '' ? names.join(', ') : `${current}, ${names.join(', ')}` };
}
