import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateVaultCommand,
  DeleteArchiveCommand,
  DeleteVaultCommand,
  DescribeJobCommand,
  DescribeVaultCommand,
  GetJobOutputCommand,
  type GlacierClient,
  InitiateJobCommand,
  InitiateMultipartUploadCommand,
  ListJobsCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  ListVaultsCommand,
  ResourceNotFoundException,
  InvalidParameterValueException,
  UploadArchiveCommand,
  UploadMultipartPartCommand,
} from '@aws-sdk/client-glacier';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { MiB, fastJobArgs, glacierClient, pattern, treeHash, waitFor } from './glacier-support.js';

describe('Glacier through @aws-sdk/client-glacier', () => {
  let server: CairnProcess;
  let client: GlacierClient;
  let accountId: string;

  before(async () => {
    server = await startCairnProcess({ args: fastJobArgs });
    client = glacierClient(server.url);
    const created = await client.send(new CreateVaultCommand({ accountId: '-', vaultName: 'sdk-vault' }));
    accountId = /^\/(\d{12})\/vaults\/sdk-vault$/.exec(created.location ?? '')?.[1] ?? '';
    assert.match(accountId, /^\d{12}$/, `Location shows the numeric account id: ${created.location}`);
  });
  after(async () => {
    client?.destroy();
    await server?.dispose();
  });

  async function succeeded(vaultName: string, jobId: string) {
    return waitFor(`job ${jobId}`, async () => {
      const job = await client.send(new DescribeJobCommand({ accountId: '-', vaultName, jobId }));
      return job.Completed === true ? job : undefined;
    });
  }

  it('creates, describes, lists and deletes vaults', async () => {
    const again = await client.send(new CreateVaultCommand({ accountId, vaultName: 'sdk-vault' }));
    assert.equal(again.$metadata.httpStatusCode, 201, 'creating an existing vault succeeds again');
    for (const name of ['lc-a', 'lc-b', 'lc-c']) await client.send(new CreateVaultCommand({ accountId: '-', vaultName: name }));
    const described = await client.send(new DescribeVaultCommand({ accountId: '-', vaultName: 'lc-a' }));
    assert.equal(described.VaultName, 'lc-a');
    assert.equal(described.VaultARN, `arn:aws:glacier:us-east-1:${accountId}:vaults/lc-a`);
    assert.equal(described.NumberOfArchives, 0);
    assert.equal(described.SizeInBytes, 0);
    assert.match(described.CreationDate ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const first = await client.send(new ListVaultsCommand({ accountId: '-', limit: 2 }));
    assert.deepEqual(
      first.VaultList?.map((v) => v.VaultName),
      ['lc-a', 'lc-b'],
    );
    assert.equal(first.Marker, `arn:aws:glacier:us-east-1:${accountId}:vaults/lc-c`);
    const second = await client.send(new ListVaultsCommand({ accountId: '-', limit: 2, marker: first.Marker }));
    assert.deepEqual(
      second.VaultList?.map((v) => v.VaultName),
      ['lc-c', 'sdk-vault'],
    );
    assert.equal(second.Marker, undefined);

    await client.send(new DeleteVaultCommand({ accountId: '-', vaultName: 'lc-b' }));
    await assert.rejects(client.send(new DescribeVaultCommand({ accountId: '-', vaultName: 'lc-b' })), (e: unknown) => {
      assert.ok(e instanceof ResourceNotFoundException);
      assert.equal(e.$metadata.httpStatusCode, 404);
      assert.equal(e.message, `Vault not found for ARN: arn:aws:glacier:us-east-1:${accountId}:vaults/lc-b`);
      return true;
    });
    await assert.rejects(client.send(new CreateVaultCommand({ accountId: '-', vaultName: 'bad/name!' })), InvalidParameterValueException);
  });

  it('uploads an archive with its tree hash and refuses to delete a vault that holds it', async () => {
    const data = pattern(3 * MiB + 5);
    const out = await client.send(
      new UploadArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', body: data, archiveDescription: 'three and a bit' }),
    );
    assert.equal(out.$metadata.httpStatusCode, 201);
    assert.equal(out.checksum, treeHash(data));
    assert.match(out.archiveId ?? '', /^[A-Za-z0-9_-]{138}$/);
    assert.equal(out.location, `/${accountId}/vaults/sdk-vault/archives/${out.archiveId}`);
    const described = await client.send(new DescribeVaultCommand({ accountId: '-', vaultName: 'sdk-vault' }));
    assert.equal(described.NumberOfArchives, 1);
    assert.equal(described.SizeInBytes, data.length);
    await assert.rejects(client.send(new DeleteVaultCommand({ accountId: '-', vaultName: 'sdk-vault' })), (e: unknown) => {
      assert.ok(e instanceof InvalidParameterValueException);
      assert.match(e.message, /^Vault not empty or recently written to: arn:aws:glacier:/);
      return true;
    });
    await client.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', archiveId: out.archiveId! }));
    await client.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', archiveId: out.archiveId! }));
    assert.equal((await client.send(new DescribeVaultCommand({ accountId: '-', vaultName: 'sdk-vault' }))).NumberOfArchives, 0);
  });

  it('uploads an archive in three parts whose tree hashes the test computes itself', async () => {
    const partSize = MiB;
    const data = pattern(2 * MiB + 123_456, 11);
    const initiated = await client.send(
      new InitiateMultipartUploadCommand({
        accountId: '-',
        vaultName: 'sdk-vault',
        partSize: String(partSize),
        archiveDescription: 'three parts',
      }),
    );
    const uploadId = initiated.uploadId!;
    assert.equal(initiated.location, `/${accountId}/vaults/sdk-vault/multipart-uploads/${uploadId}`);
    // Out of order, to show the Content-Range decides the place.
    for (const index of [2, 0, 1]) {
      const start = index * partSize;
      const part = data.subarray(start, Math.min(start + partSize, data.length));
      const out = await client.send(
        new UploadMultipartPartCommand({
          accountId: '-',
          vaultName: 'sdk-vault',
          uploadId,
          range: `bytes ${start}-${start + part.length - 1}/*`,
          body: part,
        }),
      );
      assert.equal(out.checksum, treeHash(part));
    }
    const parts = await client.send(new ListPartsCommand({ accountId: '-', vaultName: 'sdk-vault', uploadId, limit: 2 }));
    assert.equal(parts.PartSizeInBytes, partSize);
    assert.equal(parts.ArchiveDescription, 'three parts');
    assert.deepEqual(
      parts.Parts?.map((p) => p.RangeInBytes),
      ['0-1048575', '1048576-2097151'],
    );
    assert.equal(parts.Parts?.[0]?.SHA256TreeHash, treeHash(data.subarray(0, partSize)));
    const rest = await client.send(new ListPartsCommand({ accountId: '-', vaultName: 'sdk-vault', uploadId, marker: parts.Marker! }));
    assert.deepEqual(
      rest.Parts?.map((p) => p.RangeInBytes),
      [`2097152-${data.length - 1}`],
    );
    assert.equal(rest.Marker, undefined);
    const listed = await client.send(new ListMultipartUploadsCommand({ accountId: '-', vaultName: 'sdk-vault' }));
    assert.ok(listed.UploadsList?.some((u) => u.MultipartUploadId === uploadId && u.PartSizeInBytes === partSize));

    const whole = treeHash(data);
    const done = await client.send(
      new CompleteMultipartUploadCommand({
        accountId: '-',
        vaultName: 'sdk-vault',
        uploadId,
        archiveSize: String(data.length),
        checksum: whole,
      }),
    );
    assert.equal(done.$metadata.httpStatusCode, 201);
    assert.equal(done.checksum, whole);
    assert.equal(done.location, `/${accountId}/vaults/sdk-vault/archives/${done.archiveId}`);
    const retried = await client.send(
      new CompleteMultipartUploadCommand({
        accountId: '-',
        vaultName: 'sdk-vault',
        uploadId,
        archiveSize: String(data.length),
        checksum: whole,
      }),
    );
    assert.equal(retried.archiveId, done.archiveId, 'a retried complete answers with the same archive id');
    await assert.rejects(
      client.send(new ListPartsCommand({ accountId: '-', vaultName: 'sdk-vault', uploadId })),
      ResourceNotFoundException,
    );

    const job = await client.send(
      new InitiateJobCommand({
        accountId: '-',
        vaultName: 'sdk-vault',
        jobParameters: { Type: 'archive-retrieval', ArchiveId: done.archiveId!, Tier: 'Expedited' },
      }),
    );
    await succeeded('sdk-vault', job.jobId!);
    const output = await client.send(new GetJobOutputCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: job.jobId! }));
    assert.ok(Buffer.from(await output.body!.transformToByteArray()).equals(data));
    assert.equal(output.checksum, whole);
    assert.equal(output.archiveDescription, 'three parts');
    await client.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', archiveId: done.archiveId! }));
  });

  it('pages multipart uploads and inventories with limits and markers, and filters inventories by date', async () => {
    const v = { accountId: '-', vaultName: 'paging' };
    await client.send(new CreateVaultCommand(v));
    const uploads = [];
    for (let i = 0; i < 3; i++)
      uploads.push((await client.send(new InitiateMultipartUploadCommand({ ...v, partSize: String(MiB) }))).uploadId);
    const first = await client.send(new ListMultipartUploadsCommand({ ...v, limit: 2 }));
    assert.equal(first.UploadsList?.length, 2);
    assert.ok(first.Marker !== undefined);
    const second = await client.send(new ListMultipartUploadsCommand({ ...v, limit: 2, marker: first.Marker }));
    assert.equal(second.UploadsList?.length, 1);
    assert.equal(second.Marker, undefined);
    assert.deepEqual([...first.UploadsList, ...second.UploadsList].map((u) => u.MultipartUploadId).sort(), uploads.sort());
    for (const id of uploads) await client.send(new AbortMultipartUploadCommand({ ...v, uploadId: id! }));

    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await client.send(new UploadArchiveCommand({ ...v, body: pattern(100 + i) }))).archiveId!);
    const inventory = async (parameters: Record<string, string>) => {
      const { jobId } = await client.send(
        new InitiateJobCommand({
          ...v,
          jobParameters: { Type: 'inventory-retrieval', Tier: 'Expedited', InventoryRetrievalParameters: parameters },
        }),
      );
      const job = await succeeded('paging', jobId!);
      const out = await client.send(new GetJobOutputCommand({ ...v, jobId: jobId! }));
      const list = (JSON.parse(Buffer.from(await out.body!.transformToByteArray()).toString()) as { ArchiveList: { ArchiveId: string }[] })
        .ArchiveList;
      return { job, archives: list.map((a) => a.ArchiveId) };
    };
    const page1 = await inventory({ Limit: '2' });
    assert.equal(page1.archives.length, 2);
    assert.equal(page1.job.InventoryRetrievalParameters?.Limit, '2');
    const marker = page1.job.InventoryRetrievalParameters?.Marker;
    assert.ok(marker !== undefined, 'a marker for the rest');
    const page2 = await inventory({ Limit: '2', Marker: marker });
    assert.equal(page2.archives.length, 1);
    assert.equal(page2.job.InventoryRetrievalParameters?.Marker, undefined);
    assert.deepEqual([...page1.archives, ...page2.archives].sort(), [...ids].sort());
    const future = new Date(Date.now() + 3_600_000).toISOString();
    assert.deepEqual((await inventory({ StartDate: future })).archives, []);
    assert.equal((await inventory({ EndDate: future })).archives.length, 3);
    await assert.rejects(
      client.send(
        new InitiateJobCommand({ ...v, jobParameters: { Type: 'archive-retrieval', ArchiveId: ids[0]!, RetrievalByteRange: '1-50' } }),
      ),
      InvalidParameterValueException,
    );
    for (const id of ids) await client.send(new DeleteArchiveCommand({ ...v, archiveId: id }));
  });

  it('aborts an upload: parts freed, no longer listed, no more parts accepted', async () => {
    const { uploadId } = await client.send(
      new InitiateMultipartUploadCommand({ accountId: '-', vaultName: 'sdk-vault', partSize: String(MiB) }),
    );
    const part = pattern(MiB);
    await client.send(
      new UploadMultipartPartCommand({
        accountId: '-',
        vaultName: 'sdk-vault',
        uploadId: uploadId!,
        range: `bytes 0-${MiB - 1}/*`,
        body: part,
      }),
    );
    const aborted = await client.send(new AbortMultipartUploadCommand({ accountId: '-', vaultName: 'sdk-vault', uploadId: uploadId! }));
    assert.equal(aborted.$metadata.httpStatusCode, 204);
    const again = await client.send(new AbortMultipartUploadCommand({ accountId: '-', vaultName: 'sdk-vault', uploadId: uploadId! }));
    assert.equal(again.$metadata.httpStatusCode, 204, 'aborting an aborted upload succeeds for a while');
    const listed = await client.send(new ListMultipartUploadsCommand({ accountId: '-', vaultName: 'sdk-vault' }));
    assert.ok(!listed.UploadsList?.some((u) => u.MultipartUploadId === uploadId));
    await assert.rejects(
      client.send(
        new UploadMultipartPartCommand({
          accountId: '-',
          vaultName: 'sdk-vault',
          uploadId: uploadId!,
          range: `bytes 0-${MiB - 1}/*`,
          body: part,
        }),
      ),
      ResourceNotFoundException,
    );
    await assert.rejects(
      client.send(
        new CompleteMultipartUploadCommand({
          accountId: '-',
          vaultName: 'sdk-vault',
          uploadId: uploadId!,
          archiveSize: String(MiB),
          checksum: treeHash(part),
        }),
      ),
      ResourceNotFoundException,
    );
  });

  it('retrieves an archive range and the inventory through jobs, and keeps the output after the archive is deleted', async () => {
    const data = pattern(5 * MiB + 77, 29);
    const { archiveId } = await client.send(
      new UploadArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', body: data, archiveDescription: 'ranged, "quoted"' }),
    );
    const started = await client.send(
      new InitiateJobCommand({
        accountId: '-',
        vaultName: 'sdk-vault',
        jobParameters: {
          Type: 'archive-retrieval',
          ArchiveId: archiveId!,
          RetrievalByteRange: `${2 * MiB}-${4 * MiB - 1}`,
          Description: 'two MiB',
        },
      }),
    );
    assert.equal(started.$metadata.httpStatusCode, 202);
    assert.equal(started.location, `/${accountId}/vaults/sdk-vault/jobs/${started.jobId}`);
    const pending = await client.send(new DescribeJobCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: started.jobId! }));
    assert.equal(pending.StatusCode, 'InProgress', 'a Standard job takes its delay');
    assert.equal(pending.Completed, false);
    await assert.rejects(
      client.send(new GetJobOutputCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: started.jobId! })),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterValueException);
        assert.equal(e.message, `The job is not currently available for download: ${started.jobId}`);
        return true;
      },
    );
    const job = await succeeded('sdk-vault', started.jobId!);
    assert.equal(job.StatusCode, 'Succeeded');
    assert.equal(job.Action, 'ArchiveRetrieval');
    assert.equal(job.Tier, 'Standard');
    assert.equal(job.RetrievalByteRange, `${2 * MiB}-${4 * MiB - 1}`);
    assert.equal(job.ArchiveSizeInBytes, data.length);
    assert.equal(job.ArchiveSHA256TreeHash, treeHash(data));
    assert.equal(job.SHA256TreeHash, treeHash(data.subarray(2 * MiB, 4 * MiB)), 'a tree-hash-aligned range has its tree hash');
    assert.equal(job.JobDescription, 'two MiB');

    // The job holds the archive's bytes: deleting the archive does not take the output away.
    await client.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', archiveId: archiveId! }));
    const whole = await client.send(new GetJobOutputCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: started.jobId! }));
    assert.equal(whole.status, 200);
    assert.ok(Buffer.from(await whole.body!.transformToByteArray()).equals(data.subarray(2 * MiB, 4 * MiB)));
    assert.equal(whole.checksum, treeHash(data.subarray(2 * MiB, 4 * MiB)));
    assert.equal(whole.contentType, 'application/octet-stream');
    const ranged = await client.send(
      new GetJobOutputCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: started.jobId!, range: `bytes=${MiB}-${2 * MiB - 1}` }),
    );
    assert.equal(ranged.status, 206);
    assert.equal(ranged.contentRange, `bytes ${MiB}-${2 * MiB - 1}/${2 * MiB}`);
    assert.ok(Buffer.from(await ranged.body!.transformToByteArray()).equals(data.subarray(3 * MiB, 4 * MiB)));
    assert.equal(ranged.checksum, treeHash(data.subarray(3 * MiB, 4 * MiB)));
    const unaligned = await client.send(
      new GetJobOutputCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: started.jobId!, range: 'bytes=10-99' }),
    );
    assert.equal(unaligned.status, 206);
    assert.ok(Buffer.from(await unaligned.body!.transformToByteArray()).equals(data.subarray(2 * MiB + 10, 2 * MiB + 100)));
    assert.equal(unaligned.checksum, undefined, 'no tree hash for a range that is not tree-hash aligned');

    const kept = await client.send(
      new UploadArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', body: pattern(1000, 5), archiveDescription: 'kept, "quoted"' }),
    );
    const inventoryJob = await client.send(
      new InitiateJobCommand({ accountId: '-', vaultName: 'sdk-vault', jobParameters: { Type: 'inventory-retrieval', Tier: 'Bulk' } }),
    );
    const inventoryDone = await succeeded('sdk-vault', inventoryJob.jobId!);
    assert.equal(inventoryDone.Action, 'InventoryRetrieval');
    assert.equal(inventoryDone.InventoryRetrievalParameters?.Format, 'JSON');
    const inventoryOut = await client.send(new GetJobOutputCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: inventoryJob.jobId! }));
    assert.equal(inventoryOut.contentType, 'application/json');
    const inventoryText = Buffer.from(await inventoryOut.body!.transformToByteArray()).toString('utf8');
    assert.equal(inventoryDone.InventorySizeInBytes, Buffer.byteLength(inventoryText));
    const inventory = JSON.parse(inventoryText) as { VaultARN: string; InventoryDate: string; ArchiveList: Record<string, unknown>[] };
    assert.equal(inventory.VaultARN, `arn:aws:glacier:us-east-1:${accountId}:vaults/sdk-vault`);
    assert.match(inventory.InventoryDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(
      inventory.ArchiveList.map((a) => [a.ArchiveId, a.ArchiveDescription, a.Size, a.SHA256TreeHash]),
      [[kept.archiveId, 'kept, "quoted"', 1000, treeHash(pattern(1000, 5))]],
    );

    const csvJob = await client.send(
      new InitiateJobCommand({
        accountId: '-',
        vaultName: 'sdk-vault',
        jobParameters: { Type: 'inventory-retrieval', Format: 'CSV', Tier: 'Expedited' },
      }),
    );
    await succeeded('sdk-vault', csvJob.jobId!);
    const csvOut = await client.send(new GetJobOutputCommand({ accountId: '-', vaultName: 'sdk-vault', jobId: csvJob.jobId! }));
    assert.equal(csvOut.contentType, 'text/csv');
    const csv = Buffer.from(await csvOut.body!.transformToByteArray())
      .toString('utf8')
      .split('\n');
    assert.equal(csv[0], 'ArchiveId,ArchiveDescription,CreationDate,Size,SHA256TreeHash');
    assert.match(csv[1] ?? '', new RegExp(`^${kept.archiveId},"kept, \\\\"quoted\\\\"",\\d{4}-[^,]+Z,1000,${treeHash(pattern(1000, 5))}$`));

    const completed = await client.send(new ListJobsCommand({ accountId: '-', vaultName: 'sdk-vault', completed: 'true' }));
    for (const id of [started.jobId, inventoryJob.jobId, csvJob.jobId])
      assert.ok(
        completed.JobList?.some((j) => j.JobId === id),
        `${id} listed`,
      );
    const paged = await client.send(new ListJobsCommand({ accountId: '-', vaultName: 'sdk-vault', limit: 1 }));
    assert.equal(paged.JobList?.length, 1);
    const next = await client.send(new ListJobsCommand({ accountId: '-', vaultName: 'sdk-vault', limit: 1, marker: paged.Marker! }));
    assert.notEqual(next.JobList?.[0]?.JobId, paged.JobList?.[0]?.JobId);
    await assert.rejects(
      client.send(new ListJobsCommand({ accountId: '-', vaultName: 'sdk-vault', statuscode: 'finished' })),
      (e: unknown) => {
        assert.ok(e instanceof InvalidParameterValueException);
        assert.equal(e.message, 'The job status code is not valid: finished');
        return true;
      },
    );
    assert.equal(
      (await client.send(new ListJobsCommand({ accountId: '-', vaultName: 'sdk-vault', statuscode: 'InProgress' }))).JobList?.length,
      0,
    );
    await client.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'sdk-vault', archiveId: kept.archiveId! }));
  });
});
