import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  type LifecycleRule,
  type S3Client,
} from '@aws-sdk/client-s3';
import { signRequest } from '../../src/auth/index.js';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { s3Client } from './helpers.js';

const BUCKET = 'rules';

describe('S3 bucket lifecycle configuration', () => {
  let server: CairnProcess;
  let s3: S3Client;
  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3.destroy();
    await server.dispose();
  });

  it('answers NoSuchLifecycleConfiguration until a configuration is set, and deletes with 204 either way', async () => {
    await assert.rejects(
      s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET })),
      (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(e.name, 'NoSuchLifecycleConfiguration');
        assert.equal(e.$metadata?.httpStatusCode, 404);
        return true;
      },
    );
    const deleted = await s3.send(new DeleteBucketLifecycleCommand({ Bucket: BUCKET }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
  });

  it('stores rules and gives them back as they were given', async () => {
    const rules: LifecycleRule[] = [
      { ID: 'abort-tmp', Filter: { Prefix: 'tmp/' }, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 3 } },
      { ID: 'everything', Filter: {}, Status: 'Disabled', Expiration: { Days: 400 } },
      {
        ID: 'tiers',
        Filter: { And: { Prefix: 'logs/', Tags: [{ Key: 'tier', Value: 'cold' }], ObjectSizeGreaterThan: 1024 } },
        Status: 'Enabled',
        Transitions: [
          { Days: 30, StorageClass: 'STANDARD_IA' },
          { Days: 90, StorageClass: 'DEEP_ARCHIVE' },
        ],
      },
      { ID: 'dated', Filter: { ObjectSizeLessThan: 10 }, Status: 'Enabled', Expiration: { Date: new Date('2030-01-01T00:00:00Z') } },
    ];
    const put = await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: BUCKET, LifecycleConfiguration: { Rules: rules } }));
    assert.equal(put.$metadata.httpStatusCode, 200);
    const got = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));
    assert.deepEqual(got.Rules, rules);

    await s3.send(new DeleteBucketLifecycleCommand({ Bucket: BUCKET }));
    await assert.rejects(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET })), { name: 'NoSuchLifecycleConfiguration' });
  });

  it("refuses invalid rules with S3's codes and messages, keeping the configuration it had", async () => {
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: BUCKET,
        LifecycleConfiguration: { Rules: [{ ID: 'kept', Filter: { Prefix: '' }, Status: 'Enabled', Expiration: { Days: 9 } }] },
      }),
    );
    const cases: [LifecycleRule[], string, string | undefined][] = [
      [
        [{ ID: 'x'.repeat(256), Filter: {}, Status: 'Enabled', Expiration: { Days: 1 } }],
        'InvalidArgument',
        'ID length should not exceed allowed limit of 255',
      ],
      [
        [
          { ID: 'same', Filter: { Prefix: 'a' }, Status: 'Enabled', Expiration: { Days: 1 } },
          { ID: 'same', Filter: { Prefix: 'b' }, Status: 'Enabled', Expiration: { Days: 2 } },
        ],
        'InvalidArgument',
        'Rule ID must be unique. Found same ID for more than one rule',
      ],
      [
        [{ ID: 'zero', Filter: {}, Status: 'Enabled', Expiration: { Days: 0 } }],
        'InvalidArgument',
        "'Days' for Expiration action must be a positive integer",
      ],
      [
        [{ ID: 'noon', Filter: {}, Status: 'Enabled', Expiration: { Date: new Date('2030-01-01T12:00:00Z') } }],
        'InvalidArgument',
        "'Date' must be at midnight GMT",
      ],
      [
        [
          {
            ID: 'tagged',
            Filter: { Tag: { Key: 'k', Value: 'v' } },
            Status: 'Enabled',
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
        'InvalidRequest',
        'AbortIncompleteMultipartUpload cannot be specified with Tags.',
      ],
      [[{ ID: 'lazy', Filter: {}, Status: 'Enabled' }], 'InvalidRequest', 'At least one action needs to be specified in a rule'],
      [[{ ID: 'status', Filter: {}, Status: 'enabled' as never, Expiration: { Days: 1 } }], 'MalformedXML', undefined],
    ];
    for (const [Rules, code, message] of cases) {
      await assert.rejects(
        s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: BUCKET, LifecycleConfiguration: { Rules } })),
        (e: Error & { $metadata?: { httpStatusCode?: number } }) => {
          assert.equal(e.name, code, Rules[0]?.ID);
          assert.equal(e.$metadata?.httpStatusCode, 400);
          if (message !== undefined) assert.equal(e.message, message);
          return true;
        },
      );
    }
    const got = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }));
    assert.deepEqual(
      got.Rules?.map((r) => r.ID),
      ['kept'],
    );
  });

  it('requires an integrity check on the body, as S3 does', async () => {
    const body = `<LifecycleConfiguration><Rule><ID>r</ID><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>`;
    const url = new URL(server.url);
    const signed = signRequest({ method: 'PUT', path: `/${BUCKET}`, query: 'lifecycle=', headers: { host: url.host } }, testCredentials, {
      region: 'us-east-1',
      service: 's3',
      body,
    });
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          method: 'PUT',
          host: url.hostname,
          port: url.port,
          path: `/${BUCKET}?lifecycle=`,
          headers: { ...signed.headers, 'content-length': String(body.length) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(status, 400);
    assert.match(text, /<Code>InvalidRequest<\/Code><Message>Missing required header for this request: Content-MD5<\/Message>/);
  });

  it('round-trips rules with rule-level prefixes and generated IDs through boto3', async (t) => {
    const script = `
import boto3, json, sys
from botocore.config import Config
s3 = boto3.client('s3', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3], config=Config(s3={'addressing_style': 'path'}))
rules = [{'ID': 'test1/', 'Expiration': {'Days': 31}, 'Prefix': 'test1/', 'Status': 'Enabled'},
         {'ID': 'test2/', 'Expiration': {'Days': 120}, 'Prefix': 'test2/', 'Status': 'Enabled'}]
s3.put_bucket_lifecycle_configuration(Bucket='${BUCKET}', LifecycleConfiguration={'Rules': rules})
same = s3.get_bucket_lifecycle_configuration(Bucket='${BUCKET}')['Rules'] == rules
s3.put_bucket_lifecycle_configuration(Bucket='${BUCKET}', LifecycleConfiguration={'Rules': [
    {'Prefix': 'a/', 'Status': 'Enabled', 'AbortIncompleteMultipartUpload': {'DaysAfterInitiation': 2}}]})
got = s3.get_bucket_lifecycle_configuration(Bucket='${BUCKET}')['Rules'][0]
print(json.dumps({'same': same, 'id': got.get('ID'), 'prefix': got.get('Prefix'), 'abort': got['AbortIncompleteMultipartUpload']}))
`;
    const run = await new Promise<{ ok: boolean; out: string; err: string }>((resolve) =>
      execFile('python3', ['-c', script, server.url, testCredentials.accessKeyId, testCredentials.secretAccessKey], (error, out, err) =>
        resolve({ ok: error === null, out, err }),
      ),
    );
    if (!run.ok && /No module named 'boto3'|ENOENT/.test(run.err)) {
      t.skip('python3 with boto3 is not installed');
      return;
    }
    assert.ok(run.ok, run.err);
    const result = JSON.parse(run.out) as { same: boolean; id: string; prefix: string; abort: { DaysAfterInitiation: number } };
    assert.equal(result.same, true);
    assert.match(result.id, /^[A-Za-z0-9+/=]{48}$/);
    assert.equal(result.prefix, 'a/');
    assert.deepEqual(result.abort, { DaysAfterInitiation: 2 });
  });
});
