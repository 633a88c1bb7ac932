import type { GlacierEndpoint } from './endpoint.js';
import { vaultArn } from './glacier-names.js';

/** The IAM action and resource of an endpoint: `glacier:<Operation>` on the vault, or on the account. */
export function glacierAction(endpoint: GlacierEndpoint): string {
  return `glacier:${endpoint.operation}`;
}

export function glacierResourceArn(endpoint: GlacierEndpoint, region: string, accountId: string): string {
  return 'vaultName' in endpoint ? vaultArn(region, accountId, endpoint.vaultName) : `arn:aws:glacier:${region}:${accountId}:`;
}
