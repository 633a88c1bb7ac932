import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ceilUtcDay, DAY_MS, dueTime, latestStartDueBy } from './due-date.js';

const t = (iso: string) => Date.parse(iso);

describe('lifecycle due dates', () => {
  it('rounds the start up to the next 00:00 UTC and adds the days, as S3 counts them', () => {
    assert.equal(dueTime({ days: 2 }, t('2026-01-05T07:30:00Z')), t('2026-01-08T00:00:00Z'));
    assert.equal(dueTime({ days: 1 }, t('2026-01-05T23:59:59.999Z')), t('2026-01-07T00:00:00Z'));
    // A start exactly at midnight is its own ceiling.
    assert.equal(dueTime({ days: 1 }, t('2026-01-05T00:00:00Z')), t('2026-01-06T00:00:00Z'));
    // Transitions may wait zero days: the next midnight.
    assert.equal(dueTime({ days: 0 }, t('2026-01-05T10:00:00Z')), t('2026-01-06T00:00:00Z'));
    assert.equal(ceilUtcDay(t('2026-01-05T00:00:00.001Z')), t('2026-01-06T00:00:00Z'));
  });

  it('treats a date as a fixed moment and createdBefore as at once for older starts, never for newer', () => {
    assert.equal(dueTime({ date: t('2026-03-01T00:00:00Z') }, t('2020-01-01T00:00:00Z')), t('2026-03-01T00:00:00Z'));
    const cut = t('2026-02-01T00:00:00Z');
    assert.equal(dueTime({ createdBefore: cut }, cut - 1), cut - 1);
    assert.equal(dueTime({ createdBefore: cut }, cut), undefined);
    assert.equal(dueTime({}, cut), undefined);
    // Every condition of a trigger must hold: the later of the two.
    assert.equal(dueTime({ days: 3, createdBefore: cut }, cut - DAY_MS), cut + 2 * DAY_MS);
    assert.equal(dueTime({ date: cut }, cut + DAY_MS), cut + DAY_MS);
  });

  it('bounds how recent a start can be and still be due, never excluding one that is due', () => {
    const at = t('2026-06-10T12:00:00Z');
    assert.equal(latestStartDueBy({ date: t('2026-07-01T00:00:00Z') }, at), Number.NEGATIVE_INFINITY);
    for (const trigger of [
      { days: 1 },
      { days: 7 },
      { days: 0 },
      { date: t('2026-06-01T00:00:00Z') },
      { date: t('2026-06-11T00:00:00Z') },
      { createdBefore: t('2026-06-05T00:00:00Z') },
    ]) {
      const bound = latestStartDueBy(trigger, at);
      for (let start = at - 10 * DAY_MS; start <= at + DAY_MS; start += 3_599_999) {
        const due = dueTime(trigger, start);
        if (due !== undefined && due <= at) assert.ok(start <= bound, `${JSON.stringify(trigger)} start ${new Date(start).toISOString()}`);
      }
    }
  });
});
