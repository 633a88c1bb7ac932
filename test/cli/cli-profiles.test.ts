import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { cairnCli, cairnEnv, freshHome } from './cli-support.js';

describe('cairn reads ~/.aws/credentials and ~/.aws/config like the aws CLI', () => {
  let server: CairnProcess;
  let home: string;
  let other: { accessKeyId: string; secretAccessKey: string };
  /** Only HOME: the endpoint and the keys come from the files. */
  const env = (extra: Record<string, string> = {}) => ({
    ...cairnEnv(server, home),
    AWS_ENDPOINT_URL: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    CAIRN_ROOT_ACCESS_KEY: '',
    CAIRN_ROOT_SECRET_KEY: '',
    ...extra,
  });

  before(async () => {
    server = await startCairnProcess();
    home = freshHome();
    const created = await cairnCli(['admin', 'accounts', 'create', 'other', '--json'], cairnEnv(server, home));
    assert.equal(created.code, 0, created.stderr);
    other = JSON.parse(created.stdout) as { accessKeyId: string; secretAccessKey: string };
    const aws = path.join(home, '.aws');
    await import('node:fs/promises').then((fs) => fs.mkdir(aws, { recursive: true }));
    writeFileSync(
      path.join(aws, 'credentials'),
      `[default]\naws_access_key_id = ${testCredentials.accessKeyId}\naws_secret_access_key = ${testCredentials.secretAccessKey}\n\n` +
        `[other]\naws_access_key_id = ${other.accessKeyId}\naws_secret_access_key = ${other.secretAccessKey}\n`,
    );
    writeFileSync(
      path.join(aws, 'config'),
      `[default]\nendpoint_url = ${server.url}\n\n[profile other]\nendpoint_url = ${server.url}\nregion = us-east-1\n`,
    );
    assert.equal((await cairnCli(['mb', 's3://root-bucket'], env())).code, 0);
    assert.equal((await cairnCli(['mb', 's3://other-bucket', '--profile', 'other'], env())).code, 0);
  });

  after(async () => {
    await server.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  const buckets = async (args: string[], extra: Record<string, string> = {}) => {
    const r = await cairnCli(['ls', '--json', ...args], env(extra));
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { buckets: { name: string }[] }).buckets.map((b) => b.name);
  };

  it('uses [default] with no profile named, and the keys of the profile --profile or AWS_PROFILE names', async () => {
    assert.deepEqual(await buckets([]), ['root-bucket']);
    assert.deepEqual(await buckets(['--profile', 'other']), ['other-bucket']);
    assert.deepEqual(await buckets([], { AWS_PROFILE: 'other' }), ['other-bucket']);
    assert.deepEqual(await buckets(['--profile', 'default'], { AWS_PROFILE: 'other' }), ['root-bucket'], 'the flag wins');
  });

  it('lets environment keys beat the files, and --profile beat the environment', async () => {
    const keys = { AWS_ACCESS_KEY_ID: other.accessKeyId, AWS_SECRET_ACCESS_KEY: other.secretAccessKey };
    assert.deepEqual(await buckets([], keys), ['other-bucket']);
    assert.deepEqual(await buckets(['--profile', 'default'], keys), ['root-bucket']);
  });

  it('fails with the server’s error for wrong keys, and with exit 2 for a profile that does not exist', async () => {
    const wrong = await cairnCli(['ls'], env({ AWS_ACCESS_KEY_ID: 'CKNOSUCHKEY000000000', AWS_SECRET_ACCESS_KEY: 'x' }));
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /cairn: InvalidAccessKeyId: /);
    const missing = await cairnCli(['ls', '--profile', 'nope'], env());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /the profile 'nope' is in neither/);
    const endpoint = await cairnCli(['ls', '--endpoint', 'http://127.0.0.1:1'], env());
    assert.equal(endpoint.code, 1, 'the flag wins over endpoint_url');
    assert.match(endpoint.stderr, /ECONNREFUSED/);
  });
});
