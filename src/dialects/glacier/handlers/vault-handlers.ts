import { createBucket } from '../../../core/buckets/create-bucket.js';
import { listBuckets } from '../../../core/buckets/list-buckets.js';
import { deleteBucket } from '../../../core/buckets/delete-bucket.js';
import { StorageError, isStorageError } from '../../../core/errors.js';
import { forgetBucketJobs } from '../../../core/jobs/forget-bucket-jobs.js';
import type { Bucket } from '../../../core/types.js';
import { validateVaultName, vaultNameOfArn } from '../glacier-names.js';
import { json } from '../json/response-json.js';
import {
  arnOf,
  empty,
  iso,
  limitOf,
  locationOf,
  markerOf,
  requireVault,
  type GlacierHandlerContext,
  type GlacierHandlerTable,
} from './handler-context.js';

const MAX_VAULTS = 1000;

export const vaultHandlers: GlacierHandlerTable = {
  CreateVault: async (h, e) => {
    validateVaultName(e.vaultName);
    const existing = await listBuckets(h.ctx, 'glacier', h.accountId);
    if (!existing.some((b) => b.name === e.vaultName)) {
      if (existing.length >= MAX_VAULTS) {
        throw new StorageError('TooManyBuckets', `The number of vaults exceeds the limit of ${MAX_VAULTS} per account.`);
      }
      try {
        await createBucket(h.ctx, {
          principal: h.principal,
          namespace: 'glacier',
          name: e.vaultName,
          region: h.region,
          storageClass: 'archive',
          skipNameRules: true,
        });
      } catch (error) {
        // Creating an existing vault succeeds again.
        if (!isStorageError(error, 'BucketAlreadyOwnedByYou')) throw error;
      }
    }
    return empty(201, { location: locationOf(h, e.vaultName) });
  },

  DescribeVault: async (h) => json(200, describeVault(h, requireVault(h))),

  ListVaults: async (h) => {
    const limit = limitOf(h, 10);
    const marker = markerOf(h);
    const vaults = await listBuckets(h.ctx, 'glacier', h.accountId);
    let start = 0;
    if (marker !== undefined) {
      const name = vaultNameOfArn(marker);
      if (name === undefined) throw new StorageError('InvalidArgument', `Invalid marker: ${marker}`, { ArgumentName: 'marker' });
      // The marker names the first vault of the page (it may have been deleted meanwhile).
      start = vaults.findIndex((v) => v.name >= name);
      if (start < 0) start = vaults.length;
    }
    const page = vaults.slice(start, start + limit);
    const next = vaults[start + limit];
    return json(200, { VaultList: page.map((v) => describeVault(h, v)), Marker: next === undefined ? null : arnOf(h, next.name) });
  },

  DeleteVault: async (h, e) => {
    const vault = requireVault(h);
    try {
      await deleteBucket(h.ctx, vault);
    } catch (error) {
      if (!isStorageError(error, 'BucketNotEmpty')) throw error;
      throw new StorageError('BucketNotEmpty', `Vault not empty or recently written to: ${arnOf(h, e.vaultName)}`);
    }
    await forgetBucketJobs(h.ctx, h.jobs, vault);
    return empty(204);
  },
};

/** Counts are live (AWS reports them as of the last daily inventory). */
function describeVault(h: GlacierHandlerContext, v: Bucket) {
  return {
    VaultARN: arnOf(h, v.name),
    VaultName: v.name,
    CreationDate: iso(v.createdAt),
    LastInventoryDate: null,
    NumberOfArchives: v.counters.objects,
    SizeInBytes: v.counters.objectBytes,
  };
}
