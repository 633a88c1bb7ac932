import { corsMethods } from '../../core/cors/cors-rules.js';
import { evaluateActualCors, evaluatePreflight } from '../../core/cors/evaluate-cors.js';
import type { CoreContext } from '../../core/context.js';
import { corsResponseHeaders, withVary } from './cors-headers.js';
import type { WireRequest, WireResponse } from './wire.js';

/** How a dialect writes a refused preflight (S3 and OSS: an XML error document). */
export type CorsErrorRenderer = (req: WireRequest, status: number, code: string, message: string, method?: string) => WireResponse;

const DENIED =
  "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

/**
 * A CORS preflight (OPTIONS), S3's and OSS's alike: answered from the bucket's rules without
 * authentication, as browsers send it without credentials. 200 with the Access-Control-* headers the
 * matching rule allows; 400 without Origin or a valid Access-Control-Request-Method; 403 AccessForbidden
 * when the bucket is unknown, CORS is off for it, or no rule allows the origin, method and headers.
 */
export async function answerPreflight(
  ctx: CoreContext,
  req: WireRequest,
  bucket: string | undefined,
  corsError: CorsErrorRenderer,
): Promise<WireResponse> {
  req.log.operation = 'PreflightRequest';
  const origin = req.headers.origin;
  const method = req.headers['access-control-request-method'];
  if (origin === undefined || origin === '')
    return corsError(req, 400, 'BadRequest', 'Insufficient information. Origin request header needed.');
  if (method === undefined || !(corsMethods as readonly string[]).includes(method)) {
    return corsError(req, 400, 'BadRequest', `Invalid Access-Control-Request-Method: ${method ?? 'null'}`);
  }
  if (bucket === undefined) return corsError(req, 403, 'AccessForbidden', 'CORSResponse: Bucket not found', method);
  req.log.bucket = bucket;
  const outcome = await evaluatePreflight(ctx, 's3', bucket, origin, method, req.headers['access-control-request-headers']);
  switch (outcome.kind) {
    case 'no-bucket':
      return corsError(req, 403, 'AccessForbidden', 'CORSResponse: Bucket not found', method);
    case 'not-enabled':
      return corsError(req, 403, 'AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', method);
    case 'denied':
      return corsError(req, 403, 'AccessForbidden', DENIED, method);
    case 'allowed':
      return { status: 200, headers: withVary({ 'content-length': '0', ...corsResponseHeaders(outcome.grant, true) }, true), body: '' };
  }
}

/**
 * Adds the Access-Control-* headers an actual request from a browser (one with Origin) earns from the
 * bucket's rules, to successes and errors alike, so that the page can read either.
 */
export async function withCors(ctx: CoreContext, req: WireRequest, response: WireResponse): Promise<WireResponse> {
  const origin = req.headers.origin;
  const bucket = req.log.bucket;
  if (origin === undefined || origin === '' || bucket === undefined) return response;
  const grant = await evaluateActualCors(ctx, 's3', bucket, origin, req.method).catch(() => undefined);
  if (grant === undefined) return response;
  return { ...response, headers: withVary({ ...response.headers, ...corsResponseHeaders(grant, false) }, false) };
}
