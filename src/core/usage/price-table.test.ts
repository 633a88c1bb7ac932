import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStorageError } from '../errors.js';
import { examplePriceTable, parsePriceTable } from './price-table.js';

describe('price tables', () => {
  it('keeps the example value of everything a table leaves out', () => {
    const t = parsePriceTable({ currency: 'EUR', classes: { standard: { storagePerGbMonth: 0.03 }, archive: { minStorageDays: 90 } } });
    assert.equal(t.currency, 'EUR');
    assert.equal(t.hoursPerMonth, 730);
    assert.deepEqual(t.classes.standard, { storagePerGbMonth: 0.03, minBillableBytes: 0, minStorageDays: 0 });
    assert.deepEqual(t.classes.archive, { ...examplePriceTable.classes.archive, minStorageDays: 90 });
    assert.deepEqual(t.classes['deep-cold-archive'], examplePriceTable.classes['deep-cold-archive']);
  });

  it('refuses unknown classes and fields, and values that are not non-negative numbers, naming them', () => {
    const bad = [
      [],
      { classes: { glacier: {} } },
      { classes: { standard: { price: 1 } } },
      { classes: { standard: { storagePerGbMonth: -1 } } },
      { classes: { standard: { minBillableBytes: '64K' } } },
      { hoursPerMonth: 0 },
      { currency: '' },
      { extra: true },
    ];
    for (const value of bad) {
      assert.throws(
        () => parsePriceTable(value),
        (e: unknown) => isStorageError(e, 'InvalidArgument') && e.message.startsWith('price table: '),
        JSON.stringify(value),
      );
    }
  });
});
