import { StorageError } from '../../core/errors.js';
import { decodePathPart } from '../common/decode-path-part.js';
import type { WireRequest } from '../common/wire.js';
import type { GlacierEndpoint } from './endpoint.js';

/**
 * Turns a request into the Glacier operation it asks for. Pure: reads the method, the path and (for
 * /tags) the `operation` query parameter; never the body, never Content-Type (clients differ on it).
 *
 * Paths are `/{accountId}/vaults/{vaultName}/...` or `/{accountId}/policies/data-retrieval` and
 * `/{accountId}/provisioned-capacity`. A label that is present but empty (`/-/vaults//multipart-uploads/x`)
 * is MissingParameter, as AWS reports a missing required parameter; an unknown resource is InvalidURI
 * and a known resource with a method it does not have is MethodNotAllowed.
 */
export function routeGlacier(req: Pick<WireRequest, 'method' | 'rawPath' | 'query'>): GlacierEndpoint {
  const method = req.method.toUpperCase();
  const segments = req.rawPath
    .replace(/^\//, '')
    .split('/')
    .map((segment) => decodePathPart(segment, req.rawPath));
  const [accountId, area, vaultName, sub, id, tail] = segments;
  const n = segments.length;
  if (accountId === undefined || accountId === '') throw missing('accountId');
  const notAllowed = () => new StorageError('MethodNotAllowed', `${method} is not allowed on ${req.rawPath}.`, { Method: method });

  if (area === 'policies' && vaultName === 'data-retrieval' && n === 3) {
    if (method === 'GET') return { operation: 'GetDataRetrievalPolicy', accountId };
    if (method === 'PUT') return { operation: 'SetDataRetrievalPolicy', accountId };
    throw notAllowed();
  }
  if (area === 'provisioned-capacity' && n === 2) {
    if (method === 'GET') return { operation: 'ListProvisionedCapacity', accountId };
    if (method === 'POST') return { operation: 'PurchaseProvisionedCapacity', accountId };
    throw notAllowed();
  }
  if (area !== 'vaults' || n > 6) throw unknownResource(req.rawPath);
  if (vaultName === undefined || (n === 3 && vaultName === '' && method === 'GET')) {
    if (method === 'GET') return { operation: 'ListVaults', accountId };
    throw notAllowed();
  }
  if (vaultName === '') throw missing('vaultName');
  const v = { accountId, vaultName };

  if (sub === undefined) {
    if (method === 'PUT') return { operation: 'CreateVault', ...v };
    if (method === 'GET') return { operation: 'DescribeVault', ...v };
    if (method === 'DELETE') return { operation: 'DeleteVault', ...v };
    throw notAllowed();
  }
  const label = (name: string): string => {
    if (id === undefined || id === '') throw missing(name);
    return id;
  };
  switch (sub) {
    case 'access-policy':
      if (n !== 4) break;
      if (method === 'PUT') return { operation: 'SetVaultAccessPolicy', ...v };
      if (method === 'GET') return { operation: 'GetVaultAccessPolicy', ...v };
      if (method === 'DELETE') return { operation: 'DeleteVaultAccessPolicy', ...v };
      throw notAllowed();
    case 'notification-configuration':
      if (n !== 4) break;
      if (method === 'PUT') return { operation: 'SetVaultNotifications', ...v };
      if (method === 'GET') return { operation: 'GetVaultNotifications', ...v };
      if (method === 'DELETE') return { operation: 'DeleteVaultNotifications', ...v };
      throw notAllowed();
    case 'lock-policy':
      if (n === 4) {
        if (method === 'POST') return { operation: 'InitiateVaultLock', ...v };
        if (method === 'GET') return { operation: 'GetVaultLock', ...v };
        if (method === 'DELETE') return { operation: 'AbortVaultLock', ...v };
        throw notAllowed();
      }
      if (n !== 5) break;
      if (method === 'POST') return { operation: 'CompleteVaultLock', ...v, lockId: label('lockId') };
      throw notAllowed();
    case 'tags': {
      if (n !== 4) break;
      if (method === 'GET') return { operation: 'ListTagsForVault', ...v };
      if (method !== 'POST') throw notAllowed();
      const operation = req.query.find(([k]) => k === 'operation')?.[1];
      if (operation === 'add') return { operation: 'AddTagsToVault', ...v };
      if (operation === 'remove') return { operation: 'RemoveTagsFromVault', ...v };
      if (operation === undefined) throw missing('operation');
      throw new StorageError('InvalidArgument', `Invalid operation: ${operation}. Use add or remove.`, { ArgumentName: 'operation' });
    }
    case 'archives':
      if (n === 4) {
        if (method === 'POST') return { operation: 'UploadArchive', ...v };
        throw notAllowed();
      }
      if (n !== 5) break;
      if (method === 'DELETE') return { operation: 'DeleteArchive', ...v, archiveId: label('archiveId') };
      throw notAllowed();
    case 'multipart-uploads':
      if (n === 4) {
        if (method === 'POST') return { operation: 'InitiateMultipartUpload', ...v };
        if (method === 'GET') return { operation: 'ListMultipartUploads', ...v };
        throw notAllowed();
      }
      if (n !== 5) break;
      if (method === 'PUT') return { operation: 'UploadMultipartPart', ...v, uploadId: label('uploadId') };
      if (method === 'POST') return { operation: 'CompleteMultipartUpload', ...v, uploadId: label('uploadId') };
      if (method === 'DELETE') return { operation: 'AbortMultipartUpload', ...v, uploadId: label('uploadId') };
      if (method === 'GET') return { operation: 'ListParts', ...v, uploadId: label('uploadId') };
      throw notAllowed();
    case 'jobs':
      if (n === 4) {
        if (method === 'POST') return { operation: 'InitiateJob', ...v };
        if (method === 'GET') return { operation: 'ListJobs', ...v };
        throw notAllowed();
      }
      if (n === 5) {
        if (method === 'GET') return { operation: 'DescribeJob', ...v, jobId: label('jobId') };
        throw notAllowed();
      }
      if (tail !== 'output') break;
      if (method === 'GET') return { operation: 'GetJobOutput', ...v, jobId: label('jobId') };
      throw notAllowed();
  }
  throw unknownResource(req.rawPath);
}

/** Cheap detection without a signature: the path of a Glacier vault or account resource. */
export function isGlacierPath(rawPath: string): boolean {
  return /^\/(-|\d{12})\/(vaults(\/|$)|policies\/data-retrieval\/?$|provisioned-capacity\/?$)/.test(rawPath);
}

function missing(name: string): StorageError {
  return new StorageError('MissingParameter', `Required parameter missing: ${name}`, { ParameterName: name });
}

function unknownResource(path: string): StorageError {
  return new StorageError('InvalidURI', `No Glacier resource at ${path}.`);
}
