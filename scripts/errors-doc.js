#!/usr/bin/env node
// Prints the table of docs/errors.md from the code (run after `npm run build`); test/docs checks they agree.
import { storageErrorCodes, storageErrorMeanings } from '../dist/src/core/errors.js';
import { s3Errors } from '../dist/src/dialects/s3/error-table.js';
import { adminStatus } from '../dist/src/admin-api/admin-errors.js';

const dialects = await loadDialectTables();
const header = ['core code', 'meaning', 'S3', ...dialects.map((d) => d.title), 'admin API'];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const code of storageErrorCodes) {
  const s3 = s3Errors[code];
  const cells = [
    `\`${code}\``,
    storageErrorMeanings[code],
    `${s3.status} ${s3.code}`,
    ...dialects.map((d) => d.cell(code)),
    String(adminStatus[code]),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}

async function loadDialectTables() {
  const out = [];
  for (const [title, module, name, format] of [
    ['OSS', '../dist/src/dialects/oss/error-table.js', 'ossErrors', (e) => `${e.status} ${e.code}`],
    ['Glacier', '../dist/src/dialects/glacier/error-table.js', 'glacierErrors', (e) => `${e.status} ${e.code}`],
  ]) {
    try {
      const table = (await import(module))[name];
      if (table) out.push({ title, cell: (code) => format(table[code]) });
    } catch {
      // that dialect is not built yet
    }
  }
  return out;
}
