import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError, type StorageErrorCode } from '../../../core/errors.js';
import type { LifecycleConfiguration } from '../../../core/lifecycle/lifecycle-rules.js';
import { parseOssLifecycle, renderOssLifecycle } from './lifecycle-xml.js';

const midnight2024 = Date.UTC(2024, 0, 1);

function rejects(xml: string, code: StorageErrorCode): void {
  assert.throws(
    () => parseOssLifecycle(xml),
    (e: unknown) => isStorageError(e, code),
  );
}

function rules(...body: string[]): string {
  return `<LifecycleConfiguration>${body.map((b) => `<Rule>${b}</Rule>`).join('')}</LifecycleConfiguration>`;
}

describe('parseOssLifecycle', () => {
  it('reads ali-oss’s document verbatim (ID last, Days as numbers) into the core model', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<LifecycleConfiguration><Rule><Prefix>tmp/</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>3</Days></AbortMultipartUpload><ID>r1</ID></Rule>' +
      '<Rule><Prefix>logs/</Prefix><Status>Enabled</Status><Expiration><Days>30</Days></Expiration><Transition><Days>10</Days><StorageClass>IA</StorageClass></Transition><ID>r2</ID></Rule>' +
      '<Rule><Prefix>old/</Prefix><Status>Enabled</Status><AbortMultipartUpload><CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate></AbortMultipartUpload><ID>r3</ID></Rule></LifecycleConfiguration>';
    const expected: LifecycleConfiguration = {
      rules: [
        { id: 'r1', enabled: true, filter: { prefix: 'tmp/' }, abortIncompleteUploads: { days: 3 } },
        {
          id: 'r2',
          enabled: true,
          filter: { prefix: 'logs/' },
          expiration: { days: 30 },
          transitions: [{ days: 10, storageClass: 'infrequent-access' }],
        },
        { id: 'r3', enabled: true, filter: { prefix: 'old/' }, abortIncompleteUploads: { createdBefore: midnight2024 } },
      ],
    };
    assert.deepEqual(parseOssLifecycle(xml), expected);
  });

  it('reads tags, object-size filters, Disabled rules, and generates missing IDs', () => {
    const config = parseOssLifecycle(
      rules(
        '<Prefix></Prefix><Status>Disabled</Status><Tag><Key>k</Key><Value>v</Value></Tag><Filter><ObjectSizeGreaterThan>500</ObjectSizeGreaterThan></Filter><Expiration><CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate></Expiration>',
      ),
    );
    const [rule] = config.rules;
    assert.ok(rule !== undefined);
    assert.match(rule.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      { ...rule, id: '' },
      {
        id: '',
        enabled: false,
        filter: { prefix: '', tags: [{ key: 'k', value: 'v' }], objectSizeGreaterThan: 500 },
        expiration: { createdBefore: midnight2024 },
      },
    );
  });

  it('refuses what OSS refuses', () => {
    const abort = (prefix: string, id: string) =>
      `<ID>${id}</ID><Prefix>${prefix}</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>1</Days></AbortMultipartUpload>`;
    rejects(rules('<Prefix>a</Prefix><Status>Enabled</Status>'), 'InvalidArgument'); // no action
    rejects(rules('<Prefix>a</Prefix><Status>Enabled</Status><Expiration><Days>0</Days></Expiration>'), 'InvalidArgument');
    rejects(
      rules(
        '<Prefix>a</Prefix><Status>Enabled</Status><Expiration><Days>1</Days><CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate></Expiration>',
      ),
      'InvalidArgument',
    );
    rejects(
      rules(
        '<Prefix>a</Prefix><Status>Enabled</Status><Expiration><CreatedBeforeDate>2024-01-01T08:00:00.000Z</CreatedBeforeDate></Expiration>',
      ),
      'InvalidArgument',
    );
    rejects(
      rules(
        '<Prefix>a</Prefix><Status>Enabled</Status><Tag><Key>k</Key><Value>v</Value></Tag><AbortMultipartUpload><Days>1</Days></AbortMultipartUpload>',
      ),
      'InvalidArgument',
    );
    rejects(rules(abort('', 'all'), abort('tmp/', 'tmp')), 'InvalidArgument');
    rejects(rules(abort('dir1', 'a'), abort('dir1/sub', 'b')), 'InvalidArgument');
    rejects(rules(abort('a/', 'same'), abort('b/', 'same')), 'InvalidArgument');
    rejects(
      rules(
        '<Prefix>a</Prefix><Status>Enabled</Status><Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition><Transition><Days>20</Days><StorageClass>Archive</StorageClass></Transition>',
      ),
      'InvalidArgument',
    );
    rejects(
      rules(
        '<Prefix>a</Prefix><Status>Enabled</Status><Expiration><Days>5</Days></Expiration><Transition><Days>10</Days><StorageClass>IA</StorageClass></Transition>',
      ),
      'InvalidArgument',
    );
    rejects(
      rules('<Prefix>a</Prefix><Status>Enabled</Status><Transition><Days>10</Days><StorageClass>Standard</StorageClass></Transition>'),
      'InvalidArgument',
    );
    rejects(rules('<Prefix>a</Prefix><Status>On</Status><Expiration><Days>1</Days></Expiration>'), 'MalformedXML');
    rejects(rules('<Status>Enabled</Status><Expiration><Days>1</Days></Expiration>'), 'MalformedXML');
    rejects('<LifecycleConfiguration></LifecycleConfiguration>', 'MalformedXML');
    rejects(
      rules(
        '<Prefix>a</Prefix><Status>Enabled</Status><NoncurrentVersionExpiration><NoncurrentDays>1</NoncurrentDays></NoncurrentVersionExpiration>',
      ),
      'NotImplemented',
    );
  });

  it('allows AbortMultipartUpload rules on disjoint prefixes', () => {
    const config = parseOssLifecycle(
      rules(
        '<ID>a</ID><Prefix>dir1/</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>1</Days></AbortMultipartUpload>',
        '<ID>b</ID><Prefix>dir2/</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>2</Days></AbortMultipartUpload>',
      ),
    );
    assert.equal(config.rules.length, 2);
  });
});

describe('renderOssLifecycle', () => {
  it('writes the model back as OSS XML', () => {
    const xml = renderOssLifecycle({
      rules: [
        { id: 'r1', enabled: true, filter: { prefix: 'tmp/' }, abortIncompleteUploads: { days: 3 } },
        {
          id: 'r2',
          enabled: false,
          filter: { prefix: 'logs/', tags: [{ key: 'k', value: 'v' }], objectSizeLessThan: 10 },
          expiration: { createdBefore: midnight2024 },
          transitions: [{ days: 10, storageClass: 'cold-archive' }],
        },
      ],
    });
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?>\n<LifecycleConfiguration>' +
        '<Rule><ID>r1</ID><Prefix>tmp/</Prefix><Status>Enabled</Status><AbortMultipartUpload><Days>3</Days></AbortMultipartUpload></Rule>' +
        '<Rule><ID>r2</ID><Prefix>logs/</Prefix><Status>Disabled</Status><Expiration><CreatedBeforeDate>2024-01-01T00:00:00.000Z</CreatedBeforeDate></Expiration>' +
        '<Transition><Days>10</Days><StorageClass>ColdArchive</StorageClass></Transition><Tag><Key>k</Key><Value>v</Value></Tag>' +
        '<Filter><ObjectSizeLessThan>10</ObjectSizeLessThan></Filter></Rule></LifecycleConfiguration>',
    );
  });

  it('round-trips what it parses', () => {
    const xml = rules(
      '<ID>x</ID><Prefix>p/</Prefix><Status>Enabled</Status><Expiration><Days>40</Days></Expiration><Transition><Days>10</Days><StorageClass>IA</StorageClass></Transition><Transition><Days>20</Days><StorageClass>Archive</StorageClass></Transition>',
    );
    const config = parseOssLifecycle(xml);
    assert.deepEqual(parseOssLifecycle(renderOssLifecycle(config)), config);
  });

  it('writes a rule S3 stored with a Date as the legacy OSS Date element', () => {
    const xml = renderOssLifecycle({ rules: [{ id: 's3', enabled: true, filter: {}, expiration: { date: midnight2024 } }] });
    assert.match(xml, /<Prefix\/><Status>Enabled<\/Status><Expiration><Date>2024-01-01T00:00:00.000Z<\/Date><\/Expiration>/);
  });
});
