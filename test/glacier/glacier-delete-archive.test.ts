import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CreateVaultCommand,
  DeleteArchiveCommand,
  DescribeVaultCommand,
  GlacierClient,
  ResourceNotFoundException,
  UploadArchiveCommand,
  UploadMultipartPartCommand,
  InitiateMultipartUploadCommand,
  CompleteMultipartUploadCommand,
} from '@aws-sdk/client-glacier';
import { callAdmin } from '../../src/cli/admin-client.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { MiB, glacierClient, pattern, region, treeHash } from './glacier-support.js';

describe('Glacier DeleteArchive only ever deletes from the caller’s own vault', () => {
  let server: CairnProcess;
  let mine: GlacierClient;
  let theirs: GlacierClient;

  before(async () => {
    server = await startCairnProcess();
    mine = glacierClient(server.url);
    const created = (await callAdmin({ endpoint: server.url, ...testCredentials, region }, 'POST', 'accounts', {}, { name: 'other' })) as {
      accessKeyId: string;
      secretAccessKey: string;
    };
    theirs = new GlacierClient({ endpoint: server.url, region, credentials: created, maxAttempts: 1 });
    for (const client of [mine, theirs]) await client.send(new CreateVaultCommand({ accountId: '-', vaultName: 'shared-name' }));
    await mine.send(new CreateVaultCommand({ accountId: '-', vaultName: 'second' }));
  });
  after(async () => {
    mine?.destroy();
    theirs?.destroy();
    await server?.dispose();
  });

  const archiveCount = async (client: GlacierClient, vaultName: string) =>
    (await client.send(new DescribeVaultCommand({ accountId: '-', vaultName }))).NumberOfArchives;

  async function rejectsNotFound(promise: Promise<unknown>): Promise<void> {
    await assert.rejects(promise, (e: unknown) => {
      assert.ok(e instanceof ResourceNotFoundException, String(e));
      assert.equal(e.$metadata.httpStatusCode, 404);
      assert.match(e.message, /^Archive not found for ARN: arn:aws:glacier:us-east-1:\d{12}:vaults\/shared-name\/archives\//);
      return true;
    });
  }

  it('answers ResourceNotFoundException for another account’s archive and leaves it intact', async () => {
    const body = pattern(1000, 5);
    const theirArchive = await theirs.send(
      new UploadArchiveCommand({ accountId: '-', vaultName: 'shared-name', body, checksum: treeHash(body) }),
    );
    await rejectsNotFound(
      mine.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'shared-name', archiveId: theirArchive.archiveId! })),
    );
    assert.equal(await archiveCount(theirs, 'shared-name'), 1, 'their archive is still there');
    await theirs.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'shared-name', archiveId: theirArchive.archiveId! }));
    assert.equal(await archiveCount(theirs, 'shared-name'), 0);
  });

  it('answers ResourceNotFoundException for an id no vault of the caller ever had, or one of another of its vaults', async () => {
    const random = randomBytes(103).toString('base64url');
    await rejectsNotFound(mine.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'shared-name', archiveId: random })));
    await rejectsNotFound(mine.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'shared-name', archiveId: 'short' })));
    const body = pattern(10, 1);
    const elsewhere = await mine.send(new UploadArchiveCommand({ accountId: '-', vaultName: 'second', body, checksum: treeHash(body) }));
    await rejectsNotFound(
      mine.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'shared-name', archiveId: elsewhere.archiveId! })),
    );
    assert.equal(await archiveCount(mine, 'second'), 1);
  });

  it('still deletes its own archives idempotently, single-request and multipart alike', async () => {
    const small = pattern(2000, 9);
    const one = await mine.send(
      new UploadArchiveCommand({ accountId: '-', vaultName: 'shared-name', body: small, checksum: treeHash(small) }),
    );
    const big = pattern(MiB + 10, 4);
    const { uploadId } = await mine.send(
      new InitiateMultipartUploadCommand({ accountId: '-', vaultName: 'shared-name', partSize: String(MiB) }),
    );
    for (const [start, end] of [
      [0, MiB],
      [MiB, big.length],
    ] as const) {
      const part = big.subarray(start, end);
      await mine.send(
        new UploadMultipartPartCommand({
          accountId: '-',
          vaultName: 'shared-name',
          uploadId,
          range: `bytes ${start}-${end - 1}/*`,
          body: part,
          checksum: treeHash(part),
        }),
      );
    }
    const two = await mine.send(
      new CompleteMultipartUploadCommand({
        accountId: '-',
        vaultName: 'shared-name',
        uploadId,
        archiveSize: String(big.length),
        checksum: treeHash(big),
      }),
    );
    assert.equal(await archiveCount(mine, 'shared-name'), 2);
    for (const archiveId of [one.archiveId!, two.archiveId!]) {
      for (let i = 0; i < 2; i++) {
        const out = await mine.send(new DeleteArchiveCommand({ accountId: '-', vaultName: 'shared-name', archiveId }));
        assert.equal(out.$metadata.httpStatusCode, 204);
      }
    }
    assert.equal(await archiveCount(mine, 'shared-name'), 0);
  });
});
