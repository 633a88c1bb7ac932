import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { metadataStoreContract } from '../metadata-store.contract.js';
import { SqliteMetadataStore } from './sqlite-metadata-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cairn-sqlite-'));
let n = 0;
after(() => rmSync(dir, { recursive: true, force: true }));

metadataStoreContract('sqlite (in memory)', async () => new SqliteMetadataStore({ path: ':memory:' }));
metadataStoreContract('sqlite (file, WAL)', async () => new SqliteMetadataStore({ path: path.join(dir, `m${++n}.db`) }));
