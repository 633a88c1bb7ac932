import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError, type StorageErrorCode } from '../../../core/errors.js';
import { parseLifecycleConfiguration } from './parse-lifecycle-configuration.js';
import { renderLifecycleConfiguration } from './render-lifecycle-configuration.js';

const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';
const doc = (...rules: string[]) => `<LifecycleConfiguration ${NS}>${rules.join('')}</LifecycleConfiguration>`;
const rule = (inner: string, id = 'r') => `<Rule><ID>${id}</ID>${inner}</Rule>`;
const ABORT2 = '<AbortIncompleteMultipartUpload><DaysAfterInitiation>2</DaysAfterInitiation></AbortIncompleteMultipartUpload>';
const ON = '<Status>Enabled</Status>';

function rejects(xml: string, code: StorageErrorCode, message?: string): void {
  assert.throws(
    () => parseLifecycleConfiguration(xml),
    (e: unknown) => {
      assert.ok(isStorageError(e, code), `expected ${code}, got ${String(e)}`);
      if (message !== undefined) assert.equal(e.message, message);
      return true;
    },
  );
}

describe('parseLifecycleConfiguration', () => {
  it('reads every filter form and action into the core rule model', () => {
    const config = parseLifecycleConfiguration(
      doc(
        rule(`<Filter><Prefix>tmp/</Prefix></Filter>${ON}${ABORT2}`, 'abort'),
        rule(`<Filter/>${ON}<Expiration><Days>365</Days></Expiration>`, 'all'),
        rule(
          `<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Disabled</Status><Expiration><Date>2027-01-01T00:00:00.000Z</Date></Expiration>`,
          'tag',
        ),
        rule(
          `<Filter><And><Prefix>logs/</Prefix><Tag><Key>a</Key><Value>1</Value></Tag><ObjectSizeGreaterThan>100</ObjectSizeGreaterThan><ObjectSizeLessThan>1000</ObjectSizeLessThan></And></Filter>${ON}` +
            '<Transition><Days>30</Days><StorageClass>STANDARD_IA</StorageClass></Transition><Transition><Days>0</Days><StorageClass>GLACIER_IR</StorageClass></Transition>' +
            '<Transition><Days>180</Days><StorageClass>DEEP_ARCHIVE</StorageClass></Transition>',
          'tiers',
        ),
      ),
    );
    assert.deepEqual(config.rules, [
      { id: 'abort', enabled: true, filter: { prefix: 'tmp/' }, abortIncompleteUploads: { days: 2 } },
      { id: 'all', enabled: true, filter: {}, expiration: { days: 365 } },
      { id: 'tag', enabled: false, filter: { tags: [{ key: 'k', value: 'v' }] }, expiration: { date: Date.parse('2027-01-01T00:00:00Z') } },
      {
        id: 'tiers',
        enabled: true,
        filter: { prefix: 'logs/', tags: [{ key: 'a', value: '1' }], objectSizeGreaterThan: 100, objectSizeLessThan: 1000 },
        transitions: [
          { days: 30, storageClass: 'infrequent-access' },
          { days: 0, storageClass: 'archive' },
          { days: 180, storageClass: 'deep-cold-archive' },
        ],
      },
    ]);
  });

  it('keeps the rule-level Prefix form, and gives rules without an ID one like S3 makes', () => {
    const config = parseLifecycleConfiguration(
      doc(
        `<Rule><Prefix>a/</Prefix>${ON}<Expiration><Days>1</Days></Expiration></Rule>`,
        `<Rule><ID></ID><Prefix>b/</Prefix>${ON}${ABORT2}</Rule>`,
      ),
    );
    const [a, b] = config.rules;
    assert.deepEqual({ ...a, id: '' }, { id: '', enabled: true, filter: { prefix: 'a/' }, expiration: { days: 1 }, legacyPrefix: true });
    assert.match(a!.id, /^[A-Za-z0-9+/]{48}$/);
    assert.notEqual(a!.id, b!.id);
  });

  it('accepts a date without a time, and a date at midnight in any zone notation', () => {
    const c = parseLifecycleConfiguration(doc(rule(`<Filter/>${ON}<Expiration><Date>2027-03-01</Date></Expiration>`)));
    assert.equal(c.rules[0]?.expiration?.date, Date.parse('2027-03-01T00:00:00Z'));
    const d = parseLifecycleConfiguration(doc(rule(`<Filter/>${ON}<Expiration><Date>2027-03-01T00:00:00Z</Date></Expiration>`)));
    assert.equal(d.rules[0]?.expiration?.date, Date.parse('2027-03-01T00:00:00Z'));
  });

  it('renders what it read back the way it was given, and reads its own rendering back unchanged', () => {
    const xml = doc(
      rule(`<Filter><Prefix>tmp/</Prefix></Filter>${ON}${ABORT2}`, 'abort'),
      rule(`<Filter/>${ON}<Expiration><Days>365</Days></Expiration>`, 'all'),
      rule(`<Filter><Prefix></Prefix></Filter>${ON}<Expiration><Days>3</Days></Expiration>`, 'empty-prefix'),
      rule(
        `<Filter><ObjectSizeGreaterThan>5</ObjectSizeGreaterThan></Filter>${ON}<Transition><Date>2027-01-01T00:00:00Z</Date><StorageClass>GLACIER</StorageClass></Transition>`,
        'size',
      ),
    );
    const config = parseLifecycleConfiguration(xml);
    const rendered = renderLifecycleConfiguration(config);
    assert.match(rendered, /<Rule><ID>all<\/ID><Filter\/><Status>Enabled<\/Status><Expiration><Days>365<\/Days><\/Expiration><\/Rule>/);
    assert.match(rendered, /<ID>empty-prefix<\/ID><Filter><Prefix\/><\/Filter>/);
    assert.match(rendered, /<Transition><Date>2027-01-01T00:00:00.000Z<\/Date><StorageClass>GLACIER<\/StorageClass><\/Transition>/);
    assert.deepEqual(parseLifecycleConfiguration(rendered), config);
    const legacy = parseLifecycleConfiguration(doc(`<Rule><ID>old</ID><Prefix>x/</Prefix>${ON}${ABORT2}</Rule>`));
    assert.match(renderLifecycleConfiguration(legacy), /<Rule><ID>old<\/ID><Prefix>x\/<\/Prefix><Status>Enabled<\/Status>/);
  });

  it('answers faults of form with MalformedXML', () => {
    const malformed = [
      doc(),
      `<Lifecycle>${rule(`<Filter/>${ON}${ABORT2}`)}</Lifecycle>`,
      doc(rule(`<Filter/><Status>enabled</Status>${ABORT2}`)),
      doc(rule(`<Filter/>${ABORT2}`)),
      doc(rule(`${ON}${ABORT2}`)),
      doc(
        rule(
          `<Filter><Prefix>a</Prefix><ObjectSizeGreaterThan>1</ObjectSizeGreaterThan></Filter>${ON}<Expiration><Days>1</Days></Expiration>`,
        ),
      ),
      doc(rule(`<Filter><And><Prefix>a</Prefix></And></Filter>${ON}<Expiration><Days>1</Days></Expiration>`)),
      doc(rule(`<Filter/>${ON}<Expiration><Days>1</Days><Date>2027-01-01T00:00:00Z</Date></Expiration>`)),
      doc(rule(`<Filter/>${ON}<Expiration><Days>1</Days><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>`)),
      doc(rule(`<Filter/>${ON}<Expiration><Days>one</Days></Expiration>`)),
      doc(rule(`<Filter/>${ON}<Expiration><Date>20200101</Date></Expiration>`)),
      doc(rule(`<Filter/>${ON}<Expiration><Date>Fri, 01 Jan 2016 00:00:00 GMT</Date></Expiration>`)),
      doc(rule(`<Filter/>${ON}<AbortIncompleteMultipartUpload/>`)),
      doc(rule(`<Filter/>${ON}<Transition><Days>1</Days><StorageClass>STANDARD</StorageClass></Transition>`)),
      doc(rule(`<Filter/>${ON}<Transition><StorageClass>GLACIER</StorageClass></Transition>`)),
      doc(rule(`<Filter/>${ON}<Bogus/>${ABORT2}`)),
      doc(...Array.from({ length: 1001 }, (_, i) => rule(`<Filter><Prefix>p${i}/</Prefix></Filter>${ON}${ABORT2}`, `r${i}`))),
    ];
    for (const xml of malformed) rejects(xml, 'MalformedXML');
  });

  it("answers S3's semantic faults with S3's codes and messages", () => {
    rejects(doc(rule(`<Filter/>${ON}${ABORT2}`, 'a'.repeat(256))), 'InvalidArgument', 'ID length should not exceed allowed limit of 255');
    rejects(
      doc(rule(`<Filter/>${ON}${ABORT2}`, 'x'), rule(`<Filter/>${ON}${ABORT2}`, 'x')),
      'InvalidArgument',
      'Rule ID must be unique. Found same ID for more than one rule',
    );
    rejects(
      doc(rule(`<Filter/>${ON}<Expiration><Days>0</Days></Expiration>`)),
      'InvalidArgument',
      "'Days' for Expiration action must be a positive integer",
    );
    rejects(
      doc(rule(`<Filter/>${ON}<Expiration><Date>2027-01-01T10:00:00Z</Date></Expiration>`)),
      'InvalidArgument',
      "'Date' must be at midnight GMT",
    );
    rejects(
      doc(
        rule(`<Filter/>${ON}<AbortIncompleteMultipartUpload><DaysAfterInitiation>0</DaysAfterInitiation></AbortIncompleteMultipartUpload>`),
      ),
      'InvalidArgument',
      "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer",
    );
    rejects(
      doc(rule(`<Filter><Tag><Key>k</Key><Value>v</Value></Tag></Filter>${ON}${ABORT2}`)),
      'InvalidRequest',
      'AbortIncompleteMultipartUpload cannot be specified with Tags.',
    );
    rejects(
      doc(rule(`<Filter><ObjectSizeLessThan>10</ObjectSizeLessThan></Filter>${ON}${ABORT2}`)),
      'InvalidRequest',
      'AbortIncompleteMultipartUpload cannot be specified with Object Size.',
    );
    rejects(doc(rule(`<Filter/>${ON}`)), 'InvalidRequest', 'At least one action needs to be specified in a rule');
    rejects(
      doc(
        rule(
          `<Filter><And><Tag><Key>k</Key><Value>1</Value></Tag><Tag><Key>k</Key><Value>2</Value></Tag></And></Filter>${ON}<Expiration><Days>1</Days></Expiration>`,
        ),
      ),
      'InvalidRequest',
      'Duplicate Tag Keys are not allowed.',
    );
    rejects(
      doc(rule(`<Filter><ObjectSizeLessThan>0</ObjectSizeLessThan></Filter>${ON}<Expiration><Days>1</Days></Expiration>`)),
      'InvalidRequest',
      "'ObjectSizeLessThan' should be between 1 and 1099511627776000.",
    );
    rejects(
      doc(
        rule(
          `<Filter><And><ObjectSizeGreaterThan>10</ObjectSizeGreaterThan><ObjectSizeLessThan>10</ObjectSizeLessThan></And></Filter>${ON}<Expiration><Days>1</Days></Expiration>`,
        ),
      ),
      'InvalidRequest',
      "'ObjectSizeLessThan' has to be a value greater than 'ObjectSizeGreaterThan'.",
    );
    rejects(
      doc(rule(`<Filter/>${ON}<Transition><Days>29</Days><StorageClass>STANDARD_IA</StorageClass></Transition>`)),
      'InvalidArgument',
      "'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA'",
    );
    rejects(
      doc(rule(`<Filter/>${ON}<Transition><Days>-1</Days><StorageClass>GLACIER</StorageClass></Transition>`)),
      'InvalidArgument',
      "'Days' in Transition action must be nonnegative",
    );
    rejects(
      doc(
        rule(
          `<Filter/>${ON}<Transition><Days>1</Days><StorageClass>GLACIER</StorageClass></Transition><Transition><Days>9</Days><StorageClass>GLACIER</StorageClass></Transition>`,
        ),
      ),
      'InvalidRequest',
      "'StorageClass' must be different for 'Transition' actions in same 'Rule' with filter '(prefix=)'",
    );
    rejects(
      doc(
        rule(
          `<Filter><Prefix>p</Prefix></Filter>${ON}<Expiration><Days>10</Days></Expiration><Transition><Date>2027-01-01T00:00:00Z</Date><StorageClass>GLACIER</StorageClass></Transition>`,
        ),
      ),
      'InvalidRequest',
      "Found mixed 'Date' and 'Days' based Expiration and Transition actions in lifecycle rule for filter '(prefix=p)'",
    );
    rejects(
      doc(rule(`<Filter/>${ON}${ABORT2}`, 'v2'), `<Rule><ID>v1</ID><Prefix>a</Prefix>${ON}${ABORT2}</Rule>`),
      'InvalidRequest',
      'Base level prefix cannot be used in Lifecycle V2, prefixes are only supported in the Filter.',
    );
    rejects(
      doc(`<Rule><ID>v1</ID><Prefix>a</Prefix>${ON}${ABORT2}</Rule>`, rule(`<Filter/>${ON}${ABORT2}`, 'v2')),
      'InvalidRequest',
      'Filter element can only be used in Lifecycle V2.',
    );
    rejects(
      doc(
        `<Rule><ID>1</ID><Prefix></Prefix>${ON}<Expiration><Days>1</Days></Expiration></Rule>`,
        `<Rule><ID>2</ID><Prefix>a</Prefix>${ON}<Expiration><Days>2</Days></Expiration></Rule>`,
      ),
      'InvalidRequest',
      "Found overlapping prefixes '' and 'a' for same action type 'Expiration'",
    );
  });

  it('reads the actions on versions: noncurrent expiration and transitions, expired delete markers', () => {
    const config = parseLifecycleConfiguration(
      doc(
        rule(
          `<Filter/>${ON}<NoncurrentVersionTransition><NoncurrentDays>30</NoncurrentDays><StorageClass>GLACIER</StorageClass>` +
            `<NewerNoncurrentVersions>2</NewerNoncurrentVersions></NoncurrentVersionTransition>` +
            `<NoncurrentVersionExpiration><NoncurrentDays>3</NoncurrentDays></NoncurrentVersionExpiration>`,
        ),
      ),
    );
    assert.deepEqual(config.rules[0]?.noncurrentExpiration, { days: 3 });
    assert.deepEqual(config.rules[0]?.noncurrentTransitions, [{ days: 30, storageClass: 'cold-archive', newerNoncurrentVersions: 2 }]);
    const markers = parseLifecycleConfiguration(
      doc(rule(`<Filter/>${ON}<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration>`)),
    );
    assert.equal(markers.rules[0]?.expiredObjectDeleteMarker, true);
    rejects(
      doc(
        rule(
          `<Filter/>${ON}<NoncurrentVersionExpiration><NoncurrentDays>3</NoncurrentDays><NewerNoncurrentVersions>0</NewerNoncurrentVersions></NoncurrentVersionExpiration>`,
        ),
      ),
      'InvalidArgument',
    );
  });

  it('refuses storage classes Cairn does not have', () => {
    rejects(
      doc(rule(`<Filter/>${ON}<Transition><Days>30</Days><StorageClass>ONEZONE_IA</StorageClass></Transition>`)),
      'InvalidStorageClass',
    );
  });
});
