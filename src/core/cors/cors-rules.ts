/**
 * A bucket's CORS rules (S3 PutBucketCors, OSS PutBucketCors), kept as the bucket's `cors` document.
 * Origins and headers may hold one `*` wildcard each; methods are exact.
 */
export interface CorsRule {
  readonly id?: string;
  readonly allowedOrigins: readonly string[];
  readonly allowedMethods: readonly string[];
  readonly allowedHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds?: number;
}

export interface CorsConfiguration {
  readonly rules: readonly CorsRule[];
  /** OSS ResponseVary: always send `Vary: Origin`. */
  readonly responseVary?: boolean;
}

export const corsMethods = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'] as const;
export const MAX_CORS_RULES = 100;

/** `*` matches any run of characters; the rest case-sensitively for origins, insensitively for headers. */
function wildcardMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  if (!pattern.includes('*')) return caseInsensitive ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  const source = pattern
    .split('*')
    .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

/**
 * The first rule that allows `origin` to send `method` with `requestHeaders` (a preflight's
 * Access-Control-Request-Headers; empty for actual requests), as S3 evaluates them: in order.
 */
export function matchCorsRule(
  config: CorsConfiguration,
  origin: string,
  method: string,
  requestHeaders: readonly string[],
): CorsRule | undefined {
  return config.rules.find(
    (rule) =>
      rule.allowedOrigins.some((o) => wildcardMatch(o, origin, false)) &&
      rule.allowedMethods.includes(method) &&
      requestHeaders.every((h) => rule.allowedHeaders.some((a) => wildcardMatch(a, h, true))),
  );
}

/** What a matched rule lets the response say (the dialect writes it as Access-Control-* headers). */
export interface CorsGrant {
  readonly allowOrigin: string;
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds?: number;
  /** True unless any origin is allowed (`*`): credentials only go to named origins. */
  readonly allowCredentials: boolean;
}

export function corsGrant(rule: CorsRule, origin: string, requestHeaders: readonly string[]): CorsGrant {
  const anyOrigin = rule.allowedOrigins.includes('*');
  return {
    allowOrigin: anyOrigin ? '*' : origin,
    allowMethods: rule.allowedMethods,
    allowHeaders: requestHeaders,
    exposeHeaders: rule.exposeHeaders,
    ...(rule.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: rule.maxAgeSeconds }),
    allowCredentials: !anyOrigin,
  };
}

/** Splits Access-Control-Request-Headers (`a, b,c`) into lowercase names. */
export function parseRequestHeaderList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
}
