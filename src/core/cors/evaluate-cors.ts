import { findBucketConfig } from '../buckets/bucket-config.js';
import type { CoreContext } from '../context.js';
import type { BucketNamespace } from '../types.js';
import { corsGrant, matchCorsRule, parseRequestHeaderList, type CorsConfiguration, type CorsGrant } from './cors-rules.js';

export type PreflightOutcome =
  | { readonly kind: 'allowed'; readonly grant: CorsGrant; readonly vary: boolean }
  | { readonly kind: 'no-bucket' }
  | { readonly kind: 'not-enabled' }
  | { readonly kind: 'denied' };

/** An OPTIONS preflight: may `origin` send `method` with `requestHeaders` to this bucket? */
export async function evaluatePreflight(
  ctx: CoreContext,
  namespace: BucketNamespace,
  bucketName: string,
  origin: string,
  method: string,
  requestHeaders: string | undefined,
): Promise<PreflightOutcome> {
  const bucket = await ctx.meta.getBucket(namespace, bucketName);
  if (bucket === undefined) return { kind: 'no-bucket' };
  const config = await findBucketConfig<CorsConfiguration>(ctx, bucket, 'cors');
  if (config === undefined) return { kind: 'not-enabled' };
  const headers = parseRequestHeaderList(requestHeaders);
  const rule = matchCorsRule(config, origin, method, headers);
  return rule === undefined
    ? { kind: 'denied' }
    : { kind: 'allowed', grant: corsGrant(rule, origin, headers), vary: config.responseVary ?? true };
}

/** The grant for an actual (non-preflight) request from a browser; undefined when no rule allows it. */
export async function evaluateActualCors(
  ctx: CoreContext,
  namespace: BucketNamespace,
  bucketName: string,
  origin: string,
  method: string,
): Promise<CorsGrant | undefined> {
  const bucket = await ctx.meta.getBucket(namespace, bucketName);
  if (bucket === undefined) return undefined;
  const config = await findBucketConfig<CorsConfiguration>(ctx, bucket, 'cors');
  if (config === undefined) return undefined;
  const rule = matchCorsRule(config, origin, method, []);
  return rule === undefined ? undefined : corsGrant(rule, origin, []);
}
