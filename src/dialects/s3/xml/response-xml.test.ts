// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseXml } from '../../common/xml.js';
import {
  S3_NAMESPACE,
  renderCompleteMultipartUpload,
  renderCopyObjectResult,
  renderCopyPartResult,
  renderDeleteResult,
  renderInitiateMultipartUpload,
  renderListBuckets,
  renderListMultipartUploads,
  renderListObjectVersions,
  renderListObjects,
  renderListObjectsV2,
  renderListParts,
  renderLocationConstraint,
  type ListedObject,
} from './response-xml.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed XML, shape asserted below

const LISTS = new Set(['DeleteMarker', 'Contents', 'CommonPrefixes', 'Version', 'Part', 'Upload', 'Deleted', 'Error', 'ChecksumAlgorithm']);

/**
 * Parses a response as an SDK would: values as strings, numeric references decoded, repeated
 * elements as lists (Bucket only inside Buckets), attributes kept.
 */
function parse(xml: string): Doc {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (name, path) => LISTS.has(name) || (name === 'Bucket' && String(path).endsWith('Buckets.Bucket')),
    jPath: true,
  });
  const doc = parser.parse(xml) as Doc;
  const [rootName] = Object.keys(doc).filter((k) => k !== '?xml');
  const root = doc[rootName!];
  if (typeof root === 'object' && root !== null) assert.equal(root['@xmlns'], S3_NAMESPACE, 'S3 namespace');
  return { [rootName!]: root };
}

function childNames(xml: string): string[] {
  return parseXml(xml).children.map((c) => c.name);
}

const T = Date.UTC(2019, 11, 11, 23, 32, 47);
const owner = { id: 'acct-1', displayName: 'alice' };

const obj = (key: string, extra: Partial<ListedObject> = {}): ListedObject => ({
  key,
  lastModified: T,
  etag: '9b2cf535f27731c974343645a3985328',
  size: 434234,
  storageClass: 'STANDARD',
  owner,
  ...extra,
});

describe('S3 response documents', () => {
  it('ListAllMyBucketsResult lists buckets with millisecond ISO 8601 creation dates', () => {
    const xml = renderListBuckets({
      owner,
      buckets: [
        { name: 'a', creationDate: T },
        { name: 'b', creationDate: T + 1, region: 'eu-west-1' },
      ],
    });
    assert.deepEqual(parse(xml), {
      ListAllMyBucketsResult: {
        '@xmlns': S3_NAMESPACE,
        Owner: { ID: 'acct-1', DisplayName: 'alice' },
        Buckets: {
          Bucket: [
            { Name: 'a', CreationDate: '2019-12-11T23:32:47.000Z' },
            { Name: 'b', CreationDate: '2019-12-11T23:32:47.001Z', BucketRegion: 'eu-west-1' },
          ],
        },
      },
    });
    const empty = parse(renderListBuckets({ owner: { id: 'x' }, buckets: [], continuationToken: 't', prefix: 'p' }));
    assert.deepEqual(empty['ListAllMyBucketsResult'], {
      '@xmlns': S3_NAMESPACE,
      Owner: { ID: 'x' },
      Buckets: '',
      ContinuationToken: 't',
      Prefix: 'p',
    });
  });

  it('ListBucketResult (v1) carries markers, owners and common prefixes', () => {
    const xml = renderListObjects({
      bucket: 'example',
      prefix: 'photos/',
      delimiter: '/',
      marker: 'photos/a',
      nextMarker: 'photos/b.jpg',
      maxKeys: 2,
      isTruncated: true,
      objects: [obj('photos/b.jpg')],
      commonPrefixes: ['photos/2006/'],
    });
    assert.deepEqual(parse(xml), {
      ListBucketResult: {
        '@xmlns': S3_NAMESPACE,
        Name: 'example',
        Prefix: 'photos/',
        Marker: 'photos/a',
        NextMarker: 'photos/b.jpg',
        MaxKeys: '2',
        Delimiter: '/',
        IsTruncated: 'true',
        Contents: [
          {
            Key: 'photos/b.jpg',
            LastModified: '2019-12-11T23:32:47.000Z',
            ETag: '"9b2cf535f27731c974343645a3985328"',
            Size: '434234',
            Owner: { ID: 'acct-1', DisplayName: 'alice' },
            StorageClass: 'STANDARD',
          },
        ],
        CommonPrefixes: [{ Prefix: 'photos/2006/' }],
      },
    });
    assert.match(xml, /<ETag>&quot;9b2c/);
  });

  it('ListBucketResult (v1) always writes Prefix and Marker, even empty', () => {
    const doc = parse(renderListObjects({ bucket: 'b', prefix: '', maxKeys: 1000, isTruncated: false, objects: [], commonPrefixes: [] }));
    assert.deepEqual(doc['ListBucketResult'], {
      '@xmlns': S3_NAMESPACE,
      Name: 'b',
      Prefix: '',
      Marker: '',
      MaxKeys: '1000',
      IsTruncated: 'false',
    });
  });

  it('applies encoding-type=url to Key, Delimiter, Marker and NextMarker and echoes Prefix as sent (v1)', () => {
    const xml = renderListObjects({
      bucket: 'b',
      prefix: 'a b',
      delimiter: '+',
      marker: 'a b/1',
      nextMarker: 'a b/2',
      maxKeys: 1,
      isTruncated: true,
      encodingType: 'url',
      objects: [obj('a b/\u0001+é')],
      commonPrefixes: ['a b+/'],
    });
    const r = parse(xml)['ListBucketResult'];
    assert.deepEqual(
      [r.Prefix, r.Delimiter, r.Marker, r.NextMarker, r.EncodingType, r.Contents[0].Key, r.CommonPrefixes[0].Prefix],
      ['a b', '%2B', 'a%20b/1', 'a%20b/2', 'url', 'a%20b/%01%2B%C3%A9', 'a%20b%2B/'],
    );
  });

  it('ListBucketResult (v2) counts keys and prefixes, echoes tokens and shows owners only on request', () => {
    const base = {
      bucket: 'b',
      prefix: 'E',
      maxKeys: 3,
      isTruncated: true,
      continuationToken: 'tok1',
      nextContinuationToken: 'tok2',
      startAfter: 'E x',
      encodingType: 'url' as const,
      objects: [obj('E1', { checksumAlgorithm: 'crc32', checksumType: 'full-object' }), obj('E2')],
      commonPrefixes: ['E/'],
    };
    const r = parse(renderListObjectsV2({ ...base, fetchOwner: false }))['ListBucketResult'];
    assert.equal(r.KeyCount, '3');
    assert.equal(r.ContinuationToken, 'tok1');
    assert.equal(r.NextContinuationToken, 'tok2');
    assert.equal(r.StartAfter, 'E%20x');
    assert.equal(r.Contents[0].Owner, undefined);
    assert.deepEqual(r.Contents[0].ChecksumAlgorithm, ['CRC32']);
    assert.equal(r.Contents[0].ChecksumType, 'FULL_OBJECT');
    const withOwner = parse(renderListObjectsV2({ ...base, fetchOwner: true }))['ListBucketResult'];
    assert.deepEqual(withOwner.Contents[1].Owner, { ID: 'acct-1', DisplayName: 'alice' });
  });

  it('ListVersionsResult shows versions and delete markers in order, newest first', () => {
    const xml = renderListObjectVersions({
      bucket: 'b',
      prefix: '',
      keyMarker: 'k0',
      nextKeyMarker: 'k1',
      nextVersionIdMarker: 'null',
      maxKeys: 1,
      isTruncated: true,
      versions: [
        { ...obj('k1'), versionId: 'null', isLatest: true, deleteMarker: false },
        { ...obj('k2'), versionId: 'v2', isLatest: true, deleteMarker: true },
      ],
      commonPrefixes: [],
    });
    const r = parse(xml)['ListVersionsResult'];
    assert.deepEqual(r.DeleteMarker, [
      {
        Key: 'k2',
        VersionId: 'v2',
        IsLatest: 'true',
        LastModified: '2019-12-11T23:32:47.000Z',
        Owner: { ID: 'acct-1', DisplayName: 'alice' },
      },
    ]);
    assert.deepEqual(r.Version, [
      {
        Key: 'k1',
        VersionId: 'null',
        IsLatest: 'true',
        LastModified: '2019-12-11T23:32:47.000Z',
        ETag: '"9b2cf535f27731c974343645a3985328"',
        Size: '434234',
        Owner: { ID: 'acct-1', DisplayName: 'alice' },
        StorageClass: 'STANDARD',
      },
    ]);
    assert.deepEqual([r.KeyMarker, r.VersionIdMarker, r.NextKeyMarker, r.NextVersionIdMarker], ['k0', '', 'k1', 'null']);
  });

  it('InitiateMultipartUploadResult', () => {
    const xml = renderInitiateMultipartUpload({ bucket: 'example-bucket', key: 'example-object', uploadId: 'VXBsb2FkIElE' });
    assert.deepEqual(parse(xml), {
      InitiateMultipartUploadResult: { '@xmlns': S3_NAMESPACE, Bucket: 'example-bucket', Key: 'example-object', UploadId: 'VXBsb2FkIElE' },
    });
  });

  it('CompleteMultipartUploadResult quotes the ETag and carries checksums and their type', () => {
    const xml = renderCompleteMultipartUpload({
      location: 'http://example-bucket.s3.example.com/Example%20Object',
      bucket: 'example-bucket',
      key: 'Example Object',
      etag: '3858f62230ac3c915f300c664312c11f-9',
      checksums: { sha256: 'c2hh', crc32: 'Y3Jj' },
      checksumType: 'composite',
    });
    assert.deepEqual(parse(xml), {
      CompleteMultipartUploadResult: {
        '@xmlns': S3_NAMESPACE,
        Location: 'http://example-bucket.s3.example.com/Example%20Object',
        Bucket: 'example-bucket',
        Key: 'Example Object',
        ETag: '"3858f62230ac3c915f300c664312c11f-9"',
        ChecksumCRC32: 'Y3Jj',
        ChecksumSHA256: 'c2hh',
        ChecksumType: 'COMPOSITE',
      },
    });
    assert.deepEqual(childNames(xml), ['Location', 'Bucket', 'Key', 'ETag', 'ChecksumCRC32', 'ChecksumSHA256', 'ChecksumType']);
  });

  it('ListPartsResult lists parts with markers, initiator, owner and storage class', () => {
    const xml = renderListParts({
      bucket: 'example-bucket',
      key: 'example-object',
      uploadId: 'XXBsb2FkIElE',
      partNumberMarker: 1,
      nextPartNumberMarker: 3,
      maxParts: 2,
      isTruncated: true,
      parts: [
        { partNumber: 2, lastModified: T, etag: '7778aef83f66abc1fa1e8477f296d394', size: 10485760 },
        { partNumber: 3, lastModified: T, etag: 'aaaa18db4cc2f85cedef654fccc4a4x8', size: 10485760, checksums: { crc32c: 'Yw==' } },
      ],
      initiator: { id: 'arn:aws:iam::111122223333:user/some-user', displayName: 'umat-user' },
      owner,
      storageClass: 'STANDARD',
      checksumAlgorithm: 'crc32c',
      checksumType: 'composite',
    });
    const r = parse(xml)['ListPartsResult'];
    assert.deepEqual(
      [r.Bucket, r.Key, r.UploadId, r.PartNumberMarker, r.NextPartNumberMarker, r.MaxParts, r.IsTruncated, r.StorageClass],
      ['example-bucket', 'example-object', 'XXBsb2FkIElE', '1', '3', '2', 'true', 'STANDARD'],
    );
    assert.deepEqual(r.Part[1], {
      PartNumber: '3',
      LastModified: '2019-12-11T23:32:47.000Z',
      ETag: '"aaaa18db4cc2f85cedef654fccc4a4x8"',
      Size: '10485760',
      ChecksumCRC32C: 'Yw==',
    });
    assert.deepEqual(r.Initiator, { ID: 'arn:aws:iam::111122223333:user/some-user', DisplayName: 'umat-user' });
    assert.deepEqual(r.Owner, { ID: 'acct-1', DisplayName: 'alice' });
    assert.deepEqual([r.ChecksumAlgorithm, r.ChecksumType], [['CRC32C'], 'COMPOSITE']);
  });

  it('ListMultipartUploadsResult writes all four markers and encodes keys on request', () => {
    const xml = renderListMultipartUploads({
      bucket: 'bucket',
      prefix: 'my ',
      delimiter: '/',
      maxUploads: 3,
      isTruncated: true,
      nextKeyMarker: 'my movie.m2ts',
      nextUploadIdMarker: 'YW55IGlkZWEg',
      encodingType: 'url',
      uploads: [
        {
          key: 'my divisor',
          uploadId: 'XMgbGlrZSBlbHZpbmcncyBt',
          initiator: owner,
          owner,
          storageClass: 'STANDARD',
          initiated: T,
        },
      ],
      commonPrefixes: ['my dir/'],
    });
    const r = parse(xml)['ListMultipartUploadsResult'];
    assert.deepEqual(
      [
        r.Bucket,
        r.KeyMarker,
        r.UploadIdMarker,
        r.NextKeyMarker,
        r.NextUploadIdMarker,
        r.Delimiter,
        r.Prefix,
        r.MaxUploads,
        r.IsTruncated,
        r.EncodingType,
      ],
      ['bucket', '', '', 'my%20movie.m2ts', 'YW55IGlkZWEg', '/', 'my%20', '3', 'true', 'url'],
    );
    assert.deepEqual(r.Upload, [
      {
        Key: 'my%20divisor',
        UploadId: 'XMgbGlrZSBlbHZpbmcncyBt',
        Initiator: { ID: 'acct-1', DisplayName: 'alice' },
        Owner: { ID: 'acct-1', DisplayName: 'alice' },
        StorageClass: 'STANDARD',
        Initiated: '2019-12-11T23:32:47.000Z',
      },
    ]);
    assert.deepEqual(r.CommonPrefixes, [{ Prefix: 'my%20dir/' }]);
  });

  it('CopyObjectResult and CopyPartResult', () => {
    assert.deepEqual(
      parse(
        renderCopyObjectResult({
          etag: '9b2cf535f27731c974343645a3985328',
          lastModified: T,
          checksums: { crc64nvme: 'bg==' },
          checksumType: 'full-object',
        }),
      ),
      {
        CopyObjectResult: {
          '@xmlns': S3_NAMESPACE,
          ETag: '"9b2cf535f27731c974343645a3985328"',
          LastModified: '2019-12-11T23:32:47.000Z',
          ChecksumType: 'FULL_OBJECT',
          ChecksumCRC64NVME: 'bg==',
        },
      },
    );
    assert.deepEqual(parse(renderCopyPartResult({ etag: '"b0c6f0e7e054ab8fa2536a2677f8734d"', lastModified: T })), {
      CopyPartResult: { '@xmlns': S3_NAMESPACE, ETag: '"b0c6f0e7e054ab8fa2536a2677f8734d"', LastModified: '2019-12-11T23:32:47.000Z' },
    });
  });

  it('DeleteResult lists deleted keys and errors, and only errors when quiet', () => {
    const output = {
      quiet: false,
      deleted: [{ key: 'sample1.txt' }],
      errors: [{ key: 'sample2.txt', code: 'AccessDenied', message: 'Access Denied' }],
    };
    assert.deepEqual(parse(renderDeleteResult(output)), {
      DeleteResult: {
        '@xmlns': S3_NAMESPACE,
        Deleted: [{ Key: 'sample1.txt' }],
        Error: [{ Key: 'sample2.txt', Code: 'AccessDenied', Message: 'Access Denied' }],
      },
    });
    const quiet = parse(renderDeleteResult({ ...output, quiet: true }))['DeleteResult'];
    assert.equal(quiet.Deleted, undefined);
    assert.equal(quiet.Error.length, 1);
    assert.deepEqual(parse(renderDeleteResult({ quiet: true, deleted: [], errors: [] }))['DeleteResult'], { '@xmlns': S3_NAMESPACE });
  });

  it('LocationConstraint is empty for us-east-1 and names other regions', () => {
    assert.equal(
      renderLocationConstraint('us-east-1'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}"/>`,
    );
    assert.deepEqual(parse(renderLocationConstraint('eu-west-1')), {
      LocationConstraint: { '@xmlns': S3_NAMESPACE, '#text': 'eu-west-1' },
    });
  });

  it('stays well-formed when keys hold characters XML cannot carry and encoding-type is absent', () => {
    const xml = renderListObjectsV2({
      bucket: 'b',
      prefix: '\u0001',
      maxKeys: 1000,
      isTruncated: false,
      fetchOwner: false,
      objects: [obj('bad\u0000key\u001F<&>"\r')],
      commonPrefixes: ['p\uFFFE/'],
    });
    const r = parse(xml)['ListBucketResult'];
    assert.equal(r.Contents[0].Key, 'bad\uFFFDkey\uFFFD<&>"\r');
    assert.equal(r.Prefix, '\uFFFD');
    assert.equal(r.CommonPrefixes[0].Prefix, 'p\uFFFD/');
  });
});
