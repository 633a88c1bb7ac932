import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectVersionsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startCairnProcess, type CairnProcess } from '../support/cairn-process.js';
import { bodyBytes, s3Client, sdkError } from '../support/s3-client.js';

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

describe('S3 buckets and objects with @aws-sdk/client-s3', () => {
  let server: CairnProcess;
  let s3: S3Client;
  const Bucket = 'sdk-objects';

  before(async () => {
    server = await startCairnProcess();
    s3 = s3Client(server);
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  after(async () => {
    s3?.destroy();
    await server?.dispose();
  });

  it('creates, heads and lists buckets with their owner and region', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'second-bucket' }));
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'second-bucket' }));
    assert.equal(head.BucketRegion, 'us-east-1');
    const list = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(
      list.Buckets?.map((b) => b.Name),
      [Bucket, 'second-bucket'],
    );
    assert.match(list.Owner?.ID ?? '', /^\d{12}$/);
    assert.ok(list.Buckets?.[0]?.CreationDate instanceof Date);
    const location = await s3.send(new GetBucketLocationCommand({ Bucket }));
    assert.equal(location.LocationConstraint, undefined);
    assert.equal((await sdkError(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })))).status, 404);
    assert.equal((await sdkError(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).name, 'InvalidBucketName');
    await s3.send(new DeleteBucketCommand({ Bucket: 'second-bucket' }));
  });

  it('puts and gets an object with its metadata, content headers and MD5 entity tag', async () => {
    const body = randomBytes(100_000);
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/report.bin',
        Body: body,
        ContentType: 'application/x-report',
        ContentDisposition: 'attachment; filename="r.bin"',
        CacheControl: 'max-age=60',
        ContentLanguage: 'en',
        Metadata: { owner: 'alice', project: 'cairn' },
        StorageClass: 'STANDARD_IA',
      }),
    );
    assert.equal(put.ETag, `"${md5(body)}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'docs/report.bin' }));
    assert.deepEqual(await bodyBytes(got.Body), body);
    assert.equal(got.ContentType, 'application/x-report');
    assert.equal(got.ContentDisposition, 'attachment; filename="r.bin"');
    assert.equal(got.CacheControl, 'max-age=60');
    assert.equal(got.ContentLanguage, 'en');
    assert.deepEqual(got.Metadata, { owner: 'alice', project: 'cairn' });
    assert.equal(got.StorageClass, 'STANDARD_IA');
    assert.equal(got.ContentLength, body.length);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/report.bin' }));
    assert.equal(head.ETag, put.ETag);
    assert.equal(head.ContentLength, body.length);
    assert.equal((await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'missing' })))).name, 'NoSuchKey');
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'missing' })))).status, 404);
  });

  it('serves ranges: closed, open, suffix, and 416 beyond the end', async () => {
    const body = Buffer.from('0123456789abcdefghij');
    await s3.send(new PutObjectCommand({ Bucket, Key: 'range.txt', Body: body }));
    const cases: [string, string, string][] = [
      ['bytes=2-5', '2345', 'bytes 2-5/20'],
      ['bytes=15-', 'fghij', 'bytes 15-19/20'],
      ['bytes=-3', 'hij', 'bytes 17-19/20'],
      ['bytes=18-100', 'ij', 'bytes 18-19/20'],
    ];
    for (const [Range, expected, contentRange] of cases) {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range }));
      assert.equal((await bodyBytes(got.Body)).toString(), expected, Range);
      assert.equal(got.ContentRange, contentRange);
      assert.equal(got.$metadata.httpStatusCode, 206);
    }
    const beyond = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'range.txt', Range: 'bytes=20-' })));
    assert.equal(beyond.name, 'InvalidRange');
    assert.equal(beyond.status, 416);
  });

  it('answers conditional requests with 304 and 412', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'x' }));
    const etag = put.ETag!;
    const modified = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfNoneMatch: etag })));
    assert.equal(modified.status, 304);
    const failed = await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfMatch: '"0000"' })));
    assert.equal(failed.name, 'PreconditionFailed');
    assert.equal(failed.status, 412);
    const future = new Date(Date.now() + 3600_000);
    assert.equal((await sdkError(s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfModifiedSince: future })))).status, 304);
    const past = new Date(Date.now() - 3600_000);
    assert.equal((await sdkError(s3.send(new HeadObjectCommand({ Bucket, Key: 'cond.txt', IfUnmodifiedSince: past })))).status, 412);
    const ok = await s3.send(new GetObjectCommand({ Bucket, Key: 'cond.txt', IfMatch: etag, IfModifiedSince: past }));
    assert.equal((await bodyBytes(ok.Body)).toString(), 'x');
    // Conditional writes: If-None-Match: * refuses to overwrite.
    const exists = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: 'cond.txt', Body: 'y', IfNoneMatch: '*' })));
    assert.equal(exists.status, 412);
  });

  it('applies response-* overrides to a GET', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'override.txt', Body: 'x', ContentType: 'text/plain' }));
    const got = await s3.send(
      new GetObjectCommand({
        Bucket,
        Key: 'override.txt',
        ResponseContentType: 'application/json',
        ResponseContentDisposition: 'inline',
        ResponseCacheControl: 'no-cache',
      }),
    );
    assert.equal(got.ContentType, 'application/json');
    assert.equal(got.ContentDisposition, 'inline');
    assert.equal(got.CacheControl, 'no-cache');
    await bodyBytes(got.Body);
  });

  it('keeps odd keys exactly: unicode, spaces, dot segments, double slashes and percent signs', async () => {
    const keys = [
      'ünïcödé/日本語/😀.txt',
      'with space/and+plus',
      '../escape/../attempt',
      'a//b///c',
      '100%/%2F/%',
      'trailing/',
      '?query&hash#',
    ];
    for (const Key of keys) {
      await s3.send(new PutObjectCommand({ Bucket, Key: `odd/${Key}`, Body: Key }));
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: `odd/${Key}` }));
      assert.equal((await bodyBytes(got.Body)).toString(), Key);
    }
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'odd/' }));
    const expected = keys.map((k) => `odd/${k}`).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    assert.deepEqual(
      listed.Contents?.map((c) => c.Key),
      expected,
    );
  });

  it('accepts a 1024-byte key and refuses a 1025-byte key with KeyTooLongError', async () => {
    const key1024 = `${'k'.repeat(1020)}éxy`; // 'é' is two bytes in UTF-8
    assert.equal(Buffer.byteLength(key1024), 1024);
    await s3.send(new PutObjectCommand({ Bucket, Key: key1024, Body: 'long' }));
    assert.equal((await bodyBytes((await s3.send(new GetObjectCommand({ Bucket, Key: key1024 }))).Body)).toString(), 'long');
    const tooLong = await sdkError(s3.send(new PutObjectCommand({ Bucket, Key: `${key1024}z`, Body: 'x' })));
    assert.equal(tooLong.name, 'KeyTooLongError');
    assert.equal(tooLong.status, 400);
    await s3.send(new DeleteObjectCommand({ Bucket, Key: key1024 }));
  });

  it('copies with the COPY and REPLACE metadata directives and copy-source conditions', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'copy/src', Body: 'source', ContentType: 'text/a', Metadata: { a: '1' } }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket, Key: 'copy/dst1', CopySource: `${Bucket}/copy/src` }));
    assert.equal(copied.CopyObjectResult?.ETag, `"${md5('source')}"`);
    const head1 = await s3.send(new HeadObjectCommand({ Bucket, Key: 'copy/dst1' }));
    assert.equal(head1.ContentType, 'text/a');
    assert.deepEqual(head1.Metadata, { a: '1' });
    await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'copy/dst2',
        CopySource: `${Bucket}/copy/src`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/b',
        Metadata: { b: '2' },
      }),
    );
    const head2 = await s3.send(new HeadObjectCommand({ Bucket, Key: 'copy/dst2' }));
    assert.equal(head2.ContentType, 'text/b');
    assert.deepEqual(head2.Metadata, { b: '2' });
    const cond = await sdkError(
      s3.send(new CopyObjectCommand({ Bucket, Key: 'copy/dst3', CopySource: `${Bucket}/copy/src`, CopySourceIfMatch: '"nope"' })),
    );
    assert.equal(cond.status, 412);
    const self = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'copy/src', CopySource: `${Bucket}/copy/src` })));
    assert.equal(self.name, 'InvalidRequest');
    const missing = await sdkError(s3.send(new CopyObjectCommand({ Bucket, Key: 'copy/x', CopySource: `${Bucket}/copy/none` })));
    assert.equal(missing.name, 'NoSuchKey');
  });

  it('lists with ListObjects, ListObjectsV2 and ListObjectVersions: prefixes, delimiters, paging', async () => {
    const B = 'listing-bucket';
    await s3.send(new CreateBucketCommand({ Bucket: B }));
    const keys = ['a/1', 'a/2', 'a/b/3', 'b/4', 'c', 'd e/5'];
    for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: B, Key, Body: Key }));
    const v2 = await s3.send(new ListObjectsV2Command({ Bucket: B, Delimiter: '/' }));
    assert.deepEqual(
      v2.Contents?.map((c) => c.Key),
      ['c'],
    );
    assert.deepEqual(
      v2.CommonPrefixes?.map((p) => p.Prefix),
      ['a/', 'b/', 'd e/'],
    );
    assert.equal(v2.KeyCount, 4);
    const seen: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: B, MaxKeys: 2, ContinuationToken, FetchOwner: true }));
      seen.push(...(page.Contents ?? []).map((c) => c.Key!));
      assert.match(page.Contents?.[0]?.Owner?.ID ?? '', /^\d{12}$/);
      ContinuationToken = page.NextContinuationToken;
    } while (ContinuationToken !== undefined);
    assert.deepEqual(seen, keys);
    const started = await s3.send(new ListObjectsV2Command({ Bucket: B, StartAfter: 'a/b/3' }));
    assert.deepEqual(
      started.Contents?.map((c) => c.Key),
      ['b/4', 'c', 'd e/5'],
    );
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: B, Prefix: 'a/', Delimiter: '/', MaxKeys: 1 }));
    assert.equal(v1.IsTruncated, true);
    assert.equal(v1.NextMarker, 'a/1');
    const v1b = await s3.send(new ListObjectsCommand({ Bucket: B, Prefix: 'a/', Delimiter: '/', Marker: 'a/1' }));
    assert.deepEqual(
      v1b.Contents?.map((c) => c.Key),
      ['a/2'],
    );
    assert.deepEqual(
      v1b.CommonPrefixes?.map((p) => p.Prefix),
      ['a/b/'],
    );
    const encoded = await s3.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'd e/', EncodingType: 'url' }));
    assert.deepEqual(
      encoded.Contents?.map((c) => c.Key),
      ['d%20e/5'],
    );
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: B }));
    assert.deepEqual(
      versions.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest]),
      keys.map((k) => [k, 'null', true]),
    );
  });

  it('deletes one key, many keys (quiet and verbose, VersionId null) and refuses to delete a non-empty bucket', async () => {
    const B = 'delete-bucket';
    await s3.send(new CreateBucketCommand({ Bucket: B }));
    for (const Key of ['x', 'y', 'z', 'w']) await s3.send(new PutObjectCommand({ Bucket: B, Key, Body: Key }));
    const notEmpty = await sdkError(s3.send(new DeleteBucketCommand({ Bucket: B })));
    assert.equal(notEmpty.name, 'BucketNotEmpty');
    assert.equal(notEmpty.status, 409);
    assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'w', VersionId: 'null' }))).$metadata.httpStatusCode, 204);
    assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'never-existed' }))).$metadata.httpStatusCode, 204);
    const verbose = await s3.send(
      new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'x' }, { Key: 'y', VersionId: 'null' }] } }),
    );
    assert.deepEqual(verbose.Deleted?.map((d) => d.Key).sort(), ['x', 'y']);
    const quiet = await s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'z' }], Quiet: true } }));
    assert.equal(quiet.Deleted, undefined);
    assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: B }))).KeyCount, 0);
    await s3.send(new DeleteBucketCommand({ Bucket: B }));
  });

  it('serves presigned GET and PUT URLs and refuses a tampered one', async () => {
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'presigned.txt' }), { expiresIn: 300 });
    const put = await fetch(putUrl, { method: 'PUT', body: 'via presigned put' });
    assert.equal(put.status, 200);
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'presigned.txt' }), { expiresIn: 300 });
    const got = await fetch(getUrl);
    assert.equal(got.status, 200);
    assert.equal(await got.text(), 'via presigned put');
    const tampered = await fetch(getUrl.replace('presigned.txt', 'presigned.txX'));
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  it('answers an operation Cairn does not implement with 501 NotImplemented', async () => {
    const res = await sdkError(
      s3.send(
        new (await import('@aws-sdk/client-s3')).PutBucketWebsiteCommand({
          Bucket,
          WebsiteConfiguration: { IndexDocument: { Suffix: 'i.html' } },
        }),
      ),
    );
    assert.equal(res.status, 501);
    assert.equal(res.name, 'NotImplemented');
  });
});
