import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  AbortVaultLockCommand,
  AddTagsToVaultCommand,
  CompleteVaultLockCommand,
  CreateVaultCommand,
  DeleteVaultAccessPolicyCommand,
  DeleteVaultCommand,
  DeleteVaultNotificationsCommand,
  DescribeJobCommand,
  GetDataRetrievalPolicyCommand,
  GetJobOutputCommand,
  GetVaultAccessPolicyCommand,
  GetVaultLockCommand,
  GetVaultNotificationsCommand,
  type GlacierClient,
  InitiateJobCommand,
  InitiateMultipartUploadCommand,
  InitiateVaultLockCommand,
  InvalidParameterValueException,
  LimitExceededException,
  ListProvisionedCapacityCommand,
  ListTagsForVaultCommand,
  PurchaseProvisionedCapacityCommand,
  RemoveTagsFromVaultCommand,
  ResourceNotFoundException,
  SetDataRetrievalPolicyCommand,
  SetVaultAccessPolicyCommand,
  SetVaultNotificationsCommand,
  UploadArchiveCommand,
  UploadMultipartPartCommand,
} from '@aws-sdk/client-glacier';
import { CreateBucketCommand, CreateMultipartUploadCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { callAdmin } from '../../src/cli/admin-client.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { MiB, fastJobArgs, glacierClient, pattern, region, waitFor } from './glacier-support.js';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'deny-deletes',
      Principal: '*',
      Effect: 'Deny',
      Action: 'glacier:DeleteArchive',
      Resource: 'arn:aws:glacier:us-east-1:123456789012:vaults/settings',
    },
  ],
});

/** Not in the SDK's model: JS raises GlacierServiceException named after the code. */
const accessDenied = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'AccessDeniedException' && err.$metadata?.httpStatusCode === 403;
};

describe('Glacier vault and account settings', () => {
  let server: CairnProcess;
  let client: GlacierClient;
  const v = { accountId: '-', vaultName: 'settings' };

  before(async () => {
    server = await startCairnProcess({ args: fastJobArgs });
    client = glacierClient(server.url);
    await client.send(new CreateVaultCommand(v));
  });
  after(async () => {
    client?.destroy();
    await server?.dispose();
  });

  it('stores, returns and deletes the vault access policy', async () => {
    await assert.rejects(client.send(new GetVaultAccessPolicyCommand(v)), ResourceNotFoundException);
    await client.send(new SetVaultAccessPolicyCommand({ ...v, policy: { Policy: policy } }));
    assert.deepEqual((await client.send(new GetVaultAccessPolicyCommand(v))).policy, { Policy: policy });
    await client.send(new DeleteVaultAccessPolicyCommand(v));
    await client.send(new DeleteVaultAccessPolicyCommand(v));
    await assert.rejects(client.send(new GetVaultAccessPolicyCommand(v)), ResourceNotFoundException);
    await assert.rejects(
      client.send(new SetVaultAccessPolicyCommand({ ...v, policy: { Policy: 'not json' } })),
      InvalidParameterValueException,
    );
  });

  it('stores, returns and deletes the notification configuration', async () => {
    await assert.rejects(client.send(new GetVaultNotificationsCommand(v)), ResourceNotFoundException);
    const config = {
      SNSTopic: 'arn:aws:sns:us-east-1:123456789012:topic',
      Events: ['ArchiveRetrievalCompleted', 'InventoryRetrievalCompleted'],
    };
    await client.send(new SetVaultNotificationsCommand({ ...v, vaultNotificationConfig: config }));
    assert.deepEqual((await client.send(new GetVaultNotificationsCommand(v))).vaultNotificationConfig, config);
    await assert.rejects(
      client.send(new SetVaultNotificationsCommand({ ...v, vaultNotificationConfig: { SNSTopic: 'x', Events: ['Nope'] } })),
      InvalidParameterValueException,
    );
    await client.send(new DeleteVaultNotificationsCommand(v));
    await assert.rejects(client.send(new GetVaultNotificationsCommand(v)), ResourceNotFoundException);
  });

  it('runs the vault lock state machine: initiate, abort, initiate, complete', async () => {
    await assert.rejects(client.send(new GetVaultLockCommand(v)), ResourceNotFoundException);
    const first = await client.send(new InitiateVaultLockCommand({ ...v, policy: { Policy: policy } }));
    assert.match(first.lockId ?? '', /^[A-Za-z0-9_-]{24}$/);
    const inProgress = await client.send(new GetVaultLockCommand(v));
    assert.equal(inProgress.State, 'InProgress');
    assert.equal(inProgress.Policy, policy);
    assert.equal(Date.parse(inProgress.ExpirationDate!) - Date.parse(inProgress.CreationDate!), 24 * 3600 * 1000, 'expires after 24 hours');
    await assert.rejects(client.send(new InitiateVaultLockCommand({ ...v, policy: { Policy: policy } })), accessDenied);
    await client.send(new AbortVaultLockCommand(v));
    await assert.rejects(client.send(new GetVaultLockCommand(v)), ResourceNotFoundException);

    const second = await client.send(new InitiateVaultLockCommand({ ...v, policy: { Policy: policy } }));
    await assert.rejects(client.send(new CompleteVaultLockCommand({ ...v, lockId: first.lockId! })), InvalidParameterValueException);
    await client.send(new CompleteVaultLockCommand({ ...v, lockId: second.lockId! }));
    await client.send(new CompleteVaultLockCommand({ ...v, lockId: second.lockId! }));
    const locked = await client.send(new GetVaultLockCommand(v));
    assert.equal(locked.State, 'Locked');
    assert.equal(locked.ExpirationDate, undefined);
    await assert.rejects(client.send(new AbortVaultLockCommand(v)), accessDenied);
    await assert.rejects(client.send(new CompleteVaultLockCommand({ ...v, lockId: first.lockId! })), accessDenied);
  });

  it('adds, lists and removes tags within the limits', async () => {
    assert.deepEqual((await client.send(new ListTagsForVaultCommand(v))).Tags, {});
    await client.send(new AddTagsToVaultCommand({ ...v, Tags: { team: 'archive', year: '2026' } }));
    await client.send(new AddTagsToVaultCommand({ ...v, Tags: { year: '2027' } }));
    assert.deepEqual((await client.send(new ListTagsForVaultCommand(v))).Tags, { team: 'archive', year: '2027' });
    await client.send(new RemoveTagsFromVaultCommand({ ...v, TagKeys: ['team', 'absent'] }));
    assert.deepEqual((await client.send(new ListTagsForVaultCommand(v))).Tags, { year: '2027' });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await assert.rejects(client.send(new AddTagsToVaultCommand({ ...v, Tags: many })), LimitExceededException);
    await assert.rejects(client.send(new AddTagsToVaultCommand({ ...v, Tags: { 'aws:reserved': 'x' } })), InvalidParameterValueException);
    assert.deepEqual((await client.send(new ListTagsForVaultCommand(v))).Tags, { year: '2027' }, 'a refused request changes nothing');
  });

  it('stores the data retrieval policy and provisioned capacity of the account', async () => {
    assert.deepEqual((await client.send(new GetDataRetrievalPolicyCommand({ accountId: '-' }))).Policy, { Rules: [{ Strategy: 'None' }] });
    await client.send(
      new SetDataRetrievalPolicyCommand({
        accountId: '-',
        Policy: { Rules: [{ Strategy: 'BytesPerHour', BytesPerHour: 10_737_418_240 }] },
      }),
    );
    assert.deepEqual((await client.send(new GetDataRetrievalPolicyCommand({ accountId: '-' }))).Policy, {
      Rules: [{ Strategy: 'BytesPerHour', BytesPerHour: 10_737_418_240 }],
    });
    await assert.rejects(
      client.send(new SetDataRetrievalPolicyCommand({ accountId: '-', Policy: { Rules: [{ Strategy: 'FreeTier', BytesPerHour: 5 }] } })),
      InvalidParameterValueException,
    );
    assert.deepEqual((await client.send(new ListProvisionedCapacityCommand({ accountId: '-' }))).ProvisionedCapacityList, []);
    const bought = await client.send(new PurchaseProvisionedCapacityCommand({ accountId: '-' }));
    await client.send(new PurchaseProvisionedCapacityCommand({ accountId: '-' }));
    await assert.rejects(client.send(new PurchaseProvisionedCapacityCommand({ accountId: '-' })), LimitExceededException);
    const units = (await client.send(new ListProvisionedCapacityCommand({ accountId: '-' }))).ProvisionedCapacityList ?? [];
    assert.equal(units.length, 2);
    assert.equal(units[0]?.CapacityId, bought.capacityId);
    assert.ok(Date.parse(units[0]!.ExpirationDate!) > Date.parse(units[0]!.StartDate!) + 27 * 24 * 3600 * 1000);
  });

  it('shows an incomplete Glacier upload in the same bucket counters as an S3 upload (admin API)', async () => {
    const s3 = new S3Client({ endpoint: server.url, region, credentials: testCredentials, forcePathStyle: true });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'usage-bucket' }));
      const s3Upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'usage-bucket', Key: 'k' }));
      await s3.send(
        new UploadPartCommand({ Bucket: 'usage-bucket', Key: 'k', UploadId: s3Upload.UploadId!, PartNumber: 1, Body: pattern(3000) }),
      );
    } finally {
      s3.destroy();
    }
    await client.send(new CreateVaultCommand({ accountId: '-', vaultName: 'usage-vault' }));
    const { uploadId } = await client.send(
      new InitiateMultipartUploadCommand({ accountId: '-', vaultName: 'usage-vault', partSize: String(MiB) }),
    );
    await client.send(
      new UploadMultipartPartCommand({
        accountId: '-',
        vaultName: 'usage-vault',
        uploadId: uploadId!,
        range: `bytes 0-${MiB - 1}/*`,
        body: pattern(MiB),
      }),
    );

    const admin = { endpoint: server.url, region, json: true, ...testCredentials };
    const listed = (await callAdmin(admin, 'GET', 'buckets', { namespace: 'all' })) as { buckets: Record<string, unknown>[] };
    const row = (name: string) => listed.buckets.find((b) => b.name === name);
    assert.deepEqual(
      ['usage-bucket', 'usage-vault'].map((name) => {
        const b = row(name)!;
        return [b.namespace, b.uploads, b.parts, b.partBytes];
      }),
      [
        ['s3', 1, 1, 3000],
        ['glacier', 1, 1, MiB],
      ],
    );
    const s3Only = (await callAdmin(admin, 'GET', 'buckets')) as { buckets: { name: string }[] };
    assert.ok(!s3Only.buckets.some((b) => b.name === 'usage-vault'), 'the default listing stays S3 buckets only');
    await assert.rejects(client.send(new DeleteVaultCommand({ accountId: '-', vaultName: 'usage-vault' })), InvalidParameterValueException);
  });
});

describe('Glacier jobs across a restart', () => {
  it('keeps an in-progress job and finishes it after the server restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-glacier-restart-'));
    const slow = ['--glacier-standard-delay', '1500ms'];
    let server = await startCairnProcess({ dataDir, args: slow });
    try {
      let client = glacierClient(server.url);
      const v = { accountId: '-', vaultName: 'restart' };
      await client.send(new CreateVaultCommand(v));
      const data = pattern(2 * MiB + 3, 41);
      const { archiveId } = await client.send(new UploadArchiveCommand({ ...v, body: data }));
      const { jobId } = await client.send(
        new InitiateJobCommand({ ...v, jobParameters: { Type: 'archive-retrieval', ArchiveId: archiveId! } }),
      );
      assert.equal((await client.send(new DescribeJobCommand({ ...v, jobId: jobId! }))).StatusCode, 'InProgress');
      client.destroy();
      await server.stop();

      server = await startCairnProcess({ dataDir, args: slow });
      client = glacierClient(server.url);
      const done = await waitFor('the job after the restart', async () => {
        const job = await client.send(new DescribeJobCommand({ ...v, jobId: jobId! }));
        return job.Completed === true ? job : undefined;
      });
      assert.equal(done.StatusCode, 'Succeeded');
      const out = await client.send(new GetJobOutputCommand({ ...v, jobId: jobId! }));
      assert.ok(Buffer.from(await out.body!.transformToByteArray()).equals(data));
      client.destroy();
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
