export interface CanonicalRequestParts {
  readonly method: string;
  readonly uri: string;
  readonly query: string;
  /** The canonical headers block, each line ending in '\n'. */
  readonly headers: string;
  /** Lowercase names joined with ';'. */
  readonly signedHeaders: string;
  readonly payloadHash: string;
}

export function canonicalRequest(p: CanonicalRequestParts): string {
  return `${p.method}\n${p.uri}\n${p.query}\n${p.headers}\n${p.signedHeaders}\n${p.payloadHash}`;
}
