import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../../../core/errors.js';
import { parseCompleteMultipartUpload, parseCreateBucketConfiguration, parseDelete } from './request-xml.js';

const malformed = (fn: () => unknown) => assert.throws(fn, (e: unknown) => isStorageError(e, 'MalformedXML'));

describe('OSS request documents', () => {
  it('reads CompleteMultipartUpload exactly as ali-oss writes it (newlines, quoted ETags)', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n<Part>\n<PartNumber>1</PartNumber>\n<ETag>"3349DC700140D7F86A0784842780C0DE"</ETag>\n</Part>\n' +
      '<Part>\n<PartNumber>5</PartNumber>\n<ETag>"8EFDA8BE8CA4B1AC0A8C3F9F1B2B1C2D"</ETag>\n</Part>\n</CompleteMultipartUpload>';
    assert.deepEqual(parseCompleteMultipartUpload(xml), [
      { partNumber: 1, etag: '"3349DC700140D7F86A0784842780C0DE"' },
      { partNumber: 5, etag: '"8EFDA8BE8CA4B1AC0A8C3F9F1B2B1C2D"' },
    ]);
  });

  it('refuses CompleteMultipartUpload documents that are not well-formed or miss what a part needs', () => {
    malformed(() => parseCompleteMultipartUpload('<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>'));
    malformed(() => parseCompleteMultipartUpload('<CompleteMultipartUpload></CompleteMultipartUpload>'));
    malformed(() => parseCompleteMultipartUpload('<CompleteMultipartUpload><Part><ETag>"x"</ETag></Part></CompleteMultipartUpload>'));
    malformed(() =>
      parseCompleteMultipartUpload(
        '<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>',
      ),
    );
    malformed(() => parseCompleteMultipartUpload('<Complete><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></Complete>'));
  });

  it('reads Delete with escaped keys and Quiet', () => {
    const request = parseDelete(
      '<?xml version="1.0" encoding="UTF-8"?><Delete><Quiet>true</Quiet><Object><Key>a&amp;b</Key></Object><Object><Key> c </Key></Object></Delete>',
    );
    assert.deepEqual(request, { quiet: true, keys: [{ key: 'a&b' }, { key: ' c ' }] });
    malformed(() => parseDelete('<Delete></Delete>'));
  });

  it('reads the storage class of CreateBucketConfiguration, or none from an empty body', () => {
    assert.deepEqual(
      parseCreateBucketConfiguration('<CreateBucketConfiguration><StorageClass>ColdArchive</StorageClass></CreateBucketConfiguration>'),
      {
        storageClass: 'cold-archive',
      },
    );
    assert.deepEqual(parseCreateBucketConfiguration(''), {});
    assert.throws(
      () => parseCreateBucketConfiguration('<CreateBucketConfiguration><StorageClass>Glacier</StorageClass></CreateBucketConfiguration>'),
      (e: unknown) => isStorageError(e, 'InvalidArgument'),
    );
  });
});
