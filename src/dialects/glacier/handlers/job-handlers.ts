import { treeHashLeafSize } from '../../../core/checksums/index.js';
import { findObject } from '../../../core/objects/find-object.js';
import { leafSlice } from '../../../core/checksums/tree-hash-leaves.js';
import { treeHashFromHashes } from '../../../core/checksums/tree-hash.js';
import { StorageError } from '../../../core/errors.js';
import { findJob } from '../../../core/jobs/find-job.js';
import { initiateJob } from '../../../core/jobs/initiate-job.js';
import { listJobs } from '../../../core/jobs/list-jobs.js';
import { readJobOutput } from '../../../core/jobs/read-job-output.js';
import type { InventoryFilter, JobRecord, JobStatus } from '../../../core/ports/job-store.js';
import { queryValue } from '../../common/wire.js';
import { parseOutputRange } from '../content-range.js';
import { validateDescription } from '../glacier-names.js';
import { describeJob, type JobExtra } from '../json/job-description.js';
import { isMegabyteAligned, isTreeHashAligned } from '../tree-hash-range.js';
import { json } from '../json/response-json.js';
import { readJsonBody, stringMember } from '../json/request-json.js';
import { arnOf, limitOf, locationOf, markerOf, requireVault, type GlacierHandlerTable } from './handler-context.js';

const TIERS = ['Expedited', 'Standard', 'Bulk'] as const;
const STATUS_CODES: Record<string, JobStatus> = { InProgress: 'in-progress', Succeeded: 'succeeded', Failed: 'failed' };

export const jobHandlers: GlacierHandlerTable = {
  InitiateJob: async (h, e) => {
    const vault = requireVault(h);
    const body = await readJsonBody(h);
    const type = stringMember(body, 'Type');
    const tier = stringMember(body, 'Tier') ?? 'Standard';
    if (!(TIERS as readonly string[]).includes(tier)) {
      throw new StorageError('InvalidArgument', `Invalid tier: ${tier}. Use Expedited, Standard or Bulk.`, { ArgumentName: 'Tier' });
    }
    const description = validateDescription(stringMember(body, 'Description'), 'job description');
    const snsTopic = stringMember(body, 'SNSTopic');
    const extra: JobExtra = {
      vaultArn: arnOf(h, e.vaultName),
      tier: tier as JobExtra['tier'],
      ...(description === undefined ? {} : { description }),
      ...(snsTopic === undefined ? {} : { snsTopic }),
    };
    const delayMs = h.tierDelays[tier.toLowerCase() as keyof typeof h.tierDelays];
    let job: JobRecord;
    if (type === 'archive-retrieval') {
      const archiveId = stringMember(body, 'ArchiveId');
      if (archiveId === undefined || archiveId === '') {
        throw new StorageError('MissingParameter', 'Required parameter missing: ArchiveId', { ParameterName: 'ArchiveId' });
      }
      const archive = await findObject(h.ctx, vault, archiveId);
      if (archive === undefined) throw new StorageError('NoSuchKey', `The archive was not found: ${archiveId}`, { Key: archiveId });
      const rangeText = stringMember(body, 'RetrievalByteRange');
      const range = rangeText === undefined ? undefined : retrievalRange(archive.size, rangeText);
      const archiveDescription = archive.extra.description;
      job = await initiateJob(h.ctx, h.jobs, {
        bucket: vault,
        delayMs,
        retrieval: { key: archiveId, ...(range === undefined ? {} : { range }) },
        extra: { ...extra, ...(typeof archiveDescription === 'string' && archiveDescription !== '' ? { archiveDescription } : {}) },
      });
    } else if (type === 'inventory-retrieval') {
      for (const name of ['ArchiveId', 'RetrievalByteRange'] as const) {
        if (body[name] !== undefined && body[name] !== null) {
          throw new StorageError('InvalidArgument', `${name} may not be given for an inventory retrieval.`, { ArgumentName: name });
        }
      }
      const format = stringMember(body, 'Format') ?? 'JSON';
      if (format !== 'JSON' && format !== 'CSV')
        throw new StorageError('InvalidArgument', `Invalid format: ${format}. Use JSON or CSV.`, { ArgumentName: 'Format' });
      const { filter, parameters } = inventoryParameters(body.InventoryRetrievalParameters);
      job = await initiateJob(h.ctx, h.jobs, {
        bucket: vault,
        delayMs,
        inventory: filter,
        extra: { ...extra, format, inventoryParameters: parameters },
      });
    } else if (type === 'select') {
      throw new StorageError('NotImplemented', 'Select jobs are not supported by this server.');
    } else if (type === undefined) {
      throw new StorageError('MissingParameter', 'Required parameter missing: Type', { ParameterName: 'Type' });
    } else {
      throw new StorageError('InvalidArgument', `Invalid job type: ${type}. Use archive-retrieval or inventory-retrieval.`, {
        ArgumentName: 'Type',
      });
    }
    return json(202, {}, { location: locationOf(h, e.vaultName, `/jobs/${job.id}`), 'x-amz-job-id': job.id });
  },

  DescribeJob: async (h, e) => json(200, describeJob(await findJob(h.ctx, h.jobs, requireVault(h), e.jobId))),

  ListJobs: async (h) => {
    const vault = requireVault(h);
    const limit = limitOf(h, 50);
    const statusText = queryValue(h.req, 'statuscode');
    const status = statusText === undefined || statusText === '' ? undefined : STATUS_CODES[statusText];
    if (statusText !== undefined && statusText !== '' && status === undefined) {
      throw new StorageError('InvalidArgument', `The job status code is not valid: ${statusText}`, { ArgumentName: 'statuscode' });
    }
    const completedText = queryValue(h.req, 'completed');
    if (completedText !== undefined && completedText !== '' && completedText !== 'true' && completedText !== 'false') {
      throw new StorageError('InvalidArgument', `The completed value is not valid: ${completedText}. Use true or false.`, {
        ArgumentName: 'completed',
      });
    }
    const marker = markerOf(h);
    const page = await listJobs(h.ctx, h.jobs, {
      bucket: vault,
      ...(status === undefined ? {} : { status }),
      ...(completedText === 'true' || completedText === 'false' ? { completed: completedText === 'true' } : {}),
      ...(marker === undefined ? {} : { afterJobId: marker }),
      limit,
    });
    const last = page.jobs.at(-1);
    return json(200, { JobList: page.jobs.map(describeJob), Marker: page.isTruncated && last !== undefined ? last.id : null });
  },

  GetJobOutput: async (h, e) => {
    const vault = requireVault(h);
    const rangeHeader = h.req.headers.range;
    const asked = parseOutputRange(rangeHeader);
    const read = await readJobOutput(h.ctx, h.jobs, {
      bucket: vault,
      jobId: e.jobId,
      ...(asked === undefined ? {} : { range: { request: { kind: 'from', ...asked }, asked: rangeHeader ?? '' } }),
    });
    const job = read.job;
    const extra = job.extra as unknown as JobExtra;
    const start = read.range?.start ?? 0;
    const end = read.range?.end ?? read.size - 1;
    const headers: Record<string, string> = {
      'content-type': job.kind === 'inventory' ? (extra.format === 'CSV' ? 'text/csv' : 'application/json') : 'application/octet-stream',
      'content-length': String(Math.max(0, end - start + 1)),
      'accept-ranges': 'bytes',
    };
    if (read.range !== undefined) headers['content-range'] = `bytes ${start}-${end}/${read.size}`;
    if (job.kind === 'object-retrieval') {
      const treeHash = outputTreeHash(job, read.leaves, start, end, read.range === undefined);
      if (treeHash !== undefined) headers['x-amz-sha256-tree-hash'] = treeHash;
      if (extra.archiveDescription !== undefined) headers['x-amz-archive-description'] = extra.archiveDescription;
    }
    return { status: read.range === undefined ? 200 : 206, headers, body: read.body() };
  },
};

/** A RetrievalByteRange `start-end` must be megabyte aligned within the archive. */
function retrievalRange(size: number, text: string): { start: number; end: number } {
  const m = /^(\d{1,16})-(\d{1,16})$/.exec(text.trim());
  const start = Number(m?.[1]);
  const end = Number(m?.[2]);
  if (m === null || !isMegabyteAligned(start, end, size)) {
    throw new StorageError(
      'InvalidArgument',
      `Invalid RetrievalByteRange: ${text}. The range must be megabyte aligned: it starts at a multiple of 1048576 and ends one byte before a multiple of 1048576 or at the archive's last byte (${size - 1}).`,
      { ArgumentName: 'RetrievalByteRange' },
    );
  }
  return { start, end };
}

function inventoryParameters(value: unknown): { filter: InventoryFilter; parameters: JobExtra['inventoryParameters'] } {
  if (value === undefined || value === null) return { filter: {}, parameters: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new StorageError('InvalidArgument', 'InventoryRetrievalParameters must be an object.', {
      ArgumentName: 'InventoryRetrievalParameters',
    });
  }
  const p = value as Record<string, unknown>;
  const startDate = stringMember(p, 'StartDate');
  const endDate = stringMember(p, 'EndDate');
  const limit = stringMember(p, 'Limit');
  const marker = stringMember(p, 'Marker');
  const date = (name: string, text: string): number => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms))
      throw new StorageError('InvalidArgument', `Invalid ${name}: ${text}. Use an ISO 8601 date.`, { ArgumentName: name });
    return ms;
  };
  const filter: { createdFrom?: number; createdBefore?: number; after?: string; limit?: number } = {};
  if (startDate !== undefined) filter.createdFrom = date('StartDate', startDate);
  if (endDate !== undefined) filter.createdBefore = date('EndDate', endDate);
  if (filter.createdFrom !== undefined && filter.createdBefore !== undefined && filter.createdFrom >= filter.createdBefore) {
    throw new StorageError('InvalidArgument', 'The StartDate must be earlier than the EndDate.', { ArgumentName: 'StartDate' });
  }
  if (limit !== undefined) {
    if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1) {
      throw new StorageError('InvalidArgument', `Invalid Limit: ${limit}. It must be a positive integer.`, { ArgumentName: 'Limit' });
    }
    filter.limit = Number(limit);
  }
  if (marker !== undefined && marker !== '') filter.after = marker;
  return {
    filter,
    parameters: {
      ...(startDate === undefined ? {} : { StartDate: startDate }),
      ...(endDate === undefined ? {} : { EndDate: endDate }),
      ...(limit === undefined ? {} : { Limit: limit }),
    },
  };
}

/**
 * The tree hash of the bytes returned, when both the job's retrieval range and the downloaded range are
 * tree-hash aligned in the archive (the guide's four cases); from the leaf hashes kept with the job.
 */
function outputTreeHash(job: JobRecord, leaves: Buffer | null, start: number, end: number, whole: boolean): string | undefined {
  const o = job.object;
  if (o === null || !isTreeHashAligned(o.start, o.end, o.size)) return undefined;
  if (whole) return job.outputDigests['sha256-tree'];
  if (leaves === null || !isTreeHashAligned(o.start + start, o.start + end, o.size)) return undefined;
  const from = start / treeHashLeafSize;
  const to = Math.ceil((end + 1) / treeHashLeafSize);
  return treeHashFromHashes(leafSlice(leaves, from, to)).toString('hex');
}
