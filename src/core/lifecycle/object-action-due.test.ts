import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StorageClass } from '../types.js';
import { DAY_MS } from './due-date.js';
import type { LifecycleConfiguration, LifecycleRule } from './lifecycle-rules.js';
import { objectActionAt } from './object-action-due.js';
import { ruleSelectsObject, ruleSelectsUpload } from './rule-selection.js';
import { uploadAbortDue } from './upload-abort-due.js';

const T0 = Date.parse('2026-01-05T10:00:00Z');
const MIDNIGHT_AFTER = Date.parse('2026-01-06T00:00:00Z');
const rule = (r: Partial<LifecycleRule> & { id: string }): LifecycleRule => ({ enabled: true, filter: {}, ...r });
const object = (key: string, storageClass: StorageClass = 'standard', size = 100) => ({ key, size, lastModified: T0, storageClass });

describe('which rules select what', () => {
  it('matches prefix, every tag and both size bounds, and ignores disabled rules', () => {
    const r = rule({ id: 'r', filter: { prefix: 'logs/', objectSizeGreaterThan: 10, objectSizeLessThan: 1000 } });
    assert.equal(ruleSelectsObject(r, { key: 'logs/a', size: 100 }), true);
    assert.equal(ruleSelectsObject(r, { key: 'logs/a', size: 10 }), false);
    assert.equal(ruleSelectsObject(r, { key: 'logs/a', size: 1000 }), false);
    assert.equal(ruleSelectsObject(r, { key: 'other/a', size: 100 }), false);
    assert.equal(ruleSelectsObject({ ...r, enabled: false }, { key: 'logs/a', size: 100 }), false);
    const tagged = rule({ id: 't', filter: { tags: [{ key: 'k', value: 'v' }] } });
    assert.equal(ruleSelectsObject(tagged, { key: 'a', size: 1 }), false);
    assert.equal(ruleSelectsObject(tagged, { key: 'a', size: 1, tags: [{ key: 'k', value: 'v' }] }), true);
  });

  it('never lets a tag or size filter select an incomplete upload', () => {
    assert.equal(ruleSelectsUpload(rule({ id: 'p', filter: { prefix: 'a/' } }), { key: 'a/x' }), true);
    assert.equal(ruleSelectsUpload(rule({ id: 'p', filter: { prefix: 'a/' } }), { key: 'b/x' }), false);
    assert.equal(ruleSelectsUpload(rule({ id: 't', filter: { tags: [{ key: 'k', value: 'v' }] } }), { key: 'a' }), false);
    assert.equal(ruleSelectsUpload(rule({ id: 's', filter: { objectSizeGreaterThan: 0 } }), { key: 'a' }), false);
  });
});

describe('when lifecycle aborts an upload', () => {
  it('takes the earliest due of the enabled rules that select it', () => {
    const config: LifecycleConfiguration = {
      rules: [
        rule({ id: 'slow', abortIncompleteUploads: { days: 7 } }),
        rule({ id: 'fast', filter: { prefix: 'tmp/' }, abortIncompleteUploads: { days: 2 } }),
        rule({ id: 'off', enabled: false, abortIncompleteUploads: { days: 1 } }),
        rule({ id: 'expiry-only', expiration: { days: 1 } }),
      ],
    };
    assert.deepEqual(uploadAbortDue(config, { key: 'tmp/x', initiatedAt: T0 }), { at: MIDNIGHT_AFTER + 2 * DAY_MS, ruleId: 'fast' });
    assert.deepEqual(uploadAbortDue(config, { key: 'data/x', initiatedAt: T0 }), { at: MIDNIGHT_AFTER + 7 * DAY_MS, ruleId: 'slow' });
    assert.equal(uploadAbortDue({ rules: [config.rules[2]!, config.rules[3]!] }, { key: 'x', initiatedAt: T0 }), undefined);
    assert.equal(uploadAbortDue(undefined, { key: 'x', initiatedAt: T0 }), undefined);
  });
});

describe('what lifecycle does to an object', () => {
  const config: LifecycleConfiguration = {
    rules: [
      rule({
        id: 'tiering',
        transitions: [
          { days: 30, storageClass: 'infrequent-access' },
          { days: 90, storageClass: 'cold-archive' },
        ],
      }),
      rule({ id: 'expire', filter: { prefix: 'tmp/' }, expiration: { days: 60 } }),
    ],
  };

  it('does nothing before anything is due', () => {
    assert.equal(objectActionAt(config, object('a'), MIDNIGHT_AFTER + 29 * DAY_MS), undefined);
  });

  it('moves an object to the coldest class that is due, and never back up', () => {
    assert.deepEqual(objectActionAt(config, object('a'), MIDNIGHT_AFTER + 30 * DAY_MS), {
      kind: 'transition',
      ruleId: 'tiering',
      dueAt: MIDNIGHT_AFTER + 30 * DAY_MS,
      storageClass: 'infrequent-access',
    });
    assert.equal(objectActionAt(config, object('a'), MIDNIGHT_AFTER + 100 * DAY_MS)?.kind, 'transition');
    assert.deepEqual(objectActionAt(config, object('a'), MIDNIGHT_AFTER + 100 * DAY_MS), {
      kind: 'transition',
      ruleId: 'tiering',
      dueAt: MIDNIGHT_AFTER + 90 * DAY_MS,
      storageClass: 'cold-archive',
    });
    assert.equal(objectActionAt(config, object('a', 'cold-archive'), MIDNIGHT_AFTER + 100 * DAY_MS), undefined);
    assert.equal(objectActionAt(config, object('a', 'deep-cold-archive'), MIDNIGHT_AFTER + 100 * DAY_MS), undefined);
  });

  it('expires rather than transitions once an expiration is due', () => {
    assert.equal(objectActionAt(config, object('tmp/a'), MIDNIGHT_AFTER + 45 * DAY_MS)?.kind, 'transition');
    assert.deepEqual(objectActionAt(config, object('tmp/a'), MIDNIGHT_AFTER + 60 * DAY_MS), {
      kind: 'expire',
      ruleId: 'expire',
      dueAt: MIDNIGHT_AFTER + 60 * DAY_MS,
    });
  });
});
