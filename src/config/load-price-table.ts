import { readFileSync } from 'node:fs';
import { isStorageError } from '../core/errors.js';
import { examplePriceTable, parsePriceTable, type PriceTable } from '../core/usage/price-table.js';
/**
 * The price table file named by --price-table, or the built-in example prices when none is named.
 * Throws an Error saying what is wrong with the file (the caller makes it a configuration error).
 */
export function loadPriceTable(file: string): PriceTable {
  if (file === '') return examplePriceTable;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the price table ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`the price table ${file} is not JSON: ${(e as Error).message}`);
  }
  try {
    return parsePriceTable(json);
  } catch (e) {
    if (isStorageError(e)) throw new Error(`${file}: ${e.message}`);
    throw e;
  }
}
