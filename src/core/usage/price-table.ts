import { StorageError } from '../errors.js';
import { storageClasses, type StorageClass } from '../types.js';

export interface ClassPrice {
  /** Price of storing one GB (2^30 bytes) for one month. */
  readonly storagePerGbMonth: number;
  /** Objects smaller than this are billed as if they had this size. Never applies to parts. */
  readonly minBillableBytes: number;
  /** Objects that leave the class sooner are billed for the rest of it when they leave. Never applies to parts. */
  readonly minStorageDays: number;
}

export interface PriceTable {
  readonly currency: string;
  /** A billing month, in hours (730 = 365 x 24 / 12). */
  readonly hoursPerMonth: number;
  readonly classes: Readonly<Record<StorageClass, ClassPrice>>;
}

/**
 * Example prices, shaped like the public cloud's but nobody's actual price list: round numbers that
 * make the report readable until an operator supplies their own table (`--price-table FILE`).
 * Minimum sizes and durations follow the pattern of OSS (64 KiB; 30, 60, 180, 180 days).
 */
export const examplePriceTable: PriceTable = Object.freeze({
  currency: 'USD',
  hoursPerMonth: 730,
  classes: Object.freeze({
    standard: { storagePerGbMonth: 0.02, minBillableBytes: 0, minStorageDays: 0 },
    'infrequent-access': { storagePerGbMonth: 0.0125, minBillableBytes: 65_536, minStorageDays: 30 },
    archive: { storagePerGbMonth: 0.005, minBillableBytes: 65_536, minStorageDays: 60 },
    'cold-archive': { storagePerGbMonth: 0.002, minBillableBytes: 65_536, minStorageDays: 180 },
    'deep-cold-archive': { storagePerGbMonth: 0.001, minBillableBytes: 65_536, minStorageDays: 180 },
  }),
});

/**
 * A price table from JSON: `{"currency": "EUR", "hoursPerMonth": 730, "classes": {"standard":
 * {"storagePerGbMonth": 0.02, "minBillableBytes": 0, "minStorageDays": 0}, ...}}`. Anything left out
 * keeps the example value. Throws InvalidArgument naming the first bad field.
 */
export function parsePriceTable(value: unknown, base: PriceTable = examplePriceTable): PriceTable {
  const doc = record(value, 'the price table');
  const known = new Set(['currency', 'hoursPerMonth', 'classes']);
  for (const k of Object.keys(doc)) if (!known.has(k)) throw bad(`unknown field '${k}'`);
  const currency = doc.currency === undefined ? base.currency : doc.currency;
  if (typeof currency !== 'string' || currency === '') throw bad('currency must be a non-empty string');
  const hoursPerMonth = doc.hoursPerMonth === undefined ? base.hoursPerMonth : doc.hoursPerMonth;
  if (typeof hoursPerMonth !== 'number' || !(hoursPerMonth > 0)) throw bad('hoursPerMonth must be a positive number');
  const given = doc.classes === undefined ? {} : record(doc.classes, 'classes');
  for (const k of Object.keys(given)) {
    if (!(storageClasses as readonly string[]).includes(k)) throw bad(`unknown storage class '${k}' (known: ${storageClasses.join(', ')})`);
  }
  const classes = {} as Record<StorageClass, ClassPrice>;
  for (const c of storageClasses) {
    const entry = given[c] === undefined ? {} : record(given[c], `classes.${c}`);
    const field = (name: keyof ClassPrice): number => {
      const v = entry[name] === undefined ? base.classes[c][name] : entry[name];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw bad(`classes.${c}.${name} must be a number >= 0`);
      return v;
    };
    for (const k of Object.keys(entry)) {
      if (!['storagePerGbMonth', 'minBillableBytes', 'minStorageDays'].includes(k)) throw bad(`unknown field 'classes.${c}.${k}'`);
    }
    classes[c] = {
      storagePerGbMonth: field('storagePerGbMonth'),
      minBillableBytes: field('minBillableBytes'),
      minStorageDays: field('minStorageDays'),
    };
  }
  return Object.freeze({ currency, hoursPerMonth, classes: Object.freeze(classes) });
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

function bad(message: string): StorageError {
  return new StorageError('InvalidArgument', `price table: ${message}`);
}
