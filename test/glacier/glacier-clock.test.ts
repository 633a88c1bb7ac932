import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { rootOnlyAuthorizer, signRequest } from '../../src/auth/index.js';
import type { WireRequest, WireResponse } from '../../src/dialects/common/wire.js';
import { parseQuery } from '../../src/dialects/common/wire.js';
import { createGlacierDialect, type GlacierDialect } from '../../src/dialects/glacier/glacier-dialect.js';
import type { SqliteMetadataStore } from '../../src/storage/sqlite/sqlite-metadata-store.js';
import { coreFixture, rootPrincipal, type CoreFixture } from '../support/core-fixture.js';
import { treeHash } from './glacier-support.js';

const credentials = { accessKeyId: 'CKCLOCKTESTKEY000001', secretAccessKey: 'clock-test-secret' };
const HOUR = 3_600_000;

/** The Glacier dialect in memory, on the real adapters, with a clock the test moves. */
describe('Glacier behaviour that depends on time', () => {
  let f: CoreFixture;
  let glacier: GlacierDialect;

  before(async () => {
    f = await coreFixture({ tombstoneWindowMs: HOUR });
    glacier = createGlacierDialect({
      ctx: f.ctx,
      region: 'us-east-1',
      lookupKey: async (id) =>
        id === credentials.accessKeyId ? { ...credentials, accountId: rootPrincipal.accountId, userName: null, createdAt: 0 } : undefined,
      authorizer: rootOnlyAuthorizer(),
      jobStore: (f.ctx.meta as SqliteMetadataStore).jobs(),
      tierDelays: { expedited: 60_000, standard: 4 * HOUR, bulk: 12 * HOUR },
      jobRetentionMs: 24 * HOUR,
    });
    assert.equal((await send('PUT', '/-/vaults/clock')).status, 201);
  });
  after(async () => {
    await f?.close();
  });

  async function send(
    method: string,
    url: string,
    body: Buffer | string = '',
    extra: Record<string, string> = {},
  ): Promise<WireResponse & { json: () => unknown }> {
    const [path = '', query = ''] = url.split('?');
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const signed = signRequest(
      { method, path, query, headers: { host: 'glacier.local', 'x-amz-glacier-version': '2012-06-01', ...extra } },
      credentials,
      { region: 'us-east-1', service: 'glacier', body: bytes, now: f.ctx.clock() },
    );
    const req: WireRequest = {
      id: 'req',
      method,
      rawPath: path,
      rawQuery: query,
      query: parseQuery(query),
      headers: { ...signed.headers, 'content-length': String(bytes.length) },
      body: Readable.from(bytes.length === 0 ? [] : [bytes]),
      remoteAddress: '127.0.0.1',
      receivedAt: f.ctx.clock(),
      log: {},
    };
    assert.equal(glacier.detect(req), true);
    const response = await glacier.handle(req);
    return { ...response, json: () => JSON.parse(response.body as string) as unknown };
  }

  it('completes a job after its tier delay and forgets it after the retention period', async () => {
    const archive = Buffer.from('clockwork');
    const uploaded = await send('POST', '/-/vaults/clock/archives', archive, { 'x-amz-sha256-tree-hash': treeHash(archive) });
    assert.equal(uploaded.status, 201);
    const archiveId = String(uploaded.headers['x-amz-archive-id']);
    const initiated = await send(
      'POST',
      '/-/vaults/clock/jobs',
      JSON.stringify({ Type: 'archive-retrieval', ArchiveId: archiveId, Tier: 'Expedited' }),
    );
    assert.equal(initiated.status, 202);
    const jobPath = `/-/vaults/clock/jobs/${String(initiated.headers['x-amz-job-id'])}`;
    f.advance(59_999);
    assert.equal((await glacier.maintainJobs()).completed, 0);
    assert.deepEqual(pick((await send('GET', jobPath)).json(), 'StatusCode', 'Completed', 'Tier'), {
      StatusCode: 'InProgress',
      Completed: false,
      Tier: 'Expedited',
    });
    f.advance(1);
    assert.equal((await glacier.maintainJobs()).completed, 1);
    assert.deepEqual(pick((await send('GET', jobPath)).json(), 'StatusCode', 'Completed', 'SHA256TreeHash'), {
      StatusCode: 'Succeeded',
      Completed: true,
      SHA256TreeHash: treeHash(archive),
    });
    f.advance(24 * HOUR - 1);
    assert.equal((await send('GET', `${jobPath}/output`)).status, 200, 'output kept for 24 hours');
    f.advance(1);
    const gone = await send('GET', jobPath);
    assert.equal(gone.status, 404);
    assert.equal((gone.json() as { code: string }).code, 'ResourceNotFoundException');
    assert.equal((await glacier.maintainJobs()).purged, 1);
  });

  it('lets an aborted upload be aborted again only within the tombstone window', async () => {
    const initiated = await send('POST', '/-/vaults/clock/multipart-uploads', '', { 'x-amz-part-size': '1048576' });
    const uploadPath = `/-/vaults/clock/multipart-uploads/${String(initiated.headers['x-amz-multipart-upload-id'])}`;
    assert.equal((await send('DELETE', uploadPath)).status, 204);
    f.advance(HOUR - 1);
    assert.equal((await send('DELETE', uploadPath)).status, 204);
    f.advance(2);
    const late = await send('DELETE', uploadPath);
    assert.equal(late.status, 404);
    assert.equal((late.json() as { code: string }).code, 'ResourceNotFoundException');
  });

  it('expires an in-progress vault lock after 24 hours', async () => {
    const lock = await send('POST', '/-/vaults/clock/lock-policy', JSON.stringify({ Policy: '{"Version":"2012-10-17","Statement":[]}' }));
    assert.equal(lock.status, 201);
    f.advance(24 * HOUR - 1);
    assert.equal((await send('GET', '/-/vaults/clock/lock-policy')).status, 200);
    f.advance(1);
    assert.equal((await send('GET', '/-/vaults/clock/lock-policy')).status, 404, 'the lock and its policy are gone');
    const completed = await send('POST', `/-/vaults/clock/lock-policy/${String(lock.headers['x-amz-lock-id'])}`);
    assert.equal(completed.status, 400, 'an expired lock cannot be completed');
    assert.equal((await send('POST', '/-/vaults/clock/lock-policy', JSON.stringify({ Policy: '{}' }))).status, 201, 'a new lock may start');
  });
});

function pick(value: unknown, ...names: string[]): Record<string, unknown> {
  const record = value as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, record[n]]));
}
