import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { examplePriceTable } from '../core/usage/price-table.js';
import { ConfigError, loadConfig } from './config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cairn-prices-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('lifecycle and pricing options', () => {
  it('runs lifecycle daily with the example prices unless told otherwise', () => {
    const config = loadConfig([], {});
    assert.equal(config.lifecycleIntervalMs, 24 * 3_600_000);
    assert.equal(config.lifecycleBatchSize, 500);
    assert.equal(config.lifecycleThrottleMs, 0);
    assert.equal(config.priceTable, examplePriceTable);
  });

  it('reads a price table file and the lifecycle knobs from flags and the environment', () => {
    const file = path.join(dir, 'prices.json');
    writeFileSync(file, JSON.stringify({ currency: 'EUR', classes: { standard: { storagePerGbMonth: 0.03 } } }));
    const config = loadConfig(['--price-table', file, '--lifecycle-interval', '0', '--lifecycle-throttle', '50ms'], {
      CAIRN_LIFECYCLE_BATCH_SIZE: '10',
    });
    assert.equal(config.priceTable.currency, 'EUR');
    assert.equal(config.priceTable.classes.standard.storagePerGbMonth, 0.03);
    assert.equal(config.lifecycleIntervalMs, 0);
    assert.equal(config.lifecycleThrottleMs, 50);
    assert.equal(config.lifecycleBatchSize, 10);
  });

  it('refuses a price table it cannot read, parse or accept, saying which and why', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"classes": {"standard": {"storagePerGbMonth": -1}}}');
    const notJson = path.join(dir, 'not.json');
    writeFileSync(notJson, 'prices');
    for (const [file, pattern] of [
      [path.join(dir, 'missing.json'), /cannot read the price table/],
      [notJson, /is not JSON/],
      [bad, /classes\.standard\.storagePerGbMonth must be a number >= 0/],
    ] as const) {
      assert.throws(
        () => loadConfig(['--price-table', file], {}),
        (e: unknown) => e instanceof ConfigError && pattern.test(e.message),
      );
    }
    assert.throws(() => loadConfig(['--lifecycle-batch-size', '0'], {}), ConfigError);
  });
});
