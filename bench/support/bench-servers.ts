import path from 'node:path';
import { spawnServer, type ServerProcess } from './server-process.js';

/** dist/bench/support -> the repository root. */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const benchDist = path.resolve(import.meta.dirname, '..');
/** Another build of Cairn to measure (A/B comparisons): CAIRN_BENCH_BIN=/path/to/bin/cairn.js. */
const cairnBin = process.env.CAIRN_BENCH_BIN ?? path.join(repoRoot, 'bin', 'cairn.js');

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export const cairnCredentials: Credentials = {
  accessKeyId: 'CKBENCHROOTKEY000001',
  secretAccessKey: 'bench-secret-key-for-the-cairn-benchmark',
};
/** s3rver's built-in account; it checks that the key exists but does not verify SigV4 signatures. */
export const s3rverCredentials: Credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
/** The bare server (and its discarding variant) checks nothing. */
export const bareCredentials: Credentials = { accessKeyId: 'BARE', secretAccessKey: 'BARE' };

/** `discard` is the bare server storing nothing: what the client alone can reach. */
export type ServerKind = 'cairn' | 'bare' | 's3rver' | 'discard';

export interface ServerUnderTest extends ServerProcess {
  readonly kind: ServerKind;
  readonly credentials: Credentials;
}

export interface StartServerOptions {
  readonly dataDir: string;
  /** Extra `cairn serve` flags (Cairn only). */
  readonly cairnArgs?: readonly string[];
  readonly nodeArgs?: readonly string[];
}

/** Starts one of the three servers under test as its own process, on a free port. */
export async function startServer(kind: ServerKind, options: StartServerOptions): Promise<ServerUnderTest> {
  const nodeArgs = options.nodeArgs ?? [];
  switch (kind) {
    case 'cairn': {
      const server = await spawnServer({
        name: 'cairn',
        nodeArgs,
        args: [cairnBin, 'serve', '--port', '0', '--data-dir', options.dataDir, '--access-log', 'false', ...(options.cairnArgs ?? [])],
        env: { CAIRN_ROOT_ACCESS_KEY: cairnCredentials.accessKeyId, CAIRN_ROOT_SECRET_KEY: cairnCredentials.secretAccessKey },
      });
      return { ...server, kind, credentials: cairnCredentials };
    }
    case 'bare': {
      const server = await spawnServer({
        name: 'bare',
        nodeArgs,
        args: [path.join(benchDist, 'servers', 'bare-s3-server.js'), options.dataDir],
      });
      return { ...server, kind, credentials: bareCredentials };
    }
    case 'discard': {
      const server = await spawnServer({
        name: 'discard',
        nodeArgs,
        args: [path.join(benchDist, 'servers', 'bare-s3-server.js'), options.dataDir, '--discard'],
      });
      return { ...server, kind, credentials: bareCredentials };
    }
    case 's3rver': {
      const server = await spawnServer({
        name: 's3rver',
        nodeArgs,
        args: [path.join(benchDist, 'servers', 's3rver-server.js'), options.dataDir],
      });
      return { ...server, kind, credentials: s3rverCredentials };
    }
  }
}
