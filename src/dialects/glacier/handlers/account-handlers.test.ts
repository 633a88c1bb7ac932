import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oneMonthAfter } from './account-handlers.js';

describe('provisioned capacity units', () => {
  it('last one calendar month, clamped to the end of a shorter month', () => {
    assert.equal(new Date(oneMonthAfter(Date.UTC(2026, 7, 31, 12))).toISOString(), '2026-09-30T12:00:00.000Z');
    assert.equal(new Date(oneMonthAfter(Date.UTC(2026, 0, 31))).toISOString(), '2026-02-28T00:00:00.000Z');
    assert.equal(new Date(oneMonthAfter(Date.UTC(2028, 0, 31))).toISOString(), '2028-02-29T00:00:00.000Z');
    assert.equal(new Date(oneMonthAfter(Date.UTC(2026, 11, 15))).toISOString(), '2027-01-15T00:00:00.000Z');
  });
});
