import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../core/errors.js';
import { parseQuery } from '../common/wire.js';
import { isGlacierPath, routeGlacier } from './router.js';

function route(method: string, url: string) {
  const [path = '', query = ''] = url.split('?');
  return routeGlacier({ method, rawPath: path, query: parseQuery(query) });
}

const upload = 'OW2fM5iVylEpFEMM9_HpKowRapC3vn5sSL39_396UW9zLFUWVrnRHaPjUJddQ5OxSHVXjYtrN47NBZ-khxOjyEXAMPLE';
const job = 'HkF9p6o7yjhFx-K3CGl6fuSm6VzW9T7esGQfco8nUXVYwS0jlb5gq1JZ55yHgt5vP54ZShjoQzQVVh7vEXAMPLE';

describe('routeGlacier', () => {
  // The request lines of the API reference's examples, plus every other operation of the model.
  const cases: [string, string, Record<string, string>][] = [
    ['PUT', '/-/vaults/examplevault', { operation: 'CreateVault', accountId: '-', vaultName: 'examplevault' }],
    ['GET', '/-/vaults/examplevault', { operation: 'DescribeVault', accountId: '-', vaultName: 'examplevault' }],
    [
      'GET',
      '/-/vaults?limit=2&marker=arn:aws:glacier:us-west-2:012345678901:vaults/examplevault',
      { operation: 'ListVaults', accountId: '-' },
    ],
    ['GET', '/012345678901/vaults', { operation: 'ListVaults', accountId: '012345678901' }],
    ['DELETE', '/-/vaults/examplevault', { operation: 'DeleteVault', accountId: '-', vaultName: 'examplevault' }],
    ['PUT', '/-/vaults/examplevault/access-policy', { operation: 'SetVaultAccessPolicy', accountId: '-', vaultName: 'examplevault' }],
    ['GET', '/-/vaults/examplevault/access-policy', { operation: 'GetVaultAccessPolicy', accountId: '-', vaultName: 'examplevault' }],
    ['DELETE', '/-/vaults/examplevault/access-policy', { operation: 'DeleteVaultAccessPolicy', accountId: '-', vaultName: 'examplevault' }],
    [
      'PUT',
      '/-/vaults/examplevault/notification-configuration',
      { operation: 'SetVaultNotifications', accountId: '-', vaultName: 'examplevault' },
    ],
    [
      'GET',
      '/-/vaults/examplevault/notification-configuration',
      { operation: 'GetVaultNotifications', accountId: '-', vaultName: 'examplevault' },
    ],
    [
      'DELETE',
      '/-/vaults/examplevault/notification-configuration',
      { operation: 'DeleteVaultNotifications', accountId: '-', vaultName: 'examplevault' },
    ],
    ['POST', '/-/vaults/examplevault/lock-policy', { operation: 'InitiateVaultLock', accountId: '-', vaultName: 'examplevault' }],
    ['GET', '/-/vaults/examplevault/lock-policy', { operation: 'GetVaultLock', accountId: '-', vaultName: 'examplevault' }],
    [
      'POST',
      '/-/vaults/examplevault/lock-policy/AE863rKkWZU53SLW5be4DUcW',
      { operation: 'CompleteVaultLock', accountId: '-', vaultName: 'examplevault', lockId: 'AE863rKkWZU53SLW5be4DUcW' },
    ],
    ['DELETE', '/-/vaults/examplevault/lock-policy', { operation: 'AbortVaultLock', accountId: '-', vaultName: 'examplevault' }],
    ['POST', '/-/vaults/examplevault/tags?operation=add', { operation: 'AddTagsToVault', accountId: '-', vaultName: 'examplevault' }],
    ['GET', '/-/vaults/examplevault/tags', { operation: 'ListTagsForVault', accountId: '-', vaultName: 'examplevault' }],
    [
      'POST',
      '/-/vaults/examplevault/tags?operation=remove',
      { operation: 'RemoveTagsFromVault', accountId: '-', vaultName: 'examplevault' },
    ],
    ['POST', '/-/vaults/examplevault/archives', { operation: 'UploadArchive', accountId: '-', vaultName: 'examplevault' }],
    [
      'DELETE',
      '/-/vaults/examplevault/archives/NkbByEejwEggmBz2fTHgJrg0XBoDfjP4q6iu87-TjhqG6eGoOY9Z8i1_AUyUsuhPAdTqLHy8pTl5nfCFJmDl2yEZONi5L26Omw12vcs01MNGntHEQL8MBfGlqrEXAMPLEArchiveId',
      {
        operation: 'DeleteArchive',
        accountId: '-',
        vaultName: 'examplevault',
        archiveId:
          'NkbByEejwEggmBz2fTHgJrg0XBoDfjP4q6iu87-TjhqG6eGoOY9Z8i1_AUyUsuhPAdTqLHy8pTl5nfCFJmDl2yEZONi5L26Omw12vcs01MNGntHEQL8MBfGlqrEXAMPLEArchiveId',
      },
    ],
    [
      'POST',
      '/-/vaults/examplevault/multipart-uploads',
      { operation: 'InitiateMultipartUpload', accountId: '-', vaultName: 'examplevault' },
    ],
    [
      'PUT',
      `/-/vaults/examplevault/multipart-uploads/${upload}`,
      { operation: 'UploadMultipartPart', accountId: '-', vaultName: 'examplevault', uploadId: upload },
    ],
    [
      'POST',
      `/-/vaults/examplevault/multipart-uploads/${upload}`,
      { operation: 'CompleteMultipartUpload', accountId: '-', vaultName: 'examplevault', uploadId: upload },
    ],
    [
      'DELETE',
      `/-/vaults/examplevault/multipart-uploads/${upload}`,
      { operation: 'AbortMultipartUpload', accountId: '-', vaultName: 'examplevault', uploadId: upload },
    ],
    [
      'GET',
      `/-/vaults/examplevault/multipart-uploads/${upload}?limit=1`,
      { operation: 'ListParts', accountId: '-', vaultName: 'examplevault', uploadId: upload },
    ],
    [
      'GET',
      '/-/vaults/examplevault/multipart-uploads?limit=1',
      { operation: 'ListMultipartUploads', accountId: '-', vaultName: 'examplevault' },
    ],
    ['POST', '/-/vaults/examplevault/jobs', { operation: 'InitiateJob', accountId: '-', vaultName: 'examplevault' }],
    ['GET', `/-/vaults/examplevault/jobs/${job}`, { operation: 'DescribeJob', accountId: '-', vaultName: 'examplevault', jobId: job }],
    [
      'GET',
      '/-/vaults/examplevault/jobs?statuscode=Succeeded&completed=true',
      { operation: 'ListJobs', accountId: '-', vaultName: 'examplevault' },
    ],
    [
      'GET',
      `/-/vaults/examplevault/jobs/${job}/output`,
      { operation: 'GetJobOutput', accountId: '-', vaultName: 'examplevault', jobId: job },
    ],
    ['GET', '/-/policies/data-retrieval', { operation: 'GetDataRetrievalPolicy', accountId: '-' }],
    ['PUT', '/-/policies/data-retrieval', { operation: 'SetDataRetrievalPolicy', accountId: '-' }],
    ['GET', '/123456789012/provisioned-capacity', { operation: 'ListProvisionedCapacity', accountId: '123456789012' }],
    ['POST', '/123456789012/provisioned-capacity', { operation: 'PurchaseProvisionedCapacity', accountId: '123456789012' }],
  ];

  for (const [method, url, expected] of cases) {
    it(`routes ${method} ${url.slice(0, 70)} to ${expected.operation}`, () => {
      assert.deepEqual(route(method, url), expected);
    });
  }

  it('covers all 33 operations', () => {
    assert.equal(new Set(cases.map(([, , e]) => e.operation)).size, 33);
  });

  it('decodes percent-encoded labels', () => {
    assert.deepEqual(route('GET', '/-/vaults/my%2Evault'), { operation: 'DescribeVault', accountId: '-', vaultName: 'my.vault' });
  });

  it('refuses a malformed escape or invalid UTF-8 in any label with InvalidURI, never decoding it half-way', () => {
    for (const url of [
      '/-/vaults/%ZZ',
      '/-/vaults/v/archives/%E0%A4%A',
      '/%FF/vaults/v',
      '/-/vaults/v/multipart-uploads/%C0%AF',
      '/-/vaults/v/jobs/%',
    ]) {
      assert.throws(
        () => route('GET', url),
        (e: unknown) => isStorageError(e, 'InvalidURI'),
        url,
      );
    }
    assert.equal(route('DELETE', '/-/vaults/v/archives/a+b').operation, 'DeleteArchive');
    assert.deepEqual(route('GET', '/-/vaults/a+b'), { operation: 'DescribeVault', accountId: '-', vaultName: 'a+b' });
  });

  it('reports an empty vault name, upload id or job id as a missing parameter', () => {
    for (const [method, url, name] of [
      ['DELETE', `/-/vaults//multipart-uploads/${upload}`, 'vaultName'],
      ['PUT', '/-/vaults/', 'vaultName'],
      ['DELETE', '/-/vaults/v/multipart-uploads/', 'uploadId'],
      ['GET', '/-/vaults/v/jobs//output', 'jobId'],
      ['POST', '/-/vaults/v/tags', 'operation'],
    ] as const) {
      assert.throws(
        () => route(method, url),
        (e: unknown) => isStorageError(e, 'MissingParameter') && e.message === `Required parameter missing: ${name}`,
      );
    }
  });

  it('refuses unknown resources and methods a resource does not have', () => {
    assert.throws(
      () => route('GET', '/-/vaults/v/nothing'),
      (e: unknown) => isStorageError(e, 'InvalidURI'),
    );
    assert.throws(
      () => route('POST', '/-/vaults/v'),
      (e: unknown) => isStorageError(e, 'MethodNotAllowed'),
    );
    assert.throws(
      () => route('PUT', '/-/vaults/v/archives'),
      (e: unknown) => isStorageError(e, 'MethodNotAllowed'),
    );
    assert.throws(
      () => route('POST', '/-/vaults/v/tags?operation=merge'),
      (e: unknown) => isStorageError(e, 'InvalidArgument'),
    );
  });

  it('recognises Glacier paths without a signature, and not S3 keys that merely contain "vaults"', () => {
    assert.equal(isGlacierPath('/-/vaults'), true);
    assert.equal(isGlacierPath('/123456789012/vaults/v/archives'), true);
    assert.equal(isGlacierPath('/-/policies/data-retrieval'), true);
    assert.equal(isGlacierPath('/-/provisioned-capacity'), true);
    assert.equal(isGlacierPath('/my-bucket/vaults/key'), false);
    assert.equal(isGlacierPath('/bucket'), false);
  });
});
