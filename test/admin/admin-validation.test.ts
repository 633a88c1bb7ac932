import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { rawHttp, type RawHttpResponse } from '../support/raw-http.js';
import { signS3 } from '../support/signers.js';

interface AdminError {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string; readonly requestId: string };
}

describe('the admin API refuses input it cannot read, and changes nothing', () => {
  let server: CairnProcess;
  const bucket = 'guarded';
  const uploadIds: string[] = [];
  const idOf: Record<string, string> = {};

  async function admin(method: string, rawPath: string, rawQuery = '', body?: Buffer | string): Promise<RawHttpResponse> {
    const headers = signS3({ method, rawPath, rawQuery, headers: { host: `127.0.0.1:${server.port}` }, body: body ?? '' });
    return rawHttp(server.port, { method, rawPath, rawQuery, headers, ...(body === undefined ? {} : { body }) });
  }
  const s3 = (method: string, rawPath: string, rawQuery = '', body?: string) => admin(method, rawPath, rawQuery, body);

  async function uploadsLeft(): Promise<string[]> {
    const res = await s3('GET', `/${bucket}`, 'uploads');
    assert.equal(res.status, 200);
    return [...res.body.toString().matchAll(/<UploadId>([^<]+)<\/UploadId>/g)].map((m) => m[1]!).sort();
  }

  function assertRefused(res: RawHttpResponse, field: string | undefined, code = 'InvalidArgument'): AdminError['error'] {
    assert.equal(res.status, code === 'RequestBodyTooLarge' ? 413 : 400, res.body.toString());
    assert.equal(res.headers['content-type'], 'application/json', `${res.status} ${JSON.stringify(res.headers)} ${res.body.toString()}`);
    const { error } = JSON.parse(res.body.toString()) as AdminError;
    assert.equal(error.code, code);
    assert.equal(error.field, field);
    if (field !== undefined) assert.ok(error.message.includes(field), error.message);
    assert.match(error.requestId, /^[0-9A-F]+$/);
    return error;
  }

  before(async () => {
    server = await startCairnProcess();
    assert.equal((await s3('PUT', `/${bucket}`)).status, 200);
    for (const key of ['a', 'b/c', 'b/d', 'e']) {
      const created = await s3('POST', `/${bucket}/${key}`, 'uploads');
      const id = /<UploadId>([^<]+)<\/UploadId>/.exec(created.body.toString())?.[1];
      assert.ok(id !== undefined);
      uploadIds.push(id);
      idOf[key] = id;
      assert.equal((await s3('PUT', `/${bucket}/${key}`, `partNumber=1&uploadId=${id}`, 'part bytes')).status, 200);
    }
    uploadIds.sort();
  });
  after(async () => server?.dispose());

  const abortPath = `/_cairn/admin/v1/buckets/${bucket}/uploads/abort`;

  for (const [body, field, code] of [
    ['"str"', 'body'],
    ['{"uploadIds":"notarray"}', 'uploadIds'],
    ['{"initiatedBefore":"garbage"}', 'initiatedBefore'],
    ['{"initiatedBefore":12345}', 'initiatedBefore'],
    ['{"initiatedBefore":"2026-02-30T00:00:00Z","all":true}', 'initiatedBefore'],
    ['{}', 'all', 'MissingParameter'],
    ['', 'all', 'MissingParameter'],
    ['{"prefix":""}', 'all', 'MissingParameter'],
    ['{"prefix":"b/"}', 'all', 'MissingParameter'],
    ['[]', 'body'],
    ['null', 'body'],
    ['42', 'body'],
    ['{"all":false}', 'all'],
    ['{"all":"true"}', 'all'],
    ['{"all":1}', 'all'],
    ['{"all":null}', 'all'],
    ['{"uploadIds":[]}', 'uploadIds'],
    ['{"uploadIds":[1]}', 'uploadIds[0]'],
    ['{"uploadIds":[""]}', 'uploadIds[0]'],
    ['{"all":true,"uploadIds":["x"]}', 'uploadIds'],
    ['{"all":true,"prefx":"b/"}', 'prefx'],
    ['{"initiatedbefore":"2020-01-01","all":true}', 'initiatedbefore'],
    ['{"all":true,"prefix":7}', 'prefix'],
    ['{"all": true', 'body', 'MalformedJSON'],
    ['{"all":true}garbage', 'body', 'MalformedJSON'],
    [`${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'body'],
    [`{"all":${'['.repeat(15_000)}${']'.repeat(15_000)}}`, 'all'],
  ] as const) {
    it(`refuses the abort filter ${body === '' ? '(empty body)' : body.slice(0, 60)} with ${code ?? 'InvalidArgument'} naming ${field}`, async () => {
      assertRefused(await admin('POST', abortPath, '', body), field, code);
      assert.deepEqual(await uploadsLeft(), uploadIds, 'every upload is still there');
    });
  }

  it('refuses an abort filter that is not UTF-8', async () => {
    assertRefused(await admin('POST', abortPath, '', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), undefined, 'MalformedJSON');
    assert.deepEqual(await uploadsLeft(), uploadIds);
  });

  it('refuses an abort filter larger than the limit before reading it', async () => {
    const big = JSON.stringify({ all: true, prefix: 'x'.repeat(300 * 1024) });
    assertRefused(await admin('POST', abortPath, '', big), undefined, 'RequestBodyTooLarge');
    assert.deepEqual(await uploadsLeft(), uploadIds);
  });

  it('refuses unknown and malformed query parameters on every kind of endpoint', async () => {
    assertRefused(await admin('GET', `/_cairn/admin/v1/buckets/${bucket}/uploads`, 'limit=abc'), 'limit');
    assertRefused(await admin('GET', `/_cairn/admin/v1/buckets/${bucket}/uploads`, 'limit=0'), 'limit');
    assertRefused(await admin('GET', `/_cairn/admin/v1/buckets/${bucket}/uploads`, 'limit=1&limit=2'), 'limit');
    assertRefused(await admin('GET', `/_cairn/admin/v1/buckets/${bucket}/uploads`, 'prefx=b'), 'prefx');
    assertRefused(await admin('GET', `/_cairn/admin/v1/buckets/${bucket}/uploads`, 'pageToken=garbage'), 'pageToken');
    assertRefused(await admin('GET', `/_cairn/admin/v1/buckets/${bucket}/uploads/${uploadIds[0]}/parts`, 'after=-1'), 'after');
    assertRefused(await admin('GET', '/_cairn/admin/v1/buckets', 'namespace=everything'), 'namespace');
    assertRefused(await admin('GET', '/_cairn/admin/v1/buckets', 'all=maybe'), 'all');
    assertRefused(await admin('GET', '/_cairn/admin/v1/usage', 'from=yesterday'), 'from');
    assertRefused(await admin('GET', '/_cairn/admin/v1/lifecycle/passes', 'limit=1e3'), 'limit');
    assertRefused(await admin('POST', abortPath, 'all=true', '{"all":true}'), 'all');
    assert.deepEqual(await uploadsLeft(), uploadIds);
  });

  it('refuses wrong types in the other bodies, and bodies where none belongs', async () => {
    assertRefused(await admin('POST', '/_cairn/admin/v1/lifecycle/run', '', '{"dryRun":"yes"}'), 'dryRun');
    assertRefused(await admin('POST', '/_cairn/admin/v1/lifecycle/run', '', '{"at":1700000000000}'), 'at');
    assertRefused(await admin('POST', '/_cairn/admin/v1/accounts', '', '{"name":["x"]}'), 'name');
    assertRefused(await admin('POST', '/_cairn/admin/v1/accounts', '', '{}'), 'name', 'MissingParameter');
    assertRefused(await admin('POST', '/_cairn/admin/v1/accounts', '', '{"name":"x","admin":true}'), 'admin');
    assertRefused(await admin('GET', '/_cairn/admin/v1/accounts', '', '{"all":true}'), 'body', 'InvalidRequest');
    assertRefused(
      await admin('DELETE', `/_cairn/admin/v1/buckets/${bucket}/uploads/${uploadIds[0]}`, '', '{"x":1}'),
      'body',
      'InvalidRequest',
    );
    const accounts = JSON.parse((await admin('GET', '/_cairn/admin/v1/accounts')).body.toString()) as { accounts: unknown[] };
    assert.equal(accounts.accounts.length, 1, 'no account was created');
    assert.deepEqual(await uploadsLeft(), uploadIds);
  });

  for (const rawPath of [
    '/_cairn/admin/v1/%',
    '/_cairn/admin/v1/accounts/%ZZ',
    '/_cairn/admin/v1/buckets/%E0%A4%A/uploads',
    '/_cairn/admin/v1/buckets/%FF%FF%FF%FF/uploads',
    '/_cairn/admin/v1/buckets/B/uploads/%C0%AF/parts',
    '/_cairn/admin/v1/buckets/B/uploads/%ED%A0%80',
  ]) {
    it(`answers the malformed escape in ${rawPath} with 400 InvalidURI in the admin API's JSON`, async () => {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const res = await admin(method, rawPath);
        assertRefused(res, undefined, 'InvalidURI');
      }
    });
  }

  it('aborts with an explicit all:true, narrowed by initiatedBefore and prefix', async () => {
    const none = await admin('POST', abortPath, '', '{"all":true,"initiatedBefore":"2000-01-01"}');
    assert.equal(none.status, 200);
    assert.deepEqual(JSON.parse(none.body.toString()), { aborted: 0, parts: 0, bytes: 0 });
    assert.deepEqual(await uploadsLeft(), uploadIds);

    const one = idOf.a!;
    const byId = await admin('POST', abortPath, '', JSON.stringify({ uploadIds: [one, 'no-such-upload'] }));
    assert.equal(byId.status, 200);
    assert.deepEqual(JSON.parse(byId.body.toString()), { aborted: 1, parts: 1, bytes: 10 });
    assert.deepEqual(
      await uploadsLeft(),
      uploadIds.filter((id) => id !== one),
    );

    const prefixed = await admin('POST', abortPath, '', '{"all":true,"prefix":"b/"}');
    assert.deepEqual(JSON.parse(prefixed.body.toString()), { aborted: 2, parts: 2, bytes: 20 });
    const rest = await admin('POST', abortPath, '', '{"all":true}');
    assert.deepEqual(JSON.parse(rest.body.toString()), { aborted: 1, parts: 1, bytes: 10 });
    assert.deepEqual(await uploadsLeft(), []);
  });
});
