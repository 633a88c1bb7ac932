import assert from 'node:assert/strict';
import { readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateVaultCommand,
  DescribeVaultCommand,
  type GlacierClient,
  InitiateMultipartUploadCommand,
  InvalidParameterValueException,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  MissingParameterValueException,
  ServiceUnavailableException,
  UploadArchiveCommand,
  UploadMultipartPartCommand,
} from '@aws-sdk/client-glacier';
import { signRequest } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { MiB, fastJobArgs, glacierClient, pattern, region, treeHash } from './glacier-support.js';

/** Bytes of every blob file on disk: "nothing stored" means this does not move. */
function blobBytes(dataDir: string): number {
  let total = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else total += st.size;
    }
  };
  walk(path.join(dataDir, 'blobs'));
  return total;
}

const vault = 'rules';

describe('Glacier upload rules', () => {
  let server: CairnProcess;
  let client: GlacierClient;

  before(async () => {
    server = await startCairnProcess({ args: [...fastJobArgs, '--idle-timeout', '400ms', '--inline-max-size', '0'] });
    client = glacierClient(server.url);
    await client.send(new CreateVaultCommand({ accountId: '-', vaultName: vault }));
  });
  after(async () => {
    client?.destroy();
    await server?.dispose();
  });

  const invalid = (message: string | RegExp) => (e: unknown) => {
    assert.ok(e instanceof InvalidParameterValueException, String(e));
    assert.equal(e.$metadata.httpStatusCode, 400);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  };

  async function initiate(partSize = MiB): Promise<string> {
    const out = await client.send(new InitiateMultipartUploadCommand({ accountId: '-', vaultName: vault, partSize: String(partSize) }));
    return out.uploadId!;
  }

  function part(uploadId: string, start: number, body: Buffer, extra: { range?: string; checksum?: string } = {}) {
    return client.send(
      new UploadMultipartPartCommand({
        accountId: '-',
        vaultName: vault,
        uploadId,
        range: extra.range ?? `bytes ${start}-${start + body.length - 1}/*`,
        body,
        ...(extra.checksum === undefined ? {} : { checksum: extra.checksum }),
      }),
    );
  }

  async function partsOf(uploadId: string): Promise<string[]> {
    const out = await client.send(new ListPartsCommand({ accountId: '-', vaultName: vault, uploadId }));
    return (out.Parts ?? []).map((p) => p.RangeInBytes!);
  }

  it('returns the reference tree-hash vectors for uploaded archives', async () => {
    const vectors: [string, Buffer, string][] = [
      ['"a"', Buffer.from('a'), 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb'],
      ['1 MiB of 0x61', Buffer.alloc(MiB, 0x61), '9bc1b2a288b26af7257a36277ae3816a7d4f16e89c1e7e77d0a5c48bad62b360'],
      ['1 MiB + 1 byte of 0x61', Buffer.alloc(MiB + 1, 0x61), '8dd49bbc6297567fac3852c2deddcdbc57358bc403c10d4f6dc64b143ad9b27b'],
      ['3 MiB + 5 bytes of 0x78', Buffer.alloc(3 * MiB + 5, 0x78), 'b99aee269ec6c573766cf3de9dea272369ecb6940e467e26fdba47437bd8188a'],
      ['7 MiB of 0x00', Buffer.alloc(7 * MiB, 0), '091961d52b7a7681230b75c5652a1750690133b6762b02f012513265e80dde30'],
    ];
    for (const [name, data, expected] of vectors) {
      assert.equal(treeHash(data), expected, `the test's own tree hash agrees with the vector for ${name}`);
      const out = await client.send(new UploadArchiveCommand({ accountId: '-', vaultName: vault, body: data }));
      assert.equal(out.checksum, expected, name);
    }
  });

  it('completes the reference multipart vector from 2 MiB part tree hashes', async () => {
    const data = Buffer.alloc(7 * MiB + 123);
    for (let i = 0; i < data.length; i++) data[i] = (7 * i + 3) % 251;
    const uploadId = await initiate(2 * MiB);
    for (let start = 0; start < data.length; start += 2 * MiB) await part(uploadId, start, data.subarray(start, start + 2 * MiB));
    const whole = '648e17872ee3e858635526cdc4d47e30aba397dd9c368bf9610786b9a3006ba7';
    const done = await client.send(
      new CompleteMultipartUploadCommand({ accountId: '-', vaultName: vault, uploadId, archiveSize: String(data.length), checksum: whole }),
    );
    assert.equal(done.checksum, whole);
  });

  it('refuses an empty archive with "Invalid Content-Length: 0"', async () => {
    const url = new URL(server.url);
    const p = `/-/vaults/${vault}/archives`;
    const signed = signRequest(
      {
        method: 'POST',
        path: p,
        headers: { host: url.host, 'x-amz-glacier-version': '2012-06-01', 'x-amz-sha256-tree-hash': treeHash(Buffer.alloc(0)) },
      },
      testCredentials,
      { region, service: 'glacier', body: '' },
    );
    const res = await fetch(new URL(p, server.url), { method: 'POST', headers: { ...signed.headers, 'content-length': '0' }, body: '' });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { code: 'InvalidParameterValueException', message: 'Invalid Content-Length: 0', type: 'Client' });
  });

  it('refuses an archive whose bytes do not match x-amz-content-sha256, storing nothing', async () => {
    const url = new URL(server.url);
    const p = `/-/vaults/${vault}/archives`;
    const body = pattern(4000, 9);
    const claimed = treeHash(pattern(4000, 10));
    const signed = signRequest(
      {
        method: 'POST',
        path: p,
        headers: { host: url.host, 'x-amz-glacier-version': '2012-06-01', 'x-amz-sha256-tree-hash': treeHash(body) },
      },
      testCredentials,
      { region, service: 'glacier', payloadHash: claimed },
    );
    const bytesBefore = blobBytes(server.dataDir);
    const res = await fetch(new URL(p, server.url), { method: 'POST', headers: signed.headers, body });
    assert.equal(res.status, 400);
    const error = (await res.json()) as { code: string; message: string };
    assert.equal(error.code, 'InvalidParameterValueException');
    assert.match(error.message, /x-amz-content-sha256/);
    assert.equal(blobBytes(server.dataDir), bytesBefore);
  });

  it('answers RequestTimeoutException 408 when the client stops sending the body', async () => {
    const url = new URL(server.url);
    const p = `/-/vaults/${vault}/archives`;
    const full = pattern(10_000, 12);
    const signed = signRequest(
      {
        method: 'POST',
        path: p,
        headers: { host: url.host, 'x-amz-glacier-version': '2012-06-01', 'x-amz-sha256-tree-hash': treeHash(full) },
      },
      testCredentials,
      { region, service: 'glacier', body: full },
    );
    const bytesBefore = blobBytes(server.dataDir);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: p,
          headers: { ...signed.headers, 'content-length': String(full.length) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text });
            req.destroy();
          });
        },
      );
      req.on('error', reject);
      req.write(full.subarray(0, 100)); // and then nothing
    });
    assert.equal(status, 408);
    assert.equal((JSON.parse(body) as { code: string }).code, 'RequestTimeoutException');
    assert.equal(blobBytes(server.dataDir), bytesBefore);
  });

  it('refuses a part size that is not 1 MiB x 2^n up to 4 GiB, creating no upload', async () => {
    const before = (await client.send(new ListMultipartUploadsCommand({ accountId: '-', vaultName: vault }))).UploadsList?.length;
    for (const size of ['3145728', '0', '524288', '8589934592', '10485760']) {
      await assert.rejects(
        client.send(new InitiateMultipartUploadCommand({ accountId: '-', vaultName: vault, partSize: size })),
        invalid(
          `Invalid part size: ${size}. Part size must not be null, must be a power of two and be between 1048576 and 4294967296 bytes.`,
        ),
      );
    }
    const after = (await client.send(new ListMultipartUploadsCommand({ accountId: '-', vaultName: vault }))).UploadsList?.length;
    assert.equal(after, before);
  });

  it('refuses misaligned, oversized, missing and inconsistent Content-Ranges, storing nothing', async () => {
    const uploadId = await initiate(MiB);
    const bytesBefore = blobBytes(server.dataDir);
    const body = pattern(MiB);
    await assert.rejects(
      part(uploadId, 512, body),
      invalid(/^Content-Range: bytes 512-1049087\/\* does not align with the part size of 1048576 bytes/),
    );
    await assert.rejects(part(uploadId, 0, pattern(2 * MiB)), invalid(/does not align with the part size/));
    await assert.rejects(part(uploadId, 0, body, { range: 'bytes 0-4194303/*' }), invalid(/does not align/));
    await assert.rejects(
      part(uploadId, 0, pattern(1000), { range: `bytes 0-${MiB - 1}/*` }),
      invalid(`Content-Range: bytes 0-${MiB - 1}/* is incompatible with Content-Length: 1000`),
    );
    await assert.rejects(
      part(uploadId, 0, body, { range: 'bytes 909994937-909994936/*' }),
      invalid('Invalid Content-Range: bytes 909994937-909994936/*'),
    );
    await assert.rejects(
      client.send(new UploadMultipartPartCommand({ accountId: '-', vaultName: vault, uploadId, body })),
      (e: unknown) => e instanceof MissingParameterValueException && e.message === 'Required parameter missing: Content-Range',
    );
    await assert.rejects(
      part(uploadId, 10_000 * MiB, pattern(10)),
      invalid('This is part number 10001 for the current multipart upload. It exceeds the limit of 10000 parts.'),
    );
    assert.deepEqual(await partsOf(uploadId), []);
    assert.equal(blobBytes(server.dataDir), bytesBefore, 'no bytes were kept');
  });

  it('refuses a part or an archive whose tree hash is wrong, storing nothing', async () => {
    const uploadId = await initiate(MiB);
    const body = pattern(MiB, 17);
    const wrong = treeHash(pattern(MiB, 18));
    const bytesBefore = blobBytes(server.dataDir);
    const archivesBefore = (await client.send(new DescribeVaultCommand({ accountId: '-', vaultName: vault }))).NumberOfArchives;
    await assert.rejects(
      part(uploadId, 0, body, { checksum: wrong }),
      invalid(`Checksum mismatch: expected ${wrong}, computed ${treeHash(body)}`),
    );
    await assert.rejects(
      client.send(new UploadArchiveCommand({ accountId: '-', vaultName: vault, body, checksum: wrong })),
      invalid(`Checksum mismatch: expected ${wrong}, computed ${treeHash(body)}`),
    );
    assert.deepEqual(await partsOf(uploadId), []);
    assert.equal((await client.send(new DescribeVaultCommand({ accountId: '-', vaultName: vault }))).NumberOfArchives, archivesBefore);
    assert.equal(blobBytes(server.dataDir), bytesBefore);
  });

  it('refuses a completion with a wrong archive size, tree hash or part sizes, and the upload stays open', async () => {
    const uploadId = await initiate(MiB);
    const data = pattern(MiB + 1000, 23);
    await part(uploadId, 0, data.subarray(0, MiB));
    await part(uploadId, MiB, data.subarray(MiB));
    const whole = treeHash(data);
    const complete = (archiveSize: string, checksum?: string) =>
      client.send(
        new CompleteMultipartUploadCommand({
          accountId: '-',
          vaultName: vault,
          uploadId,
          archiveSize,
          ...(checksum === undefined ? {} : { checksum }),
        }),
      );
    const archivesBefore = (await client.send(new DescribeVaultCommand({ accountId: '-', vaultName: vault }))).NumberOfArchives;
    await assert.rejects(complete(String(data.length + 1), whole), invalid(/^The archive size 1049577 does not match the parts uploaded/));
    await assert.rejects(complete(String(data.length - 1), whole), invalid(/^The archive size 1049575 does not match the parts uploaded/));
    await assert.rejects(complete(String(3 * MiB), whole), invalid(/^The part at 1048576-1049575 is 1000 bytes; every part but the last/));
    await assert.rejects(
      complete(String(data.length), treeHash(data.subarray(1))),
      invalid(`Invalid x-amz-sha256-tree-hash: ${treeHash(data.subarray(1))}`),
    );
    await assert.rejects(
      complete(String(data.length)),
      (e: unknown) => e instanceof MissingParameterValueException && e.message === 'Required parameter missing: x-amz-sha256-tree-hash',
    );
    assert.equal((await client.send(new DescribeVaultCommand({ accountId: '-', vaultName: vault }))).NumberOfArchives, archivesBefore);
    assert.deepEqual(await partsOf(uploadId), [`0-${MiB - 1}`, `${MiB}-${data.length - 1}`], 'the upload is still in progress');

    // A short part that is not the last is accepted when uploaded, and refused at completion.
    const short = await initiate(MiB);
    await part(short, 0, pattern(1000));
    await part(short, MiB, pattern(1000));
    await assert.rejects(
      client.send(
        new CompleteMultipartUploadCommand({
          accountId: '-',
          vaultName: vault,
          uploadId: short,
          archiveSize: String(MiB + 1000),
          checksum: whole,
        }),
      ),
      invalid(/^The part at 0-999 is 1000 bytes; every part but the last must be exactly the part size of 1048576 bytes\.$/),
    );

    // A gap in the ranges.
    const gap = await initiate(MiB);
    await part(gap, MiB, pattern(1000));
    await assert.rejects(
      client.send(
        new CompleteMultipartUploadCommand({
          accountId: '-',
          vaultName: vault,
          uploadId: gap,
          archiveSize: String(MiB + 1000),
          checksum: whole,
        }),
      ),
      invalid('The multipart upload is missing the range 0-1048575.'),
    );

    const done = await complete(String(data.length), whole);
    assert.equal(done.checksum, whole, 'the same upload completes once the values are right');
  });

  it('answers ServiceUnavailableException 500 while the data directory cannot take writes', async () => {
    const tmp = path.join(server.dataDir, 'tmp');
    const failing = glacierClient(server.url, { maxAttempts: 1 });
    // Root ignores file modes, so make the temp directory impossible to write into: replace it with a file.
    rmSync(tmp, { recursive: true, force: true });
    writeFileSync(tmp, 'not a directory');
    try {
      await assert.rejects(
        failing.send(new UploadArchiveCommand({ accountId: '-', vaultName: vault, body: pattern(5000) })),
        (e: unknown) => {
          assert.ok(e instanceof ServiceUnavailableException, String(e));
          assert.equal(e.$metadata.httpStatusCode, 500);
          assert.equal(e.$fault, 'server');
          return true;
        },
      );
      const uploadId = await initiate(MiB);
      await assert.rejects(part(uploadId, 0, pattern(MiB)), ServiceUnavailableException);
    } finally {
      rmSync(tmp, { force: true });
      mkdirSync(tmp);
      failing.destroy();
    }
    const ok = await client.send(new UploadArchiveCommand({ accountId: '-', vaultName: vault, body: pattern(5000) }));
    assert.equal(ok.checksum, treeHash(pattern(5000)), 'writes work again once the directory is back');
  });
});
