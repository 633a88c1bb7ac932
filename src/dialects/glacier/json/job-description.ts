import type { JobRecord } from '../../../core/ports/job-store.js';
import { isTreeHashAligned } from '../tree-hash-range.js';

/** What the Glacier dialect records in a job's `extra` when it initiates it. */
export interface JobExtra {
  readonly vaultArn: string;
  readonly tier: 'Expedited' | 'Standard' | 'Bulk';
  readonly description?: string;
  readonly snsTopic?: string;
  readonly archiveDescription?: string;
  /** Inventories: JSON or CSV, and the filters as the client sent them. */
  readonly format?: 'JSON' | 'CSV';
  readonly inventoryParameters?: { readonly StartDate?: string; readonly EndDate?: string; readonly Limit?: string };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** GlacierJobDescription, as DescribeJob and ListJobs return it; inapplicable members are null, as AWS writes them. */
export function describeJob(job: JobRecord) {
  const extra = job.extra as unknown as JobExtra;
  const o = job.object;
  const done = job.status !== 'in-progress';
  const succeeded = job.status === 'succeeded';
  const inventory = job.kind === 'inventory';
  const nextMarker = typeof job.result.nextMarker === 'string' ? job.result.nextMarker : null;
  return {
    JobId: job.id,
    JobDescription: extra.description ?? null,
    Action: inventory ? 'InventoryRetrieval' : 'ArchiveRetrieval',
    ArchiveId: o?.key ?? null,
    VaultARN: extra.vaultArn,
    CreationDate: iso(job.createdAt),
    Completed: done,
    StatusCode: job.status === 'in-progress' ? 'InProgress' : succeeded ? 'Succeeded' : 'Failed',
    StatusMessage: job.statusMessage ?? 'Operation in progress.',
    ArchiveSizeInBytes: o?.size ?? null,
    InventorySizeInBytes: inventory && succeeded ? job.outputSize : null,
    SNSTopic: extra.snsTopic ?? null,
    CompletionDate: iso(job.completedAt),
    // The tree hash of the retrieved range, when that range is tree-hash aligned and the job is done.
    SHA256TreeHash:
      o !== null && succeeded && isTreeHashAligned(o.start, o.end, o.size) ? (job.outputDigests['sha256-tree'] ?? null) : null,
    ArchiveSHA256TreeHash: o?.digests['sha256-tree'] ?? null,
    RetrievalByteRange: o === null ? null : `${o.start}-${o.end}`,
    Tier: extra.tier,
    InventoryRetrievalParameters: inventory
      ? {
          Format: extra.format ?? 'JSON',
          StartDate: extra.inventoryParameters?.StartDate ?? null,
          EndDate: extra.inventoryParameters?.EndDate ?? null,
          Limit: extra.inventoryParameters?.Limit ?? null,
          Marker: nextMarker,
        }
      : null,
  };
}
