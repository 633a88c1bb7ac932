// node:test tracks the promises describe() and it() return; nothing here may await them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BUCKET_TAG_LIMITS, OBJECT_TAG_LIMITS, validateTags } from '../../../core/objects/object-tags.js';
import { isStorageError, type StorageErrorCode } from '../../../core/errors.js';
import { parseCompleteMultipartUpload, parseCreateBucketConfiguration, parseDeleteObjects, parseTagging } from './request-xml.js';

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

function assertError(fn: () => unknown, code: StorageErrorCode, message?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(isStorageError(e, code), `expected ${code}, got ${String(e)}`);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

const MALFORMED = 'The XML you provided was not well-formed or did not validate against our published schema';

describe('parseCompleteMultipartUpload', () => {
  it("reads Amazon's example with parts in document order", () => {
    const input = parseCompleteMultipartUpload(`<CompleteMultipartUpload ${NS}>
  <Part>
    <PartNumber>2</PartNumber>
    <ETag>"a54357aff0632cce46d942af68356b38"</ETag>
  </Part>
  <Part>
    <PartNumber>1</PartNumber>
    <ETag>"0c78aef83f66abc1fa1e8477f296d394"</ETag>
    <ChecksumCRC32>AAAAAA==</ChecksumCRC32>
  </Part>
</CompleteMultipartUpload>`);
    assert.deepEqual(input, {
      parts: [
        { partNumber: 2, etag: '"a54357aff0632cce46d942af68356b38"', checksums: {} },
        { partNumber: 1, etag: '"0c78aef83f66abc1fa1e8477f296d394"', checksums: { crc32: 'AAAAAA==' } },
      ],
    });
  });

  it('reads every checksum S3 defines, as sent by @aws-sdk/client-s3 (entity-escaped quotes)', () => {
    const input = parseCompleteMultipartUpload(
      '<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Part><ChecksumCRC32>a</ChecksumCRC32><ChecksumCRC32C>b</ChecksumCRC32C><ChecksumCRC64NVME>c</ChecksumCRC64NVME>' +
        '<ChecksumSHA1>d</ChecksumSHA1><ChecksumSHA256>e</ChecksumSHA256><ETag>&quot;x&quot;</ETag><PartNumber>10000</PartNumber></Part>' +
        '</CompleteMultipartUpload>',
    );
    assert.deepEqual(input.parts, [
      { partNumber: 10000, etag: '"x"', checksums: { crc32: 'a', crc32c: 'b', crc64nvme: 'c', sha1: 'd', sha256: 'e' } },
    ]);
  });

  it('refuses an empty part list with MalformedXML, as s3-tests expects', () => {
    assertError(() => parseCompleteMultipartUpload('<CompleteMultipartUpload/>'), 'MalformedXML', MALFORMED);
    assertError(() => parseCompleteMultipartUpload(`<CompleteMultipartUpload ${NS}></CompleteMultipartUpload>`), 'MalformedXML');
  });

  it('refuses parts without PartNumber or ETag, or with a PartNumber that is not a number', () => {
    for (const part of [
      '<Part><ETag>"x"</ETag></Part>',
      '<Part><PartNumber>1</PartNumber></Part>',
      '<Part><PartNumber>one</PartNumber><ETag>"x"</ETag></Part>',
      '<Part><PartNumber>-1</PartNumber><ETag>"x"</ETag></Part>',
      '<Part><PartNumber>1</PartNumber><PartNumber>2</PartNumber><ETag>"x"</ETag></Part>',
    ]) {
      assertError(() => parseCompleteMultipartUpload(`<CompleteMultipartUpload>${part}</CompleteMultipartUpload>`), 'MalformedXML');
    }
  });

  it('refuses another document or broken XML', () => {
    assertError(() => parseCompleteMultipartUpload('<Delete><Part/></Delete>'), 'MalformedXML');
    assertError(() => parseCompleteMultipartUpload('<CompleteMultipartUpload><Part>'), 'MalformedXML');
    assertError(() => parseCompleteMultipartUpload(''), 'MalformedXML');
  });
});

describe('parseDeleteObjects', () => {
  it("reads Amazon's example", () => {
    const input = parseDeleteObjects(`<?xml version="1.0" encoding="UTF-8"?>
<Delete>
    <Object>
         <Key>sample1.txt</Key>
    </Object>
    <Object>
         <Key>sample2.txt</Key>
         <VersionId>OYcLXagmS.WaD..oyH4KRguB95_YhLs7</VersionId>
    </Object>
    <Quiet>true</Quiet>
</Delete>`);
    assert.deepEqual(input, {
      objects: [{ key: 'sample1.txt' }, { key: 'sample2.txt', versionId: 'OYcLXagmS.WaD..oyH4KRguB95_YhLs7' }],
      quiet: true,
    });
  });

  it('keeps keys exactly, whitespace and escaped characters included', () => {
    const input = parseDeleteObjects(`<Delete ${NS}><Object><Key> a &amp; b&#x0D;&#x0A;</Key><ETag>"e"</ETag></Object></Delete>`);
    assert.deepEqual(input, { objects: [{ key: ' a & b\r\n', etag: '"e"' }], quiet: false });
  });

  it('accepts 1000 keys and refuses 1001 or none with MalformedXML', () => {
    const body = (n: number) => `<Delete>${'<Object><Key>k</Key></Object>'.repeat(n)}</Delete>`;
    assert.equal(parseDeleteObjects(body(1000)).objects.length, 1000);
    assertError(() => parseDeleteObjects(body(1001)), 'MalformedXML', MALFORMED);
    assertError(() => parseDeleteObjects(body(0)), 'MalformedXML');
  });

  it('refuses an Object without Key and a Quiet that is not a boolean', () => {
    assertError(() => parseDeleteObjects('<Delete><Object><VersionId>v</VersionId></Object></Delete>'), 'MalformedXML');
    assertError(() => parseDeleteObjects('<Delete><Object><Key>k</Key></Object><Quiet>yes</Quiet></Delete>'), 'MalformedXML');
  });
});

describe('parseCreateBucketConfiguration', () => {
  it('reads the location constraint', () => {
    const xml = `<CreateBucketConfiguration ${NS}><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>`;
    assert.deepEqual(parseCreateBucketConfiguration(xml), { locationConstraint: 'eu-west-1' });
  });

  it('treats an empty body or an empty constraint as no constraint', () => {
    assert.deepEqual(parseCreateBucketConfiguration(''), {});
    assert.deepEqual(parseCreateBucketConfiguration('  \n'), {});
    assert.deepEqual(parseCreateBucketConfiguration('<CreateBucketConfiguration><LocationConstraint/></CreateBucketConfiguration>'), {});
    assert.deepEqual(parseCreateBucketConfiguration('<CreateBucketConfiguration/>'), {});
  });

  it('refuses other documents', () => {
    assertError(() => parseCreateBucketConfiguration('<LocationConstraint>x</LocationConstraint>'), 'MalformedXML');
  });
});

describe('parseTagging', () => {
  it("reads Amazon's example", () => {
    const xml = `<Tagging><TagSet><Tag><Key>tag1</Key><Value>val1</Value></Tag><Tag><Key>tag2</Key><Value></Value></Tag></TagSet></Tagging>`;
    assert.deepEqual(parseTagging(xml), [
      { key: 'tag1', value: 'val1' },
      { key: 'tag2', value: '' },
    ]);
  });

  it('accepts an empty tag set', () => {
    assert.deepEqual(parseTagging('<Tagging><TagSet/></Tagging>'), []);
  });

  it('refuses a missing TagSet, Key or Value as MalformedXML', () => {
    assertError(() => parseTagging('<Tagging/>'), 'MalformedXML');
    assertError(() => parseTagging('<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>'), 'MalformedXML');
    assertError(() => parseTagging('<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>'), 'MalformedXML');
  });

  it("refuses tags S3 refuses as InvalidTag, with S3's messages", () => {
    const tags = (...pairs: [string, string][]) => pairs.map(([key, value]) => ({ key, value }));
    assertError(
      () => validateTags(tags(['a', '1'], ['a', '2']), OBJECT_TAG_LIMITS),
      'InvalidTag',
      'Cannot provide multiple Tags with the same key',
    );
    assertError(() => validateTags(tags(['', '1']), OBJECT_TAG_LIMITS), 'InvalidTag', 'The TagKey you have provided is invalid');
    assertError(
      () => validateTags(tags(['k'.repeat(129), '1']), OBJECT_TAG_LIMITS),
      'InvalidTag',
      'The TagKey you have provided is too long, max 128',
    );
    assertError(
      () => validateTags(tags(['k', 'v'.repeat(257)]), OBJECT_TAG_LIMITS),
      'InvalidTag',
      'The TagValue you have provided is too long, max 256',
    );
    const eleven = Array.from({ length: 11 }, (_, i): [string, string] => [`k${i}`, 'v']);
    assertError(() => validateTags(tags(...eleven), OBJECT_TAG_LIMITS), 'InvalidTag', 'Object tags cannot be greater than 10');
    assert.equal(validateTags(tags(...eleven), BUCKET_TAG_LIMITS).length, 11);
    const fiftyOne = Array.from({ length: 51 }, (_, i): [string, string] => [`k${i}`, 'v']);
    assertError(() => validateTags(tags(...fiftyOne), BUCKET_TAG_LIMITS), 'InvalidTag', 'Bucket tag count cannot be greater than 50');
  });
});
