import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startCairnProcess, testCredentials, type CairnProcess } from '../support/cairn-process.js';
import { aliOss, type AliOssOptions } from '../support/ali-oss.js';
import { bodyBytes } from '../support/s3-client.js';
import { aws } from '../support/run-tool.js';

describe('HTTPS with a generated certificate (--tls-self-signed)', () => {
  let cairn: CairnProcess;
  let ca: Buffer;
  let caFile: string;

  before(async () => {
    cairn = await startCairnProcess({ args: ['--tls-self-signed'] });
    caFile = path.join(cairn.dataDir, 'tls', 'localhost.crt');
    ca = readFileSync(caFile);
  });
  after(async () => {
    await cairn.dispose();
  });

  it('announces https:// and the certificate fingerprint', () => {
    assert.match(cairn.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(cairn.stdout(), /SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  });

  it('serves @aws-sdk/client-s3 over TLS', async () => {
    const s3 = new S3Client({
      endpoint: cairn.url,
      region: 'us-east-1',
      credentials: testCredentials,
      forcePathStyle: true,
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca, keepAlive: true }) }),
    });
    try {
      await s3.send(new CreateBucketCommand({ Bucket: 'tls-sdk' }));
      await s3.send(new PutObjectCommand({ Bucket: 'tls-sdk', Key: 'k', Body: 'over tls' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: 'tls-sdk', Key: 'k' }));
      assert.equal((await bodyBytes(got.Body)).toString(), 'over tls');
    } finally {
      s3.destroy();
    }
  });

  it('serves the aws CLI with --ca-bundle', async () => {
    const file = path.join(cairn.dataDir, 'cli-upload.txt');
    writeFileSync(file, 'hello over https\n');
    const url = { url: cairn.url.replace('127.0.0.1', 'localhost') };
    await aws(url, ['s3', 'mb', 's3://tls-cli', '--ca-bundle', caFile]);
    await aws(url, ['s3', 'cp', file, 's3://tls-cli/hello.txt', '--ca-bundle', caFile]);
    const out = await aws(url, ['s3', 'cp', 's3://tls-cli/hello.txt', '-', '--ca-bundle', caFile]);
    assert.equal(out, 'hello over https\n');
  });

  it('serves ali-oss with secure: true', async () => {
    // Path style on localhost: with an IP endpoint ali-oss would send an aliyuncs.com Host the certificate does not name.
    const oss = aliOss(cairn, 'V4', {
      endpoint: `https://localhost:${cairn.port}`,
      sldEnable: true,
      secure: true,
      httpsAgent: new Agent({ ca }),
    } as Partial<AliOssOptions>);
    await oss.putBucket('tls-oss');
    oss.useBucket('tls-oss');
    await oss.put('k', Buffer.from('oss over tls'));
    assert.equal((await oss.get('k')).content.toString(), 'oss over tls');
  });

  it('refuses TLS 1.1 and plain HTTP on the TLS port', async () => {
    const { connect } = await import('node:tls');
    const outcome = await new Promise<string>((resolve) => {
      const s = connect({ host: '127.0.0.1', port: cairn.port, ca, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' }, () =>
        resolve('connected'),
      );
      s.on('error', () => resolve('refused'));
    });
    assert.equal(outcome, 'refused');
  });
});
