import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { UsageError } from '../usage-error.js';
import { resolveEndpoint } from './endpoint-settings.js';
import { parseIni } from './ini-file.js';

describe('endpoint settings, resolved as the aws CLI does', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-aws-config-'));
  const credentials = path.join(dir, 'credentials');
  const config = path.join(dir, 'config');
  writeFileSync(
    credentials,
    `[default]\naws_access_key_id = DEFAULTKEY\naws_secret_access_key = default-secret\n\n[work]\naws_access_key_id=WORKKEY\naws_secret_access_key=work-secret\n`,
  );
  writeFileSync(
    config,
    `[default]\nregion = eu-west-1\n\n[profile work]\nregion = ap-south-1\nendpoint_url = http://work.example:9000\n# a comment\n[profile nested]\naws_access_key_id = NESTEDKEY\naws_secret_access_key = nested-secret\ns3 =\n  endpoint_url = http://nested.example:9100\n  addressing_style = virtual\n`,
  );
  const files = { HOME: dir, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: config };
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the default profile, and the one AWS_PROFILE or --profile names', () => {
    const d = resolveEndpoint('s3', {}, files);
    assert.deepEqual(
      [d.accessKeyId, d.secretAccessKey, d.region, d.endpoint],
      ['DEFAULTKEY', 'default-secret', 'eu-west-1', 'http://127.0.0.1:9000'],
    );
    const w = resolveEndpoint('s3', {}, { ...files, AWS_PROFILE: 'work' });
    assert.deepEqual(
      [w.accessKeyId, w.secretAccessKey, w.region, w.endpoint],
      ['WORKKEY', 'work-secret', 'ap-south-1', 'http://work.example:9000'],
    );
    const f = resolveEndpoint('s3', { profile: 'work' }, { ...files, AWS_PROFILE: 'default' });
    assert.equal(f.accessKeyId, 'WORKKEY');
    const n = resolveEndpoint('s3', { profile: 'nested' }, files);
    assert.deepEqual([n.endpoint, n.addressing], ['http://nested.example:9100', 'virtual']);
  });

  it('lets environment credentials beat the profile files, and an explicit --profile beat them', () => {
    const env = { ...files, AWS_ACCESS_KEY_ID: 'ENVKEY', AWS_SECRET_ACCESS_KEY: 'env-secret' };
    assert.equal(resolveEndpoint('s3', {}, env).accessKeyId, 'ENVKEY');
    assert.equal(resolveEndpoint('s3', { profile: 'work' }, env).accessKeyId, 'WORKKEY');
    assert.equal(resolveEndpoint('s3', { accessKey: 'FLAGKEY', secretKey: 'flag' }, env).accessKeyId, 'FLAGKEY');
  });

  it('takes the endpoint from the flag, then AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, then the profile', () => {
    const env = { ...files, AWS_PROFILE: 'work', AWS_ENDPOINT_URL: 'http://env.example:1' };
    assert.equal(resolveEndpoint('s3', {}, env).endpoint, 'http://env.example:1');
    assert.equal(resolveEndpoint('s3', {}, { ...env, AWS_ENDPOINT_URL_S3: 'http://s3.example:2' }).endpoint, 'http://s3.example:2');
    assert.equal(resolveEndpoint('s3', { endpoint: 'http://flag.example:3/' }, env).endpoint, 'http://flag.example:3');
    assert.equal(resolveEndpoint('s3', { region: 'us-west-2' }, env).region, 'us-west-2');
  });

  it('reads OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET, OSS_ENDPOINT and OSS_REGION for oss://, V4 unless --oss-v1', () => {
    const env = {
      ...files,
      OSS_ACCESS_KEY_ID: 'OSSKEY',
      OSS_ACCESS_KEY_SECRET: 'oss-secret',
      OSS_ENDPOINT: 'https://oss-cn-shanghai.aliyuncs.com',
      OSS_REGION: 'oss-cn-shanghai',
    };
    const o = resolveEndpoint('oss', {}, env);
    assert.deepEqual(
      [o.accessKeyId, o.secretAccessKey, o.endpoint, o.region, o.addressing, o.ossSignatureVersion],
      ['OSSKEY', 'oss-secret', 'https://oss-cn-shanghai.aliyuncs.com', 'cn-shanghai', 'virtual', 'v4'],
    );
    assert.equal(resolveEndpoint('oss', { ossV1: true }, env).ossSignatureVersion, 'v1');
    assert.equal(
      resolveEndpoint(
        'oss',
        {},
        {
          HOME: dir,
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
          AWS_ACCESS_KEY_ID: 'A',
          AWS_SECRET_ACCESS_KEY: 'B',
        },
      ).region,
      'cn-hangzhou',
    );
  });

  it('treats empty variables as unset, and says when there are no credentials or no such profile', () => {
    const none = { HOME: dir, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_ACCESS_KEY_ID: '' };
    assert.throws(
      () => resolveEndpoint('s3', {}, none),
      (e: Error) => e instanceof UsageError && /credentials needed/.test(e.message),
    );
    assert.throws(
      () => resolveEndpoint('s3', { profile: 'missing' }, files),
      (e: Error) => e instanceof UsageError && /profile 'missing'/.test(e.message),
    );
  });

  it('parses INI sections, comments and nested blocks', () => {
    const s = parseIni('; c\n[a]\nx = 1\ns3 =\n  y = 2\nz=3\n');
    assert.deepEqual(Object.fromEntries(s.get('a') ?? []), { x: '1', 's3.y': '2', z: '3' });
  });
});
